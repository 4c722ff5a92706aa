import type { Metadata } from "next";
import Link from "next/link";
import { SubscribeForm } from "@/components/subscriptions/subscribe-form";
import { FeedLinkList } from "@/components/ui/feed-links";
import { feedAlternates } from "@/lib/feed-links";
import { languageChoice } from "@/server/i18n/language-choice";
import { subscribeFormData } from "@/server/services";
import { getPageSettings } from "@/server/settings";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  const settings = await getPageSettings();
  return { title: "Get updates by email", alternates: { canonical: `${settings.url}/subscribe`, types: feedAlternates(settings.name, "/history") } };
}

export default async function SubscribePage() {
  const { settings, services } = await subscribeFormData();
  return (
    <div className="max-w-xl space-y-6">
      <h1 className="text-2xl font-bold">Get updates by email</h1>
      <p>
        We will mail you every update about {settings.name}: when something goes wrong, each time we learn more, and when it is fixed. We first send a link to confirm
        the address; nothing else arrives until you follow it. Every mail has a one-click unsubscribe.
      </p>
      <SubscribeForm services={services} language={await languageChoice()} />
      <section aria-labelledby="chat-channel" className="space-y-2 border-t border-neutral-300 pt-6 dark:border-neutral-700">
        <h2 id="chat-channel" className="text-xl font-semibold">
          Or post updates to a chat channel
        </h2>
        <p>
          Slack, Discord or Microsoft Teams: give us the channel&apos;s incoming-webhook URL and every update is posted there in the service&apos;s own format.{" "}
          <Link href="/subscriptions/chat" className="underline underline-offset-2">
            Add a chat channel
          </Link>
        </p>
      </section>
      <p className="text-sm text-neutral-600 dark:text-neutral-400">
        Prefer a feed reader? Follow <FeedLinkList />.
      </p>
    </div>
  );
}
