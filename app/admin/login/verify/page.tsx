import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { VerifyForm } from "@/components/admin/verify-form";
import { currentActor } from "@/server/session";

export const metadata: Metadata = { title: "Two-factor code", robots: { index: false } };
export const dynamic = "force-dynamic";

export default async function VerifyPage() {
  const actor = await currentActor();
  if (!actor) redirect("/admin/login");
  if (!actor.twoFactorPending) redirect("/admin");
  return (
    <main id="main" className="mx-auto max-w-sm space-y-6 px-4 py-12">
      <h1 className="text-2xl font-bold">Enter your two-factor code</h1>
      <VerifyForm />
    </main>
  );
}
