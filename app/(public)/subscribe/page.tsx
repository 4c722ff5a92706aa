import type { Metadata } from "next";
import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { SubscribeForm } from "@/components/subscriptions/subscribe-form";
import { FeedLinkList } from "@/components/ui/feed-links";
import { feedAlternates } from "@/lib/feed-links";
import { localizedLink } from "@/lib/front";
import { pageAlternates } from "@/lib/i18n/routing";
import { languageChoice } from "@/server/i18n/language-choice";
import { subscribeFormData } from "@/server/services";
import { getPageSettings } from "@/server/settings";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  const [settings, locale, t] = await Promise.all([getPageSettings(), getLocale(), getTranslations("subscribe")]);
  return { title: t("title"), alternates: { ...pageAlternates(settings.url, "/subscribe", locale, settings.defaultLocale), types: feedAlternates(settings.name, "/history") } };
}

export default async function SubscribePage() {
  const [{ settings, services }, locale, t] = await Promise.all([subscribeFormData(await getLocale()), getLocale(), getTranslations("subscribe")]);
  return (
    <div className="max-w-xl space-y-6">
      <h1 className="text-2xl font-bold">{t("title")}</h1>
      <p>{t("intro", { name: settings.name })}</p>
      <SubscribeForm services={services} language={await languageChoice()} />
      <section aria-labelledby="chat-channel" className="space-y-2 border-t border-neutral-300 pt-6 dark:border-neutral-700">
        <h2 id="chat-channel" className="text-xl font-semibold">
          {t("chatHeading")}
        </h2>
        <p>
          {t.rich("chatIntro", {
            link: (chunks) => (
              <Link href={localizedLink("/subscriptions/chat", locale, settings.defaultLocale)} className="underline underline-offset-2">
                {chunks}
              </Link>
            ),
          })}
        </p>
      </section>
      <p className="text-sm text-neutral-600 dark:text-neutral-400">{t.rich("feeds", { feeds: () => <FeedLinkList /> })}</p>
    </div>
  );
}
