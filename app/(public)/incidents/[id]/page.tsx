import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { AdviceBox } from "@/components/incidents/advice-box";
import { ImpactBadge } from "@/components/incidents/impact-badge";
import { IncidentTimeline } from "@/components/incidents/incident-timeline";
import { incidentData } from "@/components/incidents/live-data";
import { Postmortem } from "@/components/incidents/postmortem";
import { LocalTime } from "@/components/ui/local-time";
import { timeTag } from "@/components/ui/rich-tags";
import { incidentStatusKey } from "@/lib/constants";
import { feedAlternates } from "@/lib/feed-links";
import { localizedLink } from "@/lib/front";
import { pageAlternates } from "@/lib/i18n/routing";
import { getIncident } from "@/server/incidents";
import { getPageSettings } from "@/server/settings";

// Live data on every request; caching is decided in front of Next.
export const dynamic = "force-dynamic";

interface Props {
  params: Promise<{ id: string }>;
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const [settings, incident, locale, t] = await Promise.all([getPageSettings(), getIncident((await params).id), getLocale(), getTranslations("incidentPage")]);
  if (!incident) return { title: t("notFound") };
  return {
    title: incident.title,
    alternates: { ...pageAlternates(settings.url, `/incidents/${encodeURIComponent(incident.id)}`, locale, settings.defaultLocale), types: feedAlternates(settings.name, "/history") },
  };
}

export default async function IncidentPage({ params }: Props) {
  const [settings, incident, status, t, locale] = await Promise.all([
    getPageSettings(),
    getIncident((await params).id),
    getTranslations("incident.status"),
    getTranslations("incidentPage"),
    getLocale(),
  ]);
  if (!incident) notFound();
  const link = (path: string) => localizedLink(path, locale, settings.defaultLocale);

  return (
    <article {...incidentData(incident, status(incident.status))} className="space-y-6">
      <header className="space-y-2">
        <p className="text-sm">
          <Link href={link("/history")} className="underline underline-offset-2">
            {t("backToHistory")}
          </Link>
        </p>
        <h1 className="text-2xl font-bold">{incident.title}</h1>
        <dl className="grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1 text-sm">
          <dt className="font-semibold">{t("impact")}</dt>
          <dd>
            <ImpactBadge impact={incident.impact} />
          </dd>
          <dt className="font-semibold">{t("status")}</dt>
          <dd>{status(incidentStatusKey(incident))}</dd>
          {incident.scheduledStart ? (
            <>
              <dt className="font-semibold">{t("scheduled")}</dt>
              <dd>
                {incident.scheduledEnd ? (
                  t.rich("scheduledUntil", { start: timeTag(incident.scheduledStart, settings.timeZone), end: timeTag(incident.scheduledEnd, settings.timeZone) })
                ) : (
                  <LocalTime date={incident.scheduledStart} timeZone={settings.timeZone} />
                )}
              </dd>
            </>
          ) : null}
          <dt className="font-semibold">{t("started")}</dt>
          <dd>
            <LocalTime date={incident.startedAt} timeZone={settings.timeZone} />
          </dd>
          {incident.resolvedAt ? (
            <>
              <dt className="font-semibold">{t(`ended.${incident.kind}`)}</dt>
              <dd>
                <LocalTime date={incident.resolvedAt} timeZone={settings.timeZone} />
              </dd>
            </>
          ) : null}
          <dt className="font-semibold">{t("affects")}</dt>
          <dd>
            {incident.services.length === 0 ? (
              t("noService")
            ) : (
              <ul className="flex flex-wrap gap-x-3">
                {incident.services.map((service) => (
                  <li key={service.id}>
                    <Link href={link(`/services/${service.slug}`)} className="underline underline-offset-2">
                      {service.name}
                    </Link>
                  </li>
                ))}
              </ul>
            )}
          </dd>
        </dl>
      </header>
      {incident.advice ? <AdviceBox advice={incident.advice} timeZone={settings.timeZone} defaultLocale={settings.defaultLocale} /> : null}
      {incident.postmortem ? <Postmortem postmortem={incident.postmortem} timeZone={settings.timeZone} /> : null}
      <section aria-labelledby="updates" className="space-y-3">
        <h2 id="updates" className="text-xl font-semibold">
          {t("updates")}
        </h2>
        <IncidentTimeline incidentId={incident.id} updates={incident.updates} timeZone={settings.timeZone} defaultLocale={settings.defaultLocale} headingLevel={3} />
      </section>
    </article>
  );
}
