import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { IncidentList } from "@/components/incidents/incident-list";
import { CalendarLinks } from "@/components/status/calendar-links";
import { StatusLabel } from "@/components/status/status-label";
import { UptimeBar, UptimeRangeTitle } from "@/components/status/uptime-bar";
import { FeedLinkList } from "@/components/ui/feed-links";
import { timeTag } from "@/components/ui/rich-tags";
import { feedAlternates, serviceFeedBase } from "@/lib/feed-links";
import { pageAlternates } from "@/lib/i18n/routing";
import { openIncidentsBySeverity } from "@/lib/status";
import { listServiceIncidents } from "@/server/incidents";
import { getService } from "@/server/services";
import { getPageSettings } from "@/server/settings";
import { getUptimeBars } from "@/server/uptime";

// Live data on every request; caching is decided in front of Next.
export const dynamic = "force-dynamic";

interface Props {
  params: Promise<{ slug: string }>;
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const [settings, service, locale, t] = await Promise.all([getPageSettings(), getService((await params).slug), getLocale(), getTranslations("servicePage")]);
  if (!service) return { title: t("notFound") };
  return {
    title: service.name,
    alternates: {
      ...pageAlternates(settings.url, `/services/${encodeURIComponent(service.slug)}`, locale, settings.defaultLocale),
      // This service's own feeds first (a reader subscribing from here wants them), then the whole page's.
      types: feedAlternates(t("feedTitle", { site: settings.name, service: service.name }), serviceFeedBase(service.slug), feedAlternates(settings.name, "/history")),
    },
  };
}

export default async function ServicePage({ params }: Props) {
  const [settings, service, t] = await Promise.all([getPageSettings(), getService((await params).slug), getTranslations("servicePage")]);
  if (!service) notFound();
  const [bars, incidents] = await Promise.all([
    getUptimeBars([service.id], settings.now, settings.timeZone),
    listServiceIncidents(service.id),
  ]);
  const bar = bars.get(service.id)!;

  return (
    <div className="space-y-6">
      <header className="space-y-2">
        {service.groupName ? <p className="text-sm text-neutral-700 dark:text-neutral-300">{service.groupName}</p> : null}
        <h1 className="text-2xl font-bold">{service.name}</h1>
        {service.description ? <p>{service.description}</p> : null}
        <p className="flex flex-wrap items-center gap-2">
          <StatusLabel status={service.status} serviceName={service.name} />
          {service.statusSince ? (
            <span className="text-sm text-neutral-700 dark:text-neutral-300">
              {t.rich("since", { time: timeTag(service.statusSince, settings.timeZone) })}
            </span>
          ) : null}
        </p>
        <p className="text-sm text-neutral-700 dark:text-neutral-300">
          {t.rich("follow", { name: service.name, feeds: () => <FeedLinkList base={serviceFeedBase(service.slug)} of={service.name} /> })}
        </p>
        <p className="text-sm text-neutral-700 dark:text-neutral-300">
          {t.rich("calendar", {
            name: service.name,
            links: () => <CalendarLinks siteUrl={settings.url} path={`/services/${encodeURIComponent(service.slug)}/maintenance.ics`} of={service.name} />,
          })}
        </p>
      </header>
      <section aria-labelledby="uptime" className="rounded-lg border border-neutral-300 bg-white p-4 dark:border-neutral-700 dark:bg-neutral-900">
        <h2 id="uptime" className="text-lg font-semibold">
          <UptimeRangeTitle days={bar.days.length} />
        </h2>
        <UptimeBar bar={bar} serviceName={service.name} timeZone={settings.timeZone} defaultLocale={settings.defaultLocale} showProblemDays />
      </section>
      <section aria-labelledby="incidents" className="space-y-3">
        <h2 id="incidents" className="text-xl font-semibold">
          {t("incidents", { name: service.name })}
        </h2>
        <IncidentList incidents={openIncidentsBySeverity(incidents)} timeZone={settings.timeZone} defaultLocale={settings.defaultLocale} empty={t("noIncidents", { name: service.name })} />
      </section>
    </div>
  );
}
