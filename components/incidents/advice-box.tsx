import Link from "next/link";
import { useTranslations } from "next-intl";
import { UpdateBody } from "@/components/incidents/update-body";
import { timeTag } from "@/components/ui/rich-tags";
import { useLocalizedLink } from "@/components/ui/use-localized-link";
import type { Locale } from "@/lib/i18n/locales";
import type { AdviceView } from "@/lib/views/incidents";

/**
 * The incident's pinned "What you should do": a labelled region with its own heading and
 * a heavy border, so it stands out by words and shape, not by colour alone. On the front
 * page it names and links its incident; on the incident page the title is already above.
 */
export function AdviceBox({
  advice,
  incident,
  timeZone,
  defaultLocale,
  headingLevel = 2,
}: {
  advice: AdviceView;
  /** Given on the front page, where the box stands apart from its incident. */
  incident?: { id: string; title: string };
  timeZone: string;
  defaultLocale: Locale;
  headingLevel?: 2 | 3;
}) {
  const t = useTranslations("incident.advice");
  const link = useLocalizedLink(defaultLocale);
  const Heading = headingLevel === 2 ? "h2" : "h3";
  const key = incident?.id ?? "incident";
  return (
    <section
      aria-labelledby={incident ? `advice-heading-${key} advice-about-${key}` : `advice-heading-${key}`}
      data-advice=""
      className="rounded-lg border-4 border-neutral-900 bg-white p-4 dark:border-neutral-100 dark:bg-neutral-900"
    >
      <Heading id={`advice-heading-${key}`} className="text-lg font-bold">
        {t("heading")}
      </Heading>
      {incident ? (
        <p id={`advice-about-${key}`} className="text-sm text-neutral-700 dark:text-neutral-300">
          {t.rich("about", {
            title: incident.title,
            link: (chunks) => (
              <Link href={link(`/incidents/${incident.id}`)} className="font-medium underline underline-offset-2">
                {chunks}
              </Link>
            ),
          })}
        </p>
      ) : null}
      <UpdateBody html={advice.html} />
      <p className="mt-2 text-sm text-neutral-700 dark:text-neutral-300">{t.rich("changed", { time: timeTag(advice.updatedAt, timeZone) })}</p>
    </section>
  );
}

