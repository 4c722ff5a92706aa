import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { TwoFactorSetupForm } from "@/components/admin/two-factor-setup";
import { currentActor } from "@/server/session";

export const metadata: Metadata = { title: "Two-factor authentication", robots: { index: false } };
export const dynamic = "force-dynamic";

// Outside the console layout: people the page requires to set up two-factor land here first.
export default async function TwoFactorPage() {
  const actor = await currentActor();
  if (!actor) redirect("/admin/login");
  if (actor.twoFactorPending) redirect("/admin/login/verify");
  return (
    <main id="main" className="mx-auto max-w-lg space-y-6 px-4 py-12">
      <h1 className="text-2xl font-bold">Two-factor authentication</h1>
      {actor.mustSetUpTwoFactor ? <p role="status">This status page requires two-factor authentication for everyone. Set it up to continue.</p> : null}
      <TwoFactorSetupForm enabled={Boolean(actor.hasTwoFactor)} />
    </main>
  );
}
