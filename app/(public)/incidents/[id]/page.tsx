import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { AdviceBox } from "@/components/incidents/advice-box";
import { ImpactBadge } from "@/components/incidents/impact-badge";
import { IncidentTimeline } from "@/components/incidents/incident-timeline";
import { incidentData } from "@/components/incidents/live-data";
import { InLanguage, NotTranslatedNote } from "@/components/incidents/localized-text";
import { Postmortem } from "@/components/incidents/postmortem";
import { LocalTime } from "@/components/ui/local-time";
import { incidentStatusLabel } from "@/lib/constants";
import { feedAlternates } from "@/lib/feed-links";
import { getIncident } from "@/server/incidents";
import { getPageSettings } from "@/server/settings";

// Live data on every request; caching is decided in front of Next.
export const dynamic = "force-dynamic";

interface Props {
  params: Promise<{ id: string }>;
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const [settings, incident] = await Promise.all([getPageSettings(), getIncident((await params).id, await getLocale())]);
  if (!incident) return { title: "Incident not found" };
  return {
    title: incident.title,
    alternates: { canonical: `${settings.url}/incidents/${encodeURIComponent(incident.id)}`, types: feedAlternates(settings.name, "/history") },
  };
}

export default async function IncidentPage({ params }: Props) {
  const [settings, incident, status] = await Promise.all([getPageSettings(), getIncident((await params).id, await getLocale()), getTranslations("incident.status")]);
  if (!incident) notFound();
  const ended = incident.kind === "maintenance" ? "Completed" : "Resolved";

  return (
    <article {...incidentData(incident, status(incident.status))} className="space-y-6">
      <header className="space-y-2">
        <p className="text-sm">
          <Link href="/history" className="underline underline-offset-2">
            Incident history
          </Link>
        </p>
        <h1 className="text-2xl font-bold">
          <InLanguage language={incident.titleLanguage}>{incident.title}</InLanguage>
        </h1>
        <NotTranslatedNote language={incident.titleLanguage} text="title" />
        <dl className="grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1 text-sm">
          <dt className="font-semibold">Impact</dt>
          <dd>
            <ImpactBadge impact={incident.impact} />
          </dd>
          <dt className="font-semibold">Status</dt>
          <dd>{incidentStatusLabel(incident)}</dd>
          {incident.scheduledStart ? (
            <>
              <dt className="font-semibold">Scheduled</dt>
              <dd>
                <LocalTime date={incident.scheduledStart} timeZone={settings.timeZone} />
                {incident.scheduledEnd ? (
                  <>
                    {" "}
                    until <LocalTime date={incident.scheduledEnd} timeZone={settings.timeZone} />
                  </>
                ) : null}
              </dd>
            </>
          ) : null}
          <dt className="font-semibold">Started</dt>
          <dd>
            <LocalTime date={incident.startedAt} timeZone={settings.timeZone} />
          </dd>
          {incident.resolvedAt ? (
            <>
              <dt className="font-semibold">{ended}</dt>
              <dd>
                <LocalTime date={incident.resolvedAt} timeZone={settings.timeZone} />
              </dd>
            </>
          ) : null}
          <dt className="font-semibold">Affects</dt>
          <dd>
            {incident.services.length === 0 ? (
              "No listed service"
            ) : (
              <ul className="flex flex-wrap gap-x-3">
                {incident.services.map((service) => (
                  <li key={service.id}>
                    <Link href={`/services/${service.slug}`} className="underline underline-offset-2">
                      {service.name}
                    </Link>
                  </li>
                ))}
              </ul>
            )}
          </dd>
        </dl>
      </header>
      {incident.advice ? <AdviceBox advice={incident.advice} timeZone={settings.timeZone} /> : null}
      {incident.postmortem ? <Postmortem postmortem={incident.postmortem} timeZone={settings.timeZone} /> : null}
      <section aria-labelledby="updates" className="space-y-3">
        <h2 id="updates" className="text-xl font-semibold">
          Updates, newest first
        </h2>
        <IncidentTimeline incidentId={incident.id} updates={incident.updates} timeZone={settings.timeZone} headingLevel={3} />
      </section>
    </article>
  );
}
