import { SERVICE_STATUS_LABELS, UPDATE_STATUS_LABELS } from "@/lib/constants";
import type { IncidentUpdateView } from "@/lib/views/incidents";
import { updateData } from "@/components/incidents/live-data";
import { UpdateBody } from "@/components/incidents/update-body";
import { LocalTime } from "@/components/ui/local-time";

/** Every update, newest first, each with a stable anchor (#update-<id>) to link to. */
export function IncidentTimeline({
  incidentId,
  updates,
  timeZone,
  headingLevel = 3,
}: {
  incidentId: string;
  updates: IncidentUpdateView[];
  timeZone: string;
  headingLevel?: 2 | 3;
}) {
  const Heading = headingLevel === 2 ? "h2" : "h3";
  const Sub = headingLevel === 2 ? "h3" : "h4";
  return (
    <ol className="space-y-5 border-l-2 border-neutral-300 pl-4 dark:border-neutral-600">
      {updates.map((update) => (
        <li key={update.id} id={`update-${update.id}`} {...updateData(update)} className="scroll-mt-4">
          <article aria-labelledby={`update-${update.id}-title`}>
            <Heading id={`update-${update.id}-title`} className="text-base font-semibold">
              <span className="sr-only">Update: </span>
              {UPDATE_STATUS_LABELS[update.status]}
              <span className="font-normal text-neutral-700 dark:text-neutral-300">
                {" "}
                <span aria-hidden="true">·</span>{" "}
                <a href={`/incidents/${incidentId}#update-${update.id}`} className="underline-offset-2 hover:underline">
                  <LocalTime date={update.displayAt} timeZone={timeZone} />
                </a>
              </span>
            </Heading>
            <UpdateBody html={update.html} />
            {update.changes.length > 0 ? (
              <>
                <Sub className="sr-only">Status changes</Sub>
                <ul className="mt-2 text-sm text-neutral-700 dark:text-neutral-300">
                  {update.changes.map((change) => (
                    <li key={change.serviceSlug}>
                      {change.serviceName}: {SERVICE_STATUS_LABELS[change.oldStatus]} → {SERVICE_STATUS_LABELS[change.newStatus]}
                    </li>
                  ))}
                </ul>
              </>
            ) : null}
            {update.correctedAt ? (
              <p className="mt-1 text-sm italic text-neutral-600 dark:text-neutral-400">
                Corrected <LocalTime date={update.correctedAt} timeZone={timeZone} />
              </p>
            ) : null}
          </article>
        </li>
      ))}
    </ol>
  );
}
