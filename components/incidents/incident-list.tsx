import Link from "next/link";
import { useTranslations } from "next-intl";
import { incidentStatusKey } from "@/lib/constants";
import { markdownToText } from "@/lib/markdown";
import type { IncidentView } from "@/lib/views/incidents";
import { ImpactBadge } from "@/components/incidents/impact-badge";
import { incidentData } from "@/components/incidents/live-data";
import { timeTag } from "@/components/ui/rich-tags";
import { useLocalizedLink } from "@/components/ui/use-localized-link";
import type { Locale } from "@/lib/i18n/locales";

/** Past incidents and maintenance as a compact list with their latest word. */
export function IncidentList({ incidents, timeZone, defaultLocale, empty }: { incidents: IncidentView[]; timeZone: string; defaultLocale: Locale; empty: string }) {
  const t = useTranslations("incident");
  const link = useLocalizedLink(defaultLocale);
  if (incidents.length === 0) return <p className="text-neutral-700 dark:text-neutral-300">{empty}</p>;
  return (
    <ul className="space-y-3">
      {incidents.map((incident) => {
        const latest = incident.updates[0];
        const ended = incident.cancelledAt ? "cancelled" : incident.kind === "maintenance" ? "completed" : "resolved";
        return (
          <li key={incident.id} {...incidentData(incident, t(`status.${incident.status}`))} className="rounded-lg border border-neutral-300 bg-white p-3 dark:border-neutral-700 dark:bg-neutral-900">
            <p className="font-semibold">
              <Link href={link(`/incidents/${incident.id}`)} className="underline underline-offset-2">
                {incident.title}
              </Link>
            </p>
            <p className="mt-1 flex flex-wrap items-center gap-2 text-sm text-neutral-700 dark:text-neutral-300">
              <ImpactBadge impact={incident.impact} />
              <span>{t(`kind.${incident.kind}`)}</span>
              <span>{t(`status.${incidentStatusKey(incident)}`)}</span>
              <span>{t.rich("started", { time: timeTag(incident.startedAt, timeZone) })}</span>
              {incident.resolvedAt ? <span>{t.rich(`ended.${ended}`, { time: timeTag(incident.resolvedAt, timeZone) })}</span> : null}
            </p>
            {latest ? <p className="mt-1 line-clamp-2 text-sm">{markdownToText(latest.body)}</p> : null}
          </li>
        );
      })}
    </ul>
  );
}
