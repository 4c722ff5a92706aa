import type { OverallStatus } from "@/lib/status";
import type { IncidentView } from "@/lib/views/incidents";
import type { ServiceGroupView, ServiceView } from "@/lib/views/services";
import type { PageSettingsView } from "@/lib/views/settings";

/** The current state as the public sees it: what the home page, badges, feeds and the API are drawn from. */
export interface PublicStatus {
  settings: PageSettingsView;
  /** Visible services in page order, in their groups. */
  groups: ServiceGroupView[];
  /** The same services, flat, in page order. */
  services: ServiceView[];
  /** Published incidents still open, most recently started first. */
  openIncidents: IncidentView[];
  /** Published maintenance planned or under way, soonest first. */
  maintenance: IncidentView[];
  /** The maintenance windows under way (in progress or verifying). */
  activeMaintenance: IncidentView[];
  /** The maintenance windows not yet begun. */
  upcomingMaintenance: IncidentView[];
  /** The page's one-line answer to "is it working?". */
  overall: OverallStatus;
  /** The newest change among the settings, the services and the open incidents and maintenance. */
  lastModified: Date;
}
