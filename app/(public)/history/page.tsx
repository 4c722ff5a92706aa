import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { z } from "zod";
import { IncidentList } from "@/components/incidents/incident-list";
import { formatMonth, monthKey, monthRange, shiftMonth } from "@/lib/time";
import { hasIncidentsBefore, listIncidentsBetween } from "@/server/incidents";
import { getPageSettings } from "@/server/settings";

// Live data on every request; caching is decided in front of Next.
export const dynamic = "force-dynamic";

export const metadata: Metadata = { title: "History" };

/** Months shown on one page of history. */
const MONTHS_PER_PAGE = 3;

const searchSchema = z.object({
  month: z
    .string()
    .regex(/^\d{4}-(0[1-9]|1[0-2])$/)
    .optional(),
});

interface Props {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}

export default async function HistoryPage({ searchParams }: Props) {
  const parsed = searchSchema.safeParse(await searchParams);
  if (!parsed.success) notFound();
  const settings = await getPageSettings();
  const current = monthKey(settings.now, settings.timeZone);
  const newest = parsed.data.month && parsed.data.month < current ? parsed.data.month : current;
  const months = Array.from({ length: MONTHS_PER_PAGE }, (_, index) => shiftMonth(newest, -index));
  const oldest = months[months.length - 1];

  const pageStart = monthRange(oldest, settings.timeZone).start;
  const pageEnd = monthRange(newest, settings.timeZone).end;
  const [incidents, hasOlder] = await Promise.all([listIncidentsBetween(pageStart, pageEnd), hasIncidentsBefore(pageStart)]);

  const byMonth = months.map((key) => {
    const range = monthRange(key, settings.timeZone);
    return { key, incidents: incidents.filter((incident) => incident.startedAt >= range.start && incident.startedAt < range.end) };
  });
  const newer = newest < current ? shiftMonth(newest, MONTHS_PER_PAGE) : null;

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
