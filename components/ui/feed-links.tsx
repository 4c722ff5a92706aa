import { useLocale, useTranslations } from "next-intl";
import { hidden } from "@/components/ui/rich-tags";
import { FEED_FORMATS } from "@/lib/feed-links";
import { FORMAT_LOCALE } from "@/lib/i18n/locales";

/**
 * "RSS, Atom and JSON Feed": the feeds at `base` (the whole page's unless given) as links,
 * for running text, listed as the page's language lists things. `of` names whose feeds
 * they are to screen readers, for a page that links more than one set under the same
 * visible names. `link` gives a feed's address in the page's language ("/ja/history.rss").
 */
export function FeedLinkList({ base = "/history", of, link = (path) => path }: { base?: string; of?: string; link?: (path: string) => string }) {
  const t = useTranslations("feeds");
  const locale = useLocale();
  const parts = new Intl.ListFormat(FORMAT_LOCALE[locale], { type: "conjunction" }).formatToParts(FEED_FORMATS.map((format) => format.extension));
  let index = 0;
  return (
    <>
      {parts.map((part) => {
        if (part.type === "literal") return part.value;
        const format = FEED_FORMATS[index++];
        return (
          <a key={format.extension} href={link(`${base}.${format.extension}`)} className="underline underline-offset-2">
            {of ? t.rich("formatFor", { format: format.label, name: of, hidden }) : format.label}
          </a>
        );
      })}
    </>
  );
}
