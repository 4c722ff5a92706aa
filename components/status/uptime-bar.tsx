import Link from "next/link";
import { formatUptime } from "@/lib/uptime";
import type { UptimeBar as UptimeBarData } from "@/lib/views/uptime";
import { STATUS_BAR_CLASS } from "@/components/status/status-style";

/**
 * One cell per day, worst status of that day, its date and story in a tooltip.
 * Screen readers get the same facts as one sentence instead of 90 cells, and the
 * service page lists the days with trouble as text, so nothing depends on hovering.
 */
export function UptimeBar({ bar, serviceName, showProblemDays = false }: { bar: UptimeBarData; serviceName: string; showProblemDays?: boolean }) {
  const problemDays = bar.days.filter((day) => day.worst && day.worst !== "operational");
  const summary =
    problemDays.length === 0
      ? "no problems recorded."
      : `${problemDays.length === 1 ? "one day" : `${problemDays.length} days`} with problems: ${problemDays.map((day) => day.label).join(" ")}`;
  return (
    <div className="mt-2">
      <ol aria-hidden="true" data-uptime={serviceName} className="uptime-cells flex h-8 items-stretch gap-px">
        {bar.days.map((day) => (
          <li key={day.key} title={day.label} className={`flex-1 rounded-[1px] ${day.worst ? STATUS_BAR_CLASS[day.worst] : "bg-nodata-bar"}`} />
        ))}
      </ol>
      <p className="sr-only">
        {serviceName}, last {bar.days.length} days: {formatUptime(bar.uptime)} uptime, {summary}
      </p>
      <div aria-hidden="true" className="mt-1 flex justify-between text-xs text-neutral-600 dark:text-neutral-400">
        <span>
          <span className="uptime-range-90">{bar.days.length} days ago</span>
          <span className="uptime-range-30">30 days ago</span>
        </span>
        <span>{formatUptime(bar.uptime)} uptime</span>
        <span>Today</span>
      </div>
      {showProblemDays && problemDays.length > 0 ? (
        <>
          <h3 className="mt-3 text-sm font-semibold">Days with problems</h3>
          <ul className="mt-1 space-y-1 text-sm">
            {problemDays.map((day) => (
              <li key={day.key}>
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
        </>
      ) : null}
    </div>
  );
}
