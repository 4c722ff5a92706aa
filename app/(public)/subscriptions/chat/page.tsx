import type { Metadata } from "next";
import { getLocale, getTranslations } from "next-intl/server";
import { ChatChannelForm } from "@/components/subscriptions/chat-channel-forms";
import { linkTag } from "@/components/ui/rich-tags";
import { publicLink } from "@/server/i18n/public-link";
import { subscribeFormData } from "@/server/services";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("subscriptions.chat"))("title") };
}

// Its own page rather than a second form on /subscribe: one choice of services per page
// keeps each form's labels unique. Under /subscriptions/, so Next answers it directly.
export default async function ChatChannelPage() {
  const [{ settings, services }, t, link] = await Promise.all([subscribeFormData(await getLocale()), getTranslations("subscriptions.chat"), publicLink()]);
  return (
    <div className="max-w-xl space-y-6">
      <h1 className="text-2xl font-bold">{t("title")}</h1>
      <p>{t("intro", { name: settings.name })}</p>
      <ChatChannelForm services={services} />
      <p className="text-sm text-neutral-600 dark:text-neutral-400">{t.rich("preferEmail", { link: linkTag(link("/subscribe")) })}</p>
    </div>
  );
}
