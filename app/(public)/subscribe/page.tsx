import type { Metadata } from "next";
import { SubscribeForm } from "@/components/subscriptions/subscribe-form";
import { FeedLinkList } from "@/components/ui/feed-links";
import { lastKnown } from "@/server/db";
import { serviceOptions } from "@/server/services";
import { getPageSettings } from "@/server/settings";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Get updates by email" };

export default async function SubscribePage() {
  // Drawn from the last known services while the database is down, so that sending the
  // form then answers with its message rather than an error page.
  const [settings, services] = await Promise.all([getPageSettings(), lastKnown("subscribe:services", serviceOptions, [])]);
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
