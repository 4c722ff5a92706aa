import Link from "next/link";
import { formatUptime } from "@/lib/uptime";
import type { UptimeBar as UptimeBarData } from "@/server/uptime";
import { STATUS_BAR_CLASS } from "@/components/status/status-style";

/**
 * One cell per day, worst status of that day. Each cell's date and story is in its
 * tooltip and in text for screen readers; days with trouble are listed below the bar
 * too, so nothing depends on hovering.
 */
export function UptimeBar({ bar, serviceName, showProblemDays = false }: { bar: UptimeBarData; serviceName: string; showProblemDays?: boolean }) {
  const problemDays = bar.days.filter((day) => day.worst && day.worst !== "operational");
  return (
    <div className="mt-2">
      <ol className="uptime-cells flex h-8 items-stretch gap-px" aria-label={`Daily status of ${serviceName}, last ${bar.days.length} days`}>
        {bar.days.map((day) => (
          <li
            key={day.key}
            title={day.label}
            className={`flex-1 rounded-[1px] ${day.worst ? STATUS_BAR_CLASS[day.worst] : "bg-nodata-bar"}`}
          >
            <span className="sr-only">{day.label}</span>
          </li>
        ))}
      </ol>
      <div className="mt-1 flex justify-between text-xs text-neutral-600 dark:text-neutral-400">
        <span>
          <span className="uptime-range-90">{bar.days.length} days ago</span>
          <span className="uptime-range-30">30 days ago</span>
        </span>
        <span>{formatUptime(bar.uptime)} uptime</span>
        <span>Today</span>
      </div>
      {showProblemDays && problemDays.length > 0 ? (
        <ul className="mt-3 space-y-1 text-sm">
          {problemDays.map((day) => (
            <li key={day.key}>
              {day.label.replace(/\s*$/, "")}
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
      ) : null}
    </div>
  );
}
