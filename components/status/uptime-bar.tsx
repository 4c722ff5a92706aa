import Link from "next/link";
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

/**
 * One cell per day, worst status of that day, its date and story in a tooltip.
 * Screen readers get the same facts as one sentence instead of 90 cells, and the
 * service page lists the days with trouble as text, so nothing depends on hovering.
 */
export function UptimeBar({ bar, serviceName, showProblemDays = false }: { bar: UptimeBarData; serviceName: string; showProblemDays?: boolean }) {
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
            title={day.label}
            className={`flex-1 rounded-[1px] ${day.worst ? STATUS_BAR_CLASS[day.worst] : "bg-nodata-bar"}${index < recentFrom ? ` ${WIDE}` : ""}`}
          />
        ))}
      </ol>
      {ranges.map((range) => {
        const problems = range.days.filter(isProblem);
        const summary =
          problems.length === 0
            ? "no problems recorded."
            : `${problems.length === 1 ? "one day" : `${problems.length} days`} with problems: ${problems.map((day) => day.label).join(" ")}`;
        return (
          <div key={range.className} className={range.className}>
            <p className="sr-only">
              {serviceName}, last {range.days.length} days: {formatUptime(range.uptime)} uptime, {summary}
            </p>
            <div aria-hidden="true" className="mt-1 flex justify-between text-xs text-neutral-600 dark:text-neutral-400">
              <span>{range.days.length} days ago</span>
              <span>{formatUptime(range.uptime)} uptime</span>
              <span>Today</span>
            </div>
          </div>
        );
      })}
      {showProblemDays && problemDays.length > 0 ? (
        // Older days leave the list with their cells; with none left, so does the list.
        <div className={recentProblems.length === 0 ? WIDE : undefined}>
          <h3 className="mt-3 text-sm font-semibold">Days with problems</h3>
          <ul className="mt-1 space-y-1 text-sm">
            {problemDays.map((day) => (
              <li key={day.key} className={recentProblems.includes(day) ? undefined : WIDE}>
                {day.label}
                {day.incidents.map((incident) => (
                  <span key={incident.id}>
                    {" "}
                    <Link className="underline underline-offset-2" href={`/incidents/${incident.id}`}>
                      Read about it<span className="sr-only">: {incident.title}</span>
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
  return (
    <>
      Last <span className={WIDE}>{days}</span>
      <span className={NARROW}>{Math.min(days, NARROW_UPTIME_DAYS)}</span> days
    </>
  );
}
