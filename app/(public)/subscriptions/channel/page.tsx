import type { Metadata } from "next";
import Link from "next/link";
import { ChatManageForm, ChatRemoveForm } from "@/components/subscriptions/chat-channel-forms";
import { findChatChannel } from "@/server/chat-channels";
import { serviceOptions } from "@/server/services";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Chat channel updates", robots: { index: false } };

// Every message to a reader's channel links here: anyone in the channel can change its
// services or stop the messages.
export default async function ChannelPage({ searchParams }: { searchParams: Promise<{ token?: string; confirmed?: string; removed?: string }> }) {
  const { token, confirmed, removed } = await searchParams;
  const channel = await findChatChannel(token);
  if (!channel) {
    return (
      <div className="max-w-xl space-y-4">
        <h1 className="text-2xl font-bold">{removed === "1" ? "Removed" : "No chat channel here"}</h1>
        {removed === "1" ? (
          <p role="status">Nothing more will be posted to that channel.</p>
        ) : (
          <p>The channel was removed, or the link was copied incompletely.</p>
        )}
        <p>
          <Link href="/subscribe" className="underline underline-offset-2">
            Get updates
          </Link>{" "}
          by email or in a chat channel.
        </p>
      </div>
    );
  }
  return (
    <div className="max-w-xl space-y-8">
      <h1 className="text-2xl font-bold">Chat channel updates</h1>
      {confirmed === "1" && channel.confirmed ? (
        <p role="status" className="rounded border border-ok px-3 py-2 text-ok">
          Confirmed: the channel will get our status updates. Every message links back here to change the choice or stop them.
        </p>
      ) : null}
      <p>
        Status updates go to a {channel.formatLabel} channel at <strong>{channel.host}</strong>
        {channel.confirmed ? "." : ", once someone confirms with the link in the channel."}
      </p>
      <ChatManageForm token={token!} services={await serviceOptions()} current={channel} />
      <section aria-labelledby="remove-channel" className="space-y-2 border-t border-neutral-300 pt-6 dark:border-neutral-700">
        <h2 id="remove-channel" className="text-lg font-semibold">
          Stop the messages
        </h2>
        <p>Nothing more is posted to the channel, and its address is deleted.</p>
        <ChatRemoveForm token={token!} />
      </section>
    </div>
  );
}
