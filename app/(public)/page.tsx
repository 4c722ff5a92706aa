import type { Metadata } from "next";
import { AdviceBox } from "@/components/incidents/advice-box";
import { IncidentCard } from "@/components/incidents/incident-card";
import { IncidentList } from "@/components/incidents/incident-list";
import { CalendarLinks } from "@/components/status/calendar-links";
import { ServiceList } from "@/components/status/service-list";
import { StatusBanner } from "@/components/status/status-banner";
import { feedAlternates } from "@/lib/feed-links";
import { openIncidentsBySeverity } from "@/lib/status";
import { formatDateTime } from "@/lib/time";
import { listRecentlyResolved } from "@/server/incidents";
import { getPublicStatus } from "@/server/public-status";
import { getPageSettings } from "@/server/settings";
import { getUptimeBars } from "@/server/uptime";

// Live data on every request; caching is decided in front of Next.
export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  const settings = await getPageSettings();
  // The one address of this page, however it was reached (?utm_source=…, ?fbclid=…).
  return { alternates: { canonical: `${settings.url}/`, types: feedAlternates(settings.name, "/history") } };
}

export default async function StatusPage() {
  const { settings, groups, services, openIncidents, maintenance, overall } = await getPublicStatus();
  const open = openIncidentsBySeverity(openIncidents);
  const [resolved, bars] = await Promise.all([
    listRecentlyResolved(settings.now),
    getUptimeBars(services.map((service) => service.id), settings.now, settings.timeZone),
  ]);

  return (
    <div className="space-y-8">
      <h1 className="sr-only">{settings.name}: current status</h1>
      {settings.description ? <p className="text-neutral-700 dark:text-neutral-300">{settings.description}</p> : null}
      <StatusBanner overall={overall} checkedAt={formatDateTime(settings.now, settings.timeZone)} />
      {/* Pinned advice first: on a phone, what to do must not sit a screen or more below. */}
      {open.map((incident) =>
        incident.advice ? <AdviceBox key={incident.id} advice={incident.advice} incident={{ id: incident.id, title: incident.title }} timeZone={settings.timeZone} /> : null,
      )}

      {open.length > 0 ? (
        <section aria-labelledby="open-incidents" className="space-y-4">
          <h2 id="open-incidents" className="text-xl font-semibold">
            {open.length === 1 ? "Ongoing incident" : `Ongoing incidents (${open.length})`}
          </h2>
          {open.map((incident) => (
            <IncidentCard key={incident.id} incident={incident} timeZone={settings.timeZone} />
          ))}
        </section>
      ) : null}

      <section aria-labelledby="services" className="space-y-3">
        <h2 id="services" className="text-xl font-semibold">
          Services
        </h2>
        <ServiceList groups={groups} bars={bars} />
      </section>

      <section aria-labelledby="maintenance" className="space-y-4">
        <h2 id="maintenance" className="text-xl font-semibold">
          Scheduled maintenance
        </h2>
        {maintenance.length > 0 ? (
          maintenance.map((window) => <IncidentCard key={window.id} incident={window} timeZone={settings.timeZone} />)
        ) : (
          <p className="text-neutral-700 dark:text-neutral-300">No maintenance is planned or in progress.</p>
        )}
        <p className="text-sm text-neutral-700 dark:text-neutral-300">
          Keep planned maintenance in your calendar: <CalendarLinks siteUrl={settings.url} path="/maintenance.ics" />.
        </p>
      </section>

      <section aria-labelledby="resolved" className="space-y-3">
        <h2 id="resolved" className="text-xl font-semibold">
          Recently resolved
        </h2>
        <IncidentList incidents={resolved} timeZone={settings.timeZone} empty="Nothing has been resolved recently." />
        <p>
          <a href="/history" className="underline underline-offset-2">
            All past incidents and maintenance
          </a>
        </p>
      </section>
    </div>
  );
}
