import Link from "next/link";
import { incidentStatusLabel } from "@/lib/constants";
import { markdownToText } from "@/lib/markdown";
import type { IncidentView } from "@/lib/views/incidents";
import { ImpactBadge } from "@/components/incidents/impact-badge";
import { incidentData } from "@/components/incidents/live-data";
import { LocalTime } from "@/components/ui/local-time";

/** Past incidents and maintenance as a compact list with their latest word. */
export function IncidentList({ incidents, timeZone, empty }: { incidents: IncidentView[]; timeZone: string; empty: string }) {
  if (incidents.length === 0) return <p className="text-neutral-700 dark:text-neutral-300">{empty}</p>;
  return (
    <ul className="space-y-3">
      {incidents.map((incident) => {
        const latest = incident.updates[0];
        return (
          <li key={incident.id} {...incidentData(incident)} className="rounded-lg border border-neutral-300 bg-white p-3 dark:border-neutral-700 dark:bg-neutral-900">
            <p className="font-semibold">
              <Link href={`/incidents/${incident.id}`} className="underline underline-offset-2">
                {incident.title}
              </Link>
            </p>
            <p className="mt-1 flex flex-wrap items-center gap-2 text-sm text-neutral-700 dark:text-neutral-300">
              <ImpactBadge impact={incident.impact} />
              <span>{incident.kind === "maintenance" ? "Maintenance" : "Incident"}</span>
              <span>{incidentStatusLabel(incident)}</span>
              <span>
                Started <LocalTime date={incident.startedAt} timeZone={timeZone} />
              </span>
              {incident.resolvedAt ? (
                <span>
                  {incident.cancelledAt ? "Called off" : incident.kind === "maintenance" ? "Completed" : "Resolved"} <LocalTime date={incident.resolvedAt} timeZone={timeZone} />
                </span>
              ) : null}
            </p>
            {latest ? <p className="mt-1 line-clamp-2 text-sm">{markdownToText(latest.body)}</p> : null}
          </li>
        );
      })}
    </ul>
  );
}
