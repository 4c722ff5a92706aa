import type { ServiceStatus } from "@/lib/constants";
import { DEFAULT_LOCALE, FORMAT_LOCALE, type Locale } from "@/lib/i18n/locales";
import { STATUS_SEVERITY } from "@/lib/status";

/** Days each uptime bar holds, and the most recent of them that narrow screens draw (app/globals.css). */
export const UPTIME_DAYS = 90;
export const NARROW_UPTIME_DAYS = 30;

// The 90-day bars. Downtime is weighted as Statuspage weighs it: a major outage
// counts in full, a partial outage as 30%, degraded performance and maintenance
// not at all.
export const DOWNTIME_WEIGHT: Record<ServiceStatus, number> = {
  operational: 0,
  degraded_performance: 0,
  partial_outage: 0.3,
  major_outage: 1,
  under_maintenance: 0,
};

export interface StatusPoint {
  at: Date;
  status: ServiceStatus;
}

export interface DayWindow {
  key: string;
  start: Date;
  end: Date;
}

export interface UptimeDay {
  key: string;
  start: Date;
  /** Worst status seen that day; null when nothing was recorded yet (no data). */
  worst: ServiceStatus | null;
  /** Weighted minutes of downtime that day. */
  downtimeMinutes: number;
  /** Milliseconds with a recorded status, and of weighted downtime, unrounded: what percentages are made of. */
  trackedMs: number;
  downMs: number;
}

export interface UptimeSummary {
  days: UptimeDay[];
  /** Percentage over the recorded part of the window, or null with no data at all. */
  uptime: number | null;
}

/**
 * Folds a service's status history into daily cells. `history` must be sorted by
 * time and may start before the window (the last earlier point is the status the
 * window opens with). Time after `now` is not counted.
 */
export function dailyUptime(history: StatusPoint[], days: DayWindow[], now: Date): UptimeSummary {
  let index = 0;
  let current: ServiceStatus | null = null;
  const result: UptimeDay[] = [];

  for (const day of days) {
    const dayEnd = Math.min(day.end.getTime(), now.getTime());
    let cursor = day.start.getTime();
    // Points up to the day's start set the status it opens with.
    while (index < history.length && history[index].at.getTime() <= cursor) {
      current = history[index].status;
      index++;
    }
    let worst: ServiceStatus | null = current;
    let dayTracked = 0;
    let dayDown = 0;
    const account = (until: number) => {
      if (current !== null && until > cursor) {
        dayTracked += until - cursor;
        dayDown += (until - cursor) * DOWNTIME_WEIGHT[current];
      }
      cursor = Math.max(cursor, until);
    };
    while (index < history.length && history[index].at.getTime() < day.end.getTime()) {
      const point = history[index];
      account(Math.min(point.at.getTime(), dayEnd));
      current = point.status;
      if (point.at.getTime() <= dayEnd && (worst === null || STATUS_SEVERITY[current] > STATUS_SEVERITY[worst])) {
        worst = current;
      }
      index++;
    }
    account(dayEnd);
    result.push({ key: day.key, start: day.start, worst, downtimeMinutes: Math.round(dayDown / 60_000), trackedMs: dayTracked, downMs: dayDown });
  }

  return { days: result, uptime: uptimeOfLastDays(result, result.length) };
}

/**
 * The percentage over the recorded part of the last `count` days, or null with no data
 * in them: a bar drawn shorter must state the figure for the days it draws.
 */
export function uptimeOfLastDays(days: readonly UptimeDay[], count: number): number | null {
  let tracked = 0;
  let down = 0;
  for (const day of days.slice(Math.max(0, days.length - count))) {
    tracked += day.trackedMs;
    down += day.downMs;
  }
  return tracked === 0 ? null : Math.max(0, 100 * (1 - down / tracked));
}

const percentFormats = new Map<Locale, Intl.NumberFormat>();

/** "99.98%" as `locale` writes it; never rounds a loss up to a perfect 100%. */
export function formatUptime(uptime: number, locale: Locale = DEFAULT_LOCALE): string {
  let format = percentFormats.get(locale);
  if (!format) {
    format = new Intl.NumberFormat(FORMAT_LOCALE[locale], { style: "percent", minimumFractionDigits: 2, maximumFractionDigits: 2 });
    percentFormats.set(locale, format);
  }
  return format.format(Math.floor(uptime * 100) / 10_000);
}
