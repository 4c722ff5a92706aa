import type { Metadata } from "next";
import Link from "next/link";
import { ChatChannelForm } from "@/components/subscriptions/chat-channel-forms";
import { subscribeFormData } from "@/server/services";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Post updates to a chat channel" };

// Its own page rather than a second form on /subscribe: one choice of services per page
// keeps each form's labels unique. Under /subscriptions/, so Next answers it directly.
export default async function ChatChannelPage() {
  const { settings, services } = await subscribeFormData();
  return (
    <div className="max-w-xl space-y-6">
      <h1 className="text-2xl font-bold">Post updates to a chat channel</h1>
      <p>
        Every update about {settings.name} can be posted to a Slack, Discord or Microsoft Teams channel, in the service&apos;s own format. We first post one message to
        the channel with a link to confirm; nothing else is posted until someone there follows it. Every later message links to where the channel&apos;s choice can be
        changed or the messages stopped.
      </p>
      <ChatChannelForm services={services} />
      <p className="text-sm text-neutral-600 dark:text-neutral-400">
        Prefer email?{" "}
        <Link href="/subscribe" className="underline underline-offset-2">
          Get updates by email
        </Link>
        .
      </p>
    </div>
  );
}
