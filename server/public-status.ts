import "server-only";
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

/** The newest change among the settings, the visible services and the given incidents with their updates. */
export function latestChange({ settings, groups }: { settings: PageSettingsView; groups: ServiceGroupView[] }, incidents: IncidentView[]): Date {
  const times = [
    settings.updatedAt,
    ...groups.flatMap((group) => group.services.map((service) => service.updatedAt)),
    ...incidents.flatMap((incident) => [incident.updatedAt, ...incident.updates.map((update) => update.updatedAt)]),
  ];
  return new Date(Math.max(...times.map((time) => time.getTime())));
}

export async function getPublicStatus(): Promise<PublicStatus> {
  const [settings, groups, openIncidents, maintenance] = await Promise.all([getPageSettings(), listServiceGroups(), listOpenIncidents(), listOpenMaintenance()]);
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
