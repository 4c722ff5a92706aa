import type { Metadata } from "next";
import { getLocale, getTranslations } from "next-intl/server";
import { ChatConfirmForm } from "@/components/subscriptions/chat-channel-forms";
import { linkTag, strong } from "@/components/ui/rich-tags";
import { formatList } from "@/lib/i18n/locales";
import { previewChatConfirmation } from "@/server/chat-channels";
import { publicLink } from "@/server/i18n/public-link";
import { serviceOptions } from "@/server/services";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("subscriptions.channel"))("confirmTitle"), robots: { index: false } };
}

// Opening the link only shows what it would confirm: chat services fetch links for
// previews, so confirming takes a press of the button (a POST).
export default async function ConfirmChannelPage({ searchParams }: { searchParams: Promise<{ token?: string }> }) {
  const { token } = await searchParams;
  const [{ check, channel }, t, link, locale] = await Promise.all([previewChatConfirmation(token), getTranslations("subscriptions"), publicLink(), getLocale()]);
  if (!channel) {
    return (
      <div className="max-w-xl space-y-4">
        <h1 className="text-2xl font-bold">{t("badLink.heading")}</h1>
        <p>{check === "expired" ? t("badLink.expired") : t("badLink.channel")}</p>
        <p>{t.rich("badLink.addAgain", { link: linkTag(link("/subscribe")) })}</p>
      </div>
    );
  }
  const names = channel.allServices ? [t("everyService")] : (await serviceOptions(await getLocale())).filter((service) => channel.serviceIds.includes(service.id)).map((service) => service.name);
  return (
    <div className="max-w-xl space-y-4">
      <h1 className="text-2xl font-bold">{t("channel.confirmTitle")}</h1>
      <p>{t.rich("channel.confirmQuestion", { services: formatList(names, locale), format: channel.formatLabel, host: channel.host, strong })}</p>
      <ChatConfirmForm token={token!} />
    </div>
  );
}
