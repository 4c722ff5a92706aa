import Link from "next/link";
import { UPDATE_STATUS_LABELS } from "@/lib/constants";
import type { IncidentView } from "@/lib/views/incidents";
import { ImpactBadge } from "@/components/incidents/impact-badge";
import { IncidentTimeline } from "@/components/incidents/incident-timeline";
import { incidentData } from "@/components/incidents/live-data";
import { LocalTime } from "@/components/ui/local-time";

/** An open incident or maintenance with its whole timeline, for the front page. */
export function IncidentCard({ incident, timeZone }: { incident: IncidentView; timeZone: string }) {
  return (
    <article aria-labelledby={`incident-${incident.id}`} {...incidentData(incident)} className="rounded-lg border border-neutral-300 bg-white p-4 dark:border-neutral-700 dark:bg-neutral-900">
      <header className="mb-3">
        <h3 id={`incident-${incident.id}`} className="text-lg font-semibold">
          <Link href={`/incidents/${incident.id}`} className="underline underline-offset-2">
            {incident.title}
          </Link>
        </h3>
        <p className="mt-1 flex flex-wrap items-center gap-2 text-sm text-neutral-700 dark:text-neutral-300">
          <ImpactBadge impact={incident.impact} />
          <span>{UPDATE_STATUS_LABELS[incident.status]}</span>
          {incident.kind === "maintenance" && incident.scheduledStart ? (
            <span>
              Scheduled <LocalTime date={incident.scheduledStart} timeZone={timeZone} />
              {incident.scheduledEnd ? (
                <>
                  {" "}
                  until <LocalTime date={incident.scheduledEnd} timeZone={timeZone} />
                </>
              ) : null}
            </span>
          ) : null}
        </p>
        {incident.services.length > 0 ? (
          <p className="mt-1 text-sm text-neutral-700 dark:text-neutral-300">Affects: {incident.services.map((service) => service.name).join(", ")}</p>
        ) : null}
      </header>
      <IncidentTimeline incidentId={incident.id} updates={incident.updates} timeZone={timeZone} headingLevel={3} />
    </article>
  );
}
