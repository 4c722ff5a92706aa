import Link from "next/link";
import { useLocale, useTranslations } from "next-intl";
import { formatList, type Locale } from "@/lib/i18n/locales";
import type { IncidentView } from "@/lib/views/incidents";
import { ImpactBadge } from "@/components/incidents/impact-badge";
import { IncidentTimeline } from "@/components/incidents/incident-timeline";
import { incidentData } from "@/components/incidents/live-data";
import { timeTag } from "@/components/ui/rich-tags";
import { useLocalizedLink } from "@/components/ui/use-localized-link";

/** An open incident or maintenance with its whole timeline, for the front page. */
export function IncidentCard({ incident, timeZone, defaultLocale }: { incident: IncidentView; timeZone: string; defaultLocale: Locale }) {
  const t = useTranslations("incident");
  const link = useLocalizedLink(defaultLocale);
  const locale = useLocale();
  const status = t(`status.${incident.status}`);
  return (
    <article aria-labelledby={`incident-${incident.id}`} {...incidentData(incident, status)} className="rounded-lg border border-neutral-300 bg-white p-4 dark:border-neutral-700 dark:bg-neutral-900">
      <header className="mb-3">
        <h3 id={`incident-${incident.id}`} className="text-lg font-semibold">
          <Link href={link(`/incidents/${incident.id}`)} className="underline underline-offset-2">
            {incident.title}
          </Link>
        </h3>
        <p className="mt-1 flex flex-wrap items-center gap-2 text-sm text-neutral-700 dark:text-neutral-300">
          <ImpactBadge impact={incident.impact} />
          <span>{status}</span>
          {incident.kind === "maintenance" && incident.scheduledStart ? (
            <span>
              {incident.scheduledEnd
                ? t.rich("scheduledUntil", { start: timeTag(incident.scheduledStart, timeZone), end: timeTag(incident.scheduledEnd, timeZone) })
                : t.rich("scheduled", { start: timeTag(incident.scheduledStart, timeZone) })}
            </span>
          ) : null}
        </p>
        {incident.services.length > 0 ? (
          <p className="mt-1 text-sm text-neutral-700 dark:text-neutral-300">
            {t("affects", { services: formatList(incident.services.map((service) => service.name), locale) })}
          </p>
        ) : null}
      </header>
      <IncidentTimeline incidentId={incident.id} updates={incident.updates} timeZone={timeZone} defaultLocale={defaultLocale} headingLevel={3} />
    </article>
  );
}
