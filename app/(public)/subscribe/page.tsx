import type { Metadata } from "next";
import { SubscribeForm } from "@/components/subscriptions/subscribe-form";
import { FeedLinkList } from "@/components/ui/feed-links";
import { feedAlternates } from "@/lib/feed-links";
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
      <SubscribeForm services={services} />
      <p className="text-sm text-neutral-600 dark:text-neutral-400">
        Prefer a feed reader? Follow <FeedLinkList />.
      </p>
    </div>
  );
}
