import Link from "next/link";
import { useLocale, useTranslations } from "next-intl";
import type { ReactNode } from "react";
import { FeedLinkList } from "@/components/ui/feed-links";
import { timeTag } from "@/components/ui/rich-tags";
import { useLocalizedLink } from "@/components/ui/use-localized-link";
import { switchLink } from "@/lib/front";
import { CATALOGS } from "@/lib/i18n/catalogs";
import { LOCALES, type Locale } from "@/lib/i18n/locales";
import { translator } from "@/lib/i18n/translator";
import type { PageSettingsView } from "@/lib/views/settings";

/**
 * Header, demo notice, main landmark and footer shared by every public page, in the
 * page's language, with a plain link to the page in each other language (no script, no
 * cookie: the language is in the address). `path` is the page's address without its
 * language prefix.
 */
export function SiteChrome({ settings, path, children }: { settings: PageSettingsView; path: string; children: ReactNode }) {
  const t = useTranslations("chrome");
  const locale = useLocale();
  const link = useLocalizedLink(settings.defaultLocale);
  const others = LOCALES.filter((other) => other !== locale);
  return (
    <>
      <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-10 focus:rounded focus:bg-white focus:p-2 focus:text-black">
        {t("skipToContent")}
      </a>
      <header className="border-b border-neutral-300 bg-white dark:border-neutral-800 dark:bg-neutral-900">
        <div className="mx-auto flex max-w-3xl flex-wrap items-center justify-between gap-2 px-4 py-3">
          <Link href={link("/")} className="text-lg font-bold">
            {settings.name}
          </Link>
          <div className="flex flex-wrap items-center gap-x-4 gap-y-2 text-sm">
            <nav aria-label={t("mainNav")}>
              <ul className="flex flex-wrap gap-x-4 gap-y-1">
                <li>
                  <Link href={link("/")} className="underline-offset-2 hover:underline">
                    {t("nav.status")}
                  </Link>
                </li>
                <li>
                  <Link href={link("/history")} className="underline-offset-2 hover:underline">
                    {t("nav.history")}
                  </Link>
                </li>
                <li>
                  <Link href={link("/subscribe")} className="underline-offset-2 hover:underline">
                    {t("nav.subscribe")}
                  </Link>
                </li>
              </ul>
            </nav>
            <nav aria-label={t("languageNav")}>
              <ul className="flex gap-x-3">
                {others.map((other) => (
                  <li key={other}>
                    <a href={switchLink(path, other, settings.defaultLocale)} hrefLang={other} lang={other} className="underline underline-offset-2">
                      {CATALOGS[other].meta.language}
                    </a>
                  </li>
                ))}
              </ul>
            </nav>
          </div>
        </div>
        {others.map((other) => (
          <LanguageOffer key={other} locale={other} href={switchLink(path, other, settings.defaultLocale)} />
        ))}
        {settings.asOf ? (
          <p className="border-t border-amber-300 bg-amber-50 px-4 py-2 text-center text-sm text-amber-950 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-100">
            {t.rich("demo", { time: timeTag(settings.asOf, settings.timeZone) })}
          </p>
        ) : null}
      </header>
      <main id="main" className="mx-auto max-w-3xl px-4 py-6">
        {children}
      </main>
      <footer className="mx-auto max-w-3xl px-4 pb-8 text-sm text-neutral-600 dark:text-neutral-400">
        {/*
          Empty as served: public/live.js says here what changed on an open page. A polite
          live region without the status role, so a page's own status message (a form's
          answer) stays the one status on it.
        */}
        <div id="live-updates" aria-live="polite" aria-atomic="true" className="sr-only" {...useLiveMessages()} />
        <p>{t("timeZone", { zone: settings.timeZone.replace(/_/g, " ") })}</p>
        <p>
          {t.rich("follow", {
            feeds: () => <FeedLinkList />,
            api: (chunks) => (
              <a href="/api/v2/summary.json" className="underline underline-offset-2">
                {chunks}
              </a>
            ),
          })}
        </p>
        <p>{t.rich("poweredBy", { name: (chunks) => <span className="font-semibold">{chunks}</span> })}</p>
      </footer>
    </>
  );
}

/**
 * "This page is also in Japanese", written in that language, hidden as served: the same
 * HTML for every reader (no Vary: Accept-Language, no redirect), and public/live.js
 * shows it to a reader whose browser prefers that language.
 */
function LanguageOffer({ locale, href }: { locale: Locale; href: string }) {
  return (
    <p data-offer-lang={locale} lang={locale} hidden className="border-t border-neutral-300 px-4 py-2 text-center text-sm dark:border-neutral-800">
      {translator(locale).rich("offer.line", {
        link: (chunks) => (
          <a href={href} hrefLang={locale} className="underline underline-offset-2">
            {chunks}
          </a>
        ),
      })}
    </p>
  );
}

/**
 * What public/live.js says when an open page changes, in the page's language, as
 * templates on its live region: the script fills in `{title}`, `{status}` and the rest.
 */
function useLiveMessages(): Record<`data-msg-${string}`, string> {
  const t = useTranslations("live");
  const title = "{title}";
  const status = "{status}";
  return {
    "data-msg-sentence": t("sentence", { text: "{text}" }),
    "data-msg-new-update": t("newUpdate", { title, status }),
    "data-msg-new-incident": t("newIncident", { title, status }),
    "data-msg-new-maintenance": t("newMaintenance", { title, status }),
    "data-msg-service-now": t("serviceNow", { name: "{name}", status }),
    "data-msg-stale": t("stale"),
    "data-msg-fresh": t("fresh"),
    "data-msg-updated": t("updated"),
    "data-msg-more-one": t("moreOne"),
    "data-msg-more-other": t("moreOther", { count: "{count}" }),
  };
}
