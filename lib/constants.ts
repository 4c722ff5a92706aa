// Every enumerated value Herald stores, in one dependency-free module so that
// client components, server modules, feeds and the API agree on them.

export const SERVICE_STATUSES = [
  "operational",
  "degraded_performance",
  "partial_outage",
  "major_outage",
  "under_maintenance",
] as const;
export type ServiceStatus = (typeof SERVICE_STATUSES)[number];

export const IMPACTS = ["none", "minor", "major", "critical"] as const;
export type Impact = (typeof IMPACTS)[number];

export const INCIDENT_KINDS = ["incident", "maintenance"] as const;
export type IncidentKind = (typeof INCIDENT_KINDS)[number];

export const INCIDENT_STATUSES = ["investigating", "identified", "monitoring", "resolved"] as const;
export type IncidentStatus = (typeof INCIDENT_STATUSES)[number];

export const MAINTENANCE_STATUSES = ["scheduled", "in_progress", "verifying", "completed"] as const;
export type MaintenanceStatus = (typeof MAINTENANCE_STATUSES)[number];

export type UpdateStatus = IncidentStatus | MaintenanceStatus;

/** Statuses after which an incident or maintenance is over. */
export const FINAL_STATUSES: readonly UpdateStatus[] = ["resolved", "completed"];

export const SERVICE_STATUS_LABELS: Record<ServiceStatus, string> = {
  operational: "Operational",
  degraded_performance: "Degraded performance",
  partial_outage: "Partial outage",
  major_outage: "Major outage",
  under_maintenance: "Under maintenance",
};

export const IMPACT_LABELS: Record<Impact, string> = {
  none: "No impact",
  minor: "Minor",
  major: "Major",
  critical: "Critical",
};

export const UPDATE_STATUS_LABELS: Record<UpdateStatus, string> = {
  investigating: "Investigating",
  identified: "Identified",
  monitoring: "Monitoring",
  resolved: "Resolved",
  scheduled: "Scheduled",
  in_progress: "In progress",
  verifying: "Verifying",
  completed: "Completed",
};

/** An incident's or window's status as readers see it: a window called off is "cancelled" (its API status stays "completed"). */
export function incidentStatusKey(incident: { status: UpdateStatus; cancelledAt: Date | null }): UpdateStatus | "cancelled" {
  return incident.cancelledAt ? "cancelled" : incident.status;
}

/** incidentStatusKey in English words, for the console: "Cancelled". */
export function incidentStatusLabel(incident: { status: UpdateStatus; cancelledAt: Date | null }): string {
  const key = incidentStatusKey(incident);
  return key === "cancelled" ? "Cancelled" : UPDATE_STATUS_LABELS[key];
}

export function isServiceStatus(value: string): value is ServiceStatus {
  return (SERVICE_STATUSES as readonly string[]).includes(value);
}

export function isImpact(value: string): value is Impact {
  return (IMPACTS as readonly string[]).includes(value);
}

export function isUpdateStatus(value: string): value is UpdateStatus {
  return (
    (INCIDENT_STATUSES as readonly string[]).includes(value) ||
    (MAINTENANCE_STATUSES as readonly string[]).includes(value)
  );
}

/** Who may do what: owner (users and settings) > admin (everything else) > editor. */
export const ROLES = ["editor", "admin", "owner"] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  owner: "Owner",
  admin: "Admin",
  editor: "Editor",
};

export function hasRole(role: Role, needed: Role): boolean {
  return ROLES.indexOf(role) >= ROLES.indexOf(needed);
}

/**
 * Where one delivery (a mail or a webhook POST to one recipient) stands: waiting to be
 * sent or retried, accepted by the receiver, given up, or dropped because the recipient
 * or the update went away first.
 */
export const DELIVERY_STATUSES = ["pending", "sent", "failed", "skipped"] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

/** Months shown on one page of public history; its "Older" and "Newer" links step by as many. */
export const HISTORY_MONTHS_PER_PAGE = 3;
