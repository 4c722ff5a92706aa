import type { Metadata } from "next";
import { historySearchSchema } from "@/lib/schemas/filters";
import Link from "next/link";
import { getLocale } from "next-intl/server";
import { notFound } from "next/navigation";
import { IncidentList } from "@/components/incidents/incident-list";
import { HISTORY_MONTHS_PER_PAGE } from "@/lib/constants";
import { feedAlternates } from "@/lib/feed-links";
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
  const [parsed, settings] = await Promise.all([searchParams.then((params) => historySearchSchema.safeParse(params)), getPageSettings()]);
  if (!parsed.success) return { title: "History" };
  const current = await currentHistoryMonth(settings);
  const newest = newestMonth(parsed.data.month, current);
  const path = newest === current ? "/history" : `/history?month=${newest}`;
  return { title: "History", alternates: { canonical: `${settings.url}${path}`, types: feedAlternates(settings.name, "/history") } };
}

export default async function HistoryPage({ searchParams }: Props) {
  const parsed = historySearchSchema.safeParse(await searchParams);
  if (!parsed.success) notFound();
  const settings = await getPageSettings();
  const current = await currentHistoryMonth(settings);
  const newest = newestMonth(parsed.data.month, current);
  const months = Array.from({ length: HISTORY_MONTHS_PER_PAGE }, (_, index) => shiftMonth(newest, -index));
  const oldest = months[months.length - 1];

  const pageStart = monthRange(oldest, settings.timeZone).start;
  const pageEnd = monthRange(newest, settings.timeZone).end;
  const [incidents, hasOlder] = await Promise.all([listIncidentsBetween(pageStart, pageEnd, await getLocale()), hasIncidentsBefore(pageStart)]);

  const byMonth = months.map((key) => {
    const range = monthRange(key, settings.timeZone);
    return { key, incidents: incidents.filter((incident) => incident.startedAt >= range.start && incident.startedAt < range.end) };
  });
  const newer = newest < current ? shiftMonth(newest, HISTORY_MONTHS_PER_PAGE) : null;

  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-bold">Incident and maintenance history</h1>
      {byMonth.map((month) => (
        <section key={month.key} aria-labelledby={`month-${month.key}`} className="space-y-3">
          <h2 id={`month-${month.key}`} className="text-xl font-semibold">
            {formatMonth(month.key)}
          </h2>
          <IncidentList incidents={month.incidents} timeZone={settings.timeZone} empty="No incidents or maintenance this month." />
        </section>
      ))}
      <nav aria-label="History pages" className="flex justify-between">
        {hasOlder ? (
          <Link href={`/history?month=${shiftMonth(oldest, -1)}`} className="underline underline-offset-2">
            ← Older
          </Link>
        ) : (
          <span />
        )}
        {newer ? (
          <Link href={newer >= current ? "/history" : `/history?month=${newer}`} className="underline underline-offset-2">
            Newer →
          </Link>
        ) : null}
      </nav>
    </div>
  );
}
