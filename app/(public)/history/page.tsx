import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { IncidentList } from "@/components/incidents/incident-list";
import { HISTORY_MONTHS_PER_PAGE } from "@/lib/constants";
import { feedAlternates } from "@/lib/feed-links";
import { localizedLink } from "@/lib/front";
import { pageAlternates } from "@/lib/i18n/routing";
import { historySearchSchema } from "@/lib/schemas/filters";
import { formatMonth, monthRange, shiftMonth } from "@/lib/time";
import { currentHistoryMonth, hasIncidentsBefore, listIncidentsBetween } from "@/server/incidents";
import { getPageSettings } from "@/server/settings";

// Live data on every request; caching is decided in front of Next.
export const dynamic = "force-dynamic";

interface Props {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}

/** The newest month shown: the one asked for, or this month for none or a later one. */
function newestMonth(month: string | undefined, current: string): string {
  return month && month < current ? month : current;
}

export async function generateMetadata({ searchParams }: Props): Promise<Metadata> {
  const [parsed, settings, locale, t] = await Promise.all([searchParams.then((params) => historySearchSchema.safeParse(params)), getPageSettings(), getLocale(), getTranslations("history")]);
  if (!parsed.success) return { title: t("title") };
  const current = await currentHistoryMonth(settings);
  const newest = newestMonth(parsed.data.month, current);
  return { title: t("title"), alternates: { ...pageAlternates(settings.url, monthPath(newest, current), locale, settings.defaultLocale), types: feedAlternates(settings.name, "/history") } };
}

/** The history page whose newest month is `month`: the plain one for this month. */
function monthPath(month: string, current: string): string {
  return month >= current ? "/history" : `/history?month=${month}`;
}

export default async function HistoryPage({ searchParams }: Props) {
  const parsed = historySearchSchema.safeParse(await searchParams);
  if (!parsed.success) notFound();
  const [settings, locale, t] = await Promise.all([getPageSettings(), getLocale(), getTranslations("history")]);
  const link = (path: string) => localizedLink(path, locale, settings.defaultLocale);
  const current = await currentHistoryMonth(settings);
  const newest = newestMonth(parsed.data.month, current);
  const months = Array.from({ length: HISTORY_MONTHS_PER_PAGE }, (_, index) => shiftMonth(newest, -index));
  const oldest = months[months.length - 1];

  const pageStart = monthRange(oldest, settings.timeZone).start;
  const pageEnd = monthRange(newest, settings.timeZone).end;
  const [incidents, hasOlder] = await Promise.all([listIncidentsBetween(pageStart, pageEnd), hasIncidentsBefore(pageStart)]);

  const byMonth = months.map((key) => {
    const range = monthRange(key, settings.timeZone);
    return { key, incidents: incidents.filter((incident) => incident.startedAt >= range.start && incident.startedAt < range.end) };
  });
  const newer = newest < current ? shiftMonth(newest, HISTORY_MONTHS_PER_PAGE) : null;

  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-bold">{t("heading")}</h1>
      {byMonth.map((month) => (
        <section key={month.key} aria-labelledby={`month-${month.key}`} className="space-y-3">
          <h2 id={`month-${month.key}`} className="text-xl font-semibold">
            {formatMonth(month.key, locale)}
          </h2>
          <IncidentList incidents={month.incidents} timeZone={settings.timeZone} defaultLocale={settings.defaultLocale} empty={t("empty")} />
        </section>
      ))}
      <nav aria-label={t("pages")} className="flex justify-between">
        {hasOlder ? (
          <Link href={link(monthPath(shiftMonth(oldest, -1), current))} className="underline underline-offset-2">
            {t("older")}
          </Link>
        ) : (
          <span />
        )}
        {newer ? (
          <Link href={link(monthPath(newer, current))} className="underline underline-offset-2">
            {t("newer")}
          </Link>
        ) : null}
      </nav>
    </div>
  );
}
