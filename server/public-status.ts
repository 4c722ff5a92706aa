import "server-only";
import type { Locale } from "@/lib/i18n/locales";
import { rollUpStatus } from "@/lib/status";
import type { IncidentView } from "@/lib/views/incidents";
import type { PublicStatus } from "@/lib/views/public-status";
import type { ServiceGroupView } from "@/lib/views/services";
import type { PageSettingsView } from "@/lib/views/settings";
import { listOpenIncidents, listOpenMaintenance } from "@/server/incidents";
import { listServiceGroups } from "@/server/services";
import { getPageSettings } from "@/server/settings";

// The one public read model. The home page, badges, feeds and the status API all start
// from getPublicStatus(), whose queries go through the public-visibility filter
// (server/public-visibility.ts), so no public surface assembles "the current state" its own way.

export const isUpcoming = (window: IncidentView) => window.status === "scheduled";
export const isUnderWay = (window: IncidentView) => window.status === "in_progress" || window.status === "verifying";

/**
 * The newest change among the settings, the visible services and the given incidents with
 * their updates, including the translations shown (read for a language): a translation
 * moves its language's time only.
 */
export function latestChange({ settings, groups }: { settings: PageSettingsView; groups: ServiceGroupView[] }, incidents: IncidentView[]): Date {
  const times = [
    settings.updatedAt,
    ...groups.flatMap((group) => group.services.map((service) => service.updatedAt)),
    ...incidents.flatMap((incident) => [incident.updatedAt, ...incident.updates.map((update) => update.updatedAt)]),
    ...incidents.flatMap((incident) => [incident.titleLanguage, incident.advice?.language, incident.postmortem?.language, ...incident.updates.map((update) => update.language)]).map((language) => language?.translatedAt),
  ].filter((time): time is Date => time instanceof Date);
  return new Date(Math.max(...times.map((time) => time.getTime())));
}

/** The current state; read for a language, its texts are in that language where translated. */
export async function getPublicStatus(locale: Locale | null = null): Promise<PublicStatus> {
  const [settings, groups, openIncidents, maintenance] = await Promise.all([getPageSettings(), listServiceGroups(locale), listOpenIncidents(locale), listOpenMaintenance(new Date(), locale)]);
  const services = groups.flatMap((group) => group.services);
  return {
    settings,
    groups,
    services,
    openIncidents,
    maintenance,
    activeMaintenance: maintenance.filter(isUnderWay),
    upcomingMaintenance: maintenance.filter(isUpcoming),
    overall: rollUpStatus(services, openIncidents.map((incident) => incident.impact)),
    lastModified: latestChange({ settings, groups }, [...openIncidents, ...maintenance]),
  };
}
