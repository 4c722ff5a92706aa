import { useTranslations } from "next-intl";
import type { IncidentUpdateView } from "@/lib/views/incidents";
import { updateData } from "@/components/incidents/live-data";
import { UpdateBody } from "@/components/incidents/update-body";
import { LocalTime } from "@/components/ui/local-time";
import { hidden, timeTag } from "@/components/ui/rich-tags";
import { useLocalizedLink } from "@/components/ui/use-localized-link";
import type { Locale } from "@/lib/i18n/locales";

/** Every update, newest first, each with a stable anchor (#update-<id>) to link to. */
export function IncidentTimeline({
  incidentId,
  updates,
  timeZone,
  defaultLocale,
  headingLevel = 3,
}: {
  incidentId: string;
  updates: IncidentUpdateView[];
  timeZone: string;
  defaultLocale: Locale;
  headingLevel?: 2 | 3;
}) {
  const t = useTranslations("incident");
  const link = useLocalizedLink(defaultLocale);
  const serviceStatus = useTranslations("status.service");
  const Heading = headingLevel === 2 ? "h2" : "h3";
  const Sub = headingLevel === 2 ? "h3" : "h4";
  return (
    <ol className="space-y-5 border-l-2 border-neutral-300 pl-4 dark:border-neutral-600">
      {updates.map((update) => {
        const status = t(`status.${update.status}`);
        return (
          <li key={update.id} id={`update-${update.id}`} {...updateData(update, status)} className="scroll-mt-4">
            <article aria-labelledby={`update-${update.id}-title`}>
              <Heading id={`update-${update.id}-title`} className="text-base font-semibold">
                {t.rich("update", { status, hidden })}
                <span className="font-normal text-neutral-700 dark:text-neutral-300">
                  {" "}
                  <span aria-hidden="true">·</span>{" "}
                  <a href={link(`/incidents/${incidentId}#update-${update.id}`)} className="underline-offset-2 hover:underline">
                    <LocalTime date={update.displayAt} timeZone={timeZone} />
                  </a>
                </span>
              </Heading>
              <UpdateBody html={update.html} />
              {update.changes.length > 0 ? (
                <>
                  <Sub className="sr-only">{t("statusChanges")}</Sub>
                  <ul className="mt-2 text-sm text-neutral-700 dark:text-neutral-300">
                    {update.changes.map((change) => (
                      <li key={change.serviceSlug}>{t("statusChange", { service: change.serviceName, from: serviceStatus(change.oldStatus), to: serviceStatus(change.newStatus) })}</li>
                    ))}
                  </ul>
                </>
              ) : null}
              {update.correctedAt ? <p className="mt-1 text-sm italic text-neutral-600 dark:text-neutral-400">{t.rich("corrected", { time: timeTag(update.correctedAt, timeZone) })}</p> : null}
            </article>
          </li>
        );
      })}
    </ol>
  );
}
