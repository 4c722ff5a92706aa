import type { Metadata } from "next";
import Link from "next/link";
import { ChatConfirmForm } from "@/components/subscriptions/chat-channel-forms";
import { previewChatConfirmation } from "@/server/chat-channels";
import { serviceOptions } from "@/server/services";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Confirm chat channel updates", robots: { index: false } };

// Opening the link only shows what it would confirm: chat services fetch links for
// previews, so confirming takes a press of the button (a POST).
export default async function ConfirmChannelPage({ searchParams }: { searchParams: Promise<{ token?: string }> }) {
  const { token } = await searchParams;
  const { check, channel } = await previewChatConfirmation(token);
  if (!channel) {
    return (
      <div className="max-w-xl space-y-4">
        <h1 className="text-2xl font-bold">This link does not work</h1>
        <p>{check === "expired" ? "It has expired." : "It may have been used already (then the channel gets updates), or it was copied incompletely."}</p>
        <p>
          <Link href="/subscribe" className="underline underline-offset-2">
            Add the channel again
          </Link>{" "}
          to get a new link.
        </p>
      </div>
    );
  }
  const names = channel.allServices ? ["every service"] : (await serviceOptions()).filter((service) => channel.serviceIds.includes(service.id)).map((service) => service.name);
  return (
    <div className="max-w-xl space-y-4">
      <h1 className="text-2xl font-bold">Confirm chat channel updates</h1>
      <p>
        Post status updates about {names.join(", ")} to the {channel.formatLabel} channel at <strong>{channel.host}</strong>?
      </p>
      <ChatConfirmForm token={token!} />
    </div>
  );
}
