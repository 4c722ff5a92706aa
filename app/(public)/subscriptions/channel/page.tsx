import type { Metadata } from "next";
import { getLocale, getTranslations } from "next-intl/server";
import { ChatManageForm, ChatRemoveForm } from "@/components/subscriptions/chat-channel-forms";
import { linkTag, strong } from "@/components/ui/rich-tags";
import { findChatChannel } from "@/server/chat-channels";
import { publicLink } from "@/server/i18n/public-link";
import { serviceOptions } from "@/server/services";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("subscriptions.channel"))("title"), robots: { index: false } };
}

// Every message to a reader's channel links here: anyone in the channel can change its
// services or stop the messages.
export default async function ChannelPage({ searchParams }: { searchParams: Promise<{ token?: string; confirmed?: string; removed?: string }> }) {
  const { token, confirmed, removed } = await searchParams;
  const [channel, t, link] = await Promise.all([findChatChannel(token), getTranslations("subscriptions.channel"), publicLink()]);
  if (!channel) {
    return (
      <div className="max-w-xl space-y-4">
        <h1 className="text-2xl font-bold">{removed === "1" ? t("removedHeading") : t("missingHeading")}</h1>
        {removed === "1" ? <p role="status">{t("removed")}</p> : <p>{t("missing")}</p>}
        <p>{t.rich("getUpdates", { link: linkTag(link("/subscribe")) })}</p>
      </div>
    );
  }
  return (
    <div className="max-w-xl space-y-8">
      <h1 className="text-2xl font-bold">{t("title")}</h1>
      {confirmed === "1" && channel.confirmed ? (
        <p role="status" className="rounded border border-ok px-3 py-2 text-ok">
          {t("confirmed")}
        </p>
      ) : null}
      <p>{t.rich(channel.confirmed ? "goesTo" : "goesToOnceConfirmed", { format: channel.formatLabel, host: channel.host, strong })}</p>
      <ChatManageForm token={token!} services={await serviceOptions(await getLocale())} current={channel} />
      <section aria-labelledby="remove-channel" className="space-y-2 border-t border-neutral-300 pt-6 dark:border-neutral-700">
        <h2 id="remove-channel" className="text-lg font-semibold">
          {t("stopHeading")}
        </h2>
        <p>{t("stopText")}</p>
        <ChatRemoveForm token={token!} />
      </section>
    </div>
  );
}
