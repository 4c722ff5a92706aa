import Link from "next/link";
import { useLocale, useTranslations } from "next-intl";
import { hidden } from "@/components/ui/rich-tags";
import { useLocalizedLink } from "@/components/ui/use-localized-link";
import { FORMAT_LOCALE, type Locale } from "@/lib/i18n/locales";
import { formatDay } from "@/lib/time";
import { formatUptime, NARROW_UPTIME_DAYS } from "@/lib/uptime";
import type { UptimeBar as UptimeBarData, UptimeCell } from "@/lib/views/uptime";
import { STATUS_BAR_CLASS } from "@/components/status/status-style";

// Narrow screens draw only the last NARROW_UPTIME_DAYS cells (app/globals.css): what is
// marked "uptime-wide" shows beside the whole bar, "uptime-narrow" beside the short one.
// Hidden with display: none, so screen readers too hear the statement for the days drawn.
const WIDE = "uptime-wide";
const NARROW = "uptime-narrow";

function isProblem(day: UptimeCell): boolean {
  return day.worst !== null && day.worst !== "operational";
}

/** "Thu, 16 Jun 2011: Major outage, 12 h down. Unauthorised access to …": a day's story in the page's language. */
function useDayLabel(timeZone: string): (day: UptimeCell) => string {
  const t = useTranslations("uptime");
  const statusLabel = useTranslations("status.service");
  const locale = useLocale();
  const titles = new Intl.ListFormat(FORMAT_LOCALE[locale], { type: "conjunction" });
  return (day) => {
    const status = day.worst ? statusLabel(day.worst) : t("noDataRecorded");
    const hours = Math.floor(day.downtimeMinutes / 60);
    const minutes = day.downtimeMinutes % 60;
    return t("day", {
      day: formatDay(day.start, timeZone, locale),
      status: day.downtimeMinutes > 0 ? t("statusWithDowntime", { status, downtime: t("downtime", { hours, minutes }) }) : status,
      count: day.incidents.length,
      titles: titles.format(day.incidents.map((incident) => incident.title)),
    });
  };
}

/**
 * One cell per day, worst status of that day, its date and story in a tooltip.
 * Screen readers get the same facts as one sentence instead of 90 cells, and the
 * service page lists the days with trouble as text, so nothing depends on hovering.
 */
export function UptimeBar({
  bar,
  serviceName,
  timeZone,
  defaultLocale,
  showProblemDays = false,
}: {
  bar: UptimeBarData;
  serviceName: string;
  timeZone: string;
  defaultLocale: Locale;
  showProblemDays?: boolean;
}) {
  const t = useTranslations("uptime");
  const link = useLocalizedLink(defaultLocale);
  const locale = useLocale();
  const label = useDayLabel(timeZone);
  // The first cell a narrow screen draws.
  const recentFrom = Math.max(0, bar.days.length - NARROW_UPTIME_DAYS);
  const ranges = [
    { className: WIDE, days: bar.days, uptime: bar.uptime },
    { className: NARROW, days: bar.days.slice(recentFrom), uptime: bar.recentUptime },
  ];
  const problemDays = bar.days.filter(isProblem);
  const recentProblems = bar.days.slice(recentFrom).filter(isProblem);
  return (
    <div className="mt-2">
      <ol aria-hidden="true" data-uptime={serviceName} className="flex h-8 items-stretch gap-px">
        {bar.days.map((day, index) => (
          <li
            key={day.key}
            title={label(day)}
            className={`flex-1 rounded-[1px] ${day.worst ? STATUS_BAR_CLASS[day.worst] : "bg-nodata-bar"}${index < recentFrom ? ` ${WIDE}` : ""}`}
          />
        ))}
      </ol>
      {ranges.map((range) => {
        const problems = range.days.filter(isProblem);
        const uptime = range.uptime === null ? t("noData") : t("uptime", { percent: formatUptime(range.uptime, locale) });
        return (
          <div key={range.className} className={range.className}>
            <p className="sr-only">{t("summary", { service: serviceName, days: range.days.length, uptime, problems: problems.length, list: problems.map(label).join(" ") })}</p>
            <div aria-hidden="true" className="mt-1 flex justify-between gap-2 text-xs text-neutral-600 dark:text-neutral-400">
              <span>{t("daysAgo", { days: range.days.length })}</span>
              <span>{uptime}</span>
              <span>{t("today")}</span>
            </div>
          </div>
        );
      })}
      {showProblemDays && problemDays.length > 0 ? (
        // Older days leave the list with their cells; with none left, so does the list.
        <div className={recentProblems.length === 0 ? WIDE : undefined}>
          <h3 className="mt-3 text-sm font-semibold">{t("problemDays")}</h3>
          <ul className="mt-1 space-y-1 text-sm">
            {problemDays.map((day) => (
              <li key={day.key} className={recentProblems.includes(day) ? undefined : WIDE}>
                {label(day)}
                {day.incidents.map((incident) => (
                  <span key={incident.id}>
                    {" "}
                    <Link className="underline underline-offset-2" href={link(`/incidents/${incident.id}`)}>
                      {t.rich("readAboutIt", { title: incident.title, hidden })}
                    </Link>
                  </span>
                ))}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </div>
  );
}

/** "Last 90 days", or "Last 30 days" where the bar draws only those: a title for the bar. */
export function UptimeRangeTitle({ days }: { days: number }) {
  const t = useTranslations("uptime");
  return (
    <>
      {t.rich("range", {
        days,
        narrowDays: Math.min(days, NARROW_UPTIME_DAYS),
        wide: (chunks) => <span className={WIDE}>{chunks}</span>,
        narrow: (chunks) => <span className={NARROW}>{chunks}</span>,
      })}
    </>
  );
}
