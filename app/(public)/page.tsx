import type { Metadata } from "next";
import { getLocale, getTranslations } from "next-intl/server";
import { AdviceBox } from "@/components/incidents/advice-box";
import { IncidentCard } from "@/components/incidents/incident-card";
import { IncidentList } from "@/components/incidents/incident-list";
import { CalendarLinks } from "@/components/status/calendar-links";
import { ServiceList } from "@/components/status/service-list";
import { StatusBanner } from "@/components/status/status-banner";
import { feedAlternates } from "@/lib/feed-links";
import { localizedLink } from "@/lib/front";
import { pageAlternates } from "@/lib/i18n/routing";
import { openIncidentsBySeverity } from "@/lib/status";
import { formatDateTime } from "@/lib/time";
import { listRecentlyResolved } from "@/server/incidents";
import { getPublicStatus } from "@/server/public-status";
import { getPageSettings } from "@/server/settings";
import { getUptimeBars } from "@/server/uptime";

// Live data on every request; caching is decided in front of Next.
export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  const [settings, locale] = await Promise.all([getPageSettings(), getLocale()]);
  return { alternates: { ...pageAlternates(settings.url, "/", locale, settings.defaultLocale), types: feedAlternates(settings.name, "/history") } };
}

export default async function StatusPage() {
  const [{ settings, groups, services, openIncidents, maintenance, overall }, locale, t] = await Promise.all([getPublicStatus(), getLocale(), getTranslations("home")]);
  const open = openIncidentsBySeverity(openIncidents);
  const [resolved, bars] = await Promise.all([
    listRecentlyResolved(settings.now),
    getUptimeBars(services.map((service) => service.id), settings.now, settings.timeZone),
  ]);

  return (
    <div className="space-y-8">
      <h1 className="sr-only">{t("heading", { name: settings.name })}</h1>
      {settings.description ? <p className="text-neutral-700 dark:text-neutral-300">{settings.description}</p> : null}
      <StatusBanner overall={overall} checkedAt={formatDateTime(settings.now, settings.timeZone, locale)} />
      {/* Pinned advice first: on a phone, what to do must not sit a screen or more below. */}
      {open.map((incident) =>
        incident.advice ? <AdviceBox key={incident.id} advice={incident.advice} incident={{ id: incident.id, title: incident.title }} timeZone={settings.timeZone} defaultLocale={settings.defaultLocale} /> : null,
      )}

      {open.length > 0 ? (
        <section aria-labelledby="open-incidents" className="space-y-4">
          <h2 id="open-incidents" className="text-xl font-semibold">
            {t("ongoing", { count: open.length })}
          </h2>
          {open.map((incident) => (
            <IncidentCard key={incident.id} incident={incident} timeZone={settings.timeZone} defaultLocale={settings.defaultLocale} />
          ))}
        </section>
      ) : null}

      <section aria-labelledby="services" className="space-y-3">
        <h2 id="services" className="text-xl font-semibold">
          {t("services")}
        </h2>
        <ServiceList groups={groups} bars={bars} timeZone={settings.timeZone} defaultLocale={settings.defaultLocale} />
      </section>

      <section aria-labelledby="maintenance" className="space-y-4">
        <h2 id="maintenance" className="text-xl font-semibold">
          {t("maintenance")}
        </h2>
        {maintenance.length > 0 ? (
          maintenance.map((window) => <IncidentCard key={window.id} incident={window} timeZone={settings.timeZone} defaultLocale={settings.defaultLocale} />)
        ) : (
          <p className="text-neutral-700 dark:text-neutral-300">{t("noMaintenance")}</p>
        )}
        <p className="text-sm text-neutral-700 dark:text-neutral-300">
          {t.rich("maintenanceCalendar", { links: () => <CalendarLinks siteUrl={settings.url} path="/maintenance.ics" /> })}
        </p>
      </section>

      <section aria-labelledby="resolved" className="space-y-3">
        <h2 id="resolved" className="text-xl font-semibold">
          {t("resolved")}
        </h2>
        <IncidentList incidents={resolved} timeZone={settings.timeZone} defaultLocale={settings.defaultLocale} empty={t("nothingResolved")} />
        <p>
          <a href={localizedLink("/history", locale, settings.defaultLocale)} className="underline underline-offset-2">
            {t("allPast")}
          </a>
        </p>
      </section>
    </div>
  );
}
