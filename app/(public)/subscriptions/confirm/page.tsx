import type { Metadata } from "next";
import Link from "next/link";
import { ConfirmForm } from "@/components/subscriptions/manage-forms";
import { serviceOptions } from "@/server/services";
import { previewConfirmation } from "@/server/subscriptions";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Confirm your subscription", robots: { index: false } };

// Opening the link only shows what it would confirm: mail scanners open links too,
// so confirming takes a press of the button (a POST).
export default async function ConfirmPage({ searchParams }: { searchParams: Promise<{ token?: string }> }) {
  const { token } = await searchParams;
  const { check, subscription } = await previewConfirmation(token);
  if (!subscription) {
    return (
      <div className="max-w-xl space-y-4">
        <h1 className="text-2xl font-bold">This link does not work</h1>
        <p>{check === "expired" ? "It has expired." : "It may have been used already (then you are subscribed), or it was copied incompletely."}</p>
        <p>
          <Link href="/subscribe" className="underline underline-offset-2">
            Subscribe again
          </Link>{" "}
          to get a new link.
        </p>
      </div>
    );
  }
  const names = subscription.allServices ? ["every service"] : (await serviceOptions()).filter((service) => subscription.serviceIds.includes(service.id)).map((service) => service.name);
  return (
    <div className="max-w-xl space-y-4">
      <h1 className="text-2xl font-bold">Confirm your subscription</h1>
      <p>
        Send status updates about {names.join(", ")} to <strong>{subscription.email}</strong>?
      </p>
      <ConfirmForm token={token!} />
    </div>
  );
}
