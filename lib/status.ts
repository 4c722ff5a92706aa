import type { Impact, ServiceStatus } from "@/lib/constants";
import type { IncidentView } from "@/lib/views/incidents";

// How bad each status is, for picking the worst of several.
export const STATUS_SEVERITY: Record<ServiceStatus, number> = {
  operational: 0,
  under_maintenance: 1,
  degraded_performance: 2,
  partial_outage: 3,
  major_outage: 4,
};

/** Worst first. */
const BY_SEVERITY = (Object.keys(STATUS_SEVERITY) as ServiceStatus[]).sort((a, b) => STATUS_SEVERITY[b] - STATUS_SEVERITY[a]);
const isAffected = (status: ServiceStatus): status is Exclude<ServiceStatus, "operational"> => status !== "operational";

const IMPACT_SEVERITY: Record<Impact, number> = { none: 0, minor: 1, major: 2, critical: 3 };

export function worstStatus(statuses: Iterable<ServiceStatus>): ServiceStatus {
  let worst: ServiceStatus = "operational";
  for (const status of statuses) {
    if (STATUS_SEVERITY[status] > STATUS_SEVERITY[worst]) worst = status;
  }
  return worst;
}

export function worstImpact(impacts: Iterable<Impact>): Impact {
  let worst: Impact = "none";
  for (const impact of impacts) {
    if (IMPACT_SEVERITY[impact] > IMPACT_SEVERITY[worst]) worst = impact;
  }
  return worst;
}

type Listed = Pick<IncidentView, "kind" | "impact" | "startedAt" | "resolvedAt">;

/**
 * The order the public pages list incidents in: open incidents first, the most severe
 * first (critical, major, minor, none) and the most recently started among equals, so the
 * worst news is read first; maintenance and ended incidents follow in the order given.
 * The Statuspage-compatible API keeps Statuspage's newest-first order instead.
 */
export function openIncidentsBySeverity<T extends Listed>(incidents: readonly T[]): T[] {
  const isOpen = (incident: T) => incident.kind === "incident" && incident.resolvedAt === null;
  const open = incidents
    .filter(isOpen)
    .sort((a, b) => IMPACT_SEVERITY[b.impact] - IMPACT_SEVERITY[a.impact] || b.startedAt.getTime() - a.startedAt.getTime());
  return [...open, ...incidents.filter((incident) => !isOpen(incident))];
}

export interface OverallStatus {
  /** The worst service status, or "operational". */
  status: ServiceStatus;
  /** Statuspage's indicator: how loud the page should be. */
  indicator: Impact;
  /** What the page's headline says (the catalog's status.overall): the worst status, or an incident being investigated while every service works. */
  headline: ServiceStatus | "investigating";
  /** The services that are not operational, grouped by status, the worst first (the catalog's status.detail). */
  affected: { status: Exclude<ServiceStatus, "operational">; names: string[] }[];
  /** The headline in English, for the badge (which speaks English only for now). */
  title: string;
  /** Which services are affected, in English words; empty when all is well. */
  detail: string;
}

function listNames(names: string[]): string {
  if (names.length <= 1) return names.join("");
  return `${names.slice(0, -1).join(", ")} and ${names[names.length - 1]}`;
}

const STATUS_INDICATOR: Record<ServiceStatus, Impact> = {
  operational: "none",
  under_maintenance: "none",
  degraded_performance: "minor",
  partial_outage: "major",
  major_outage: "critical",
};

const STATUS_PHRASES: Record<ServiceStatus, string> = {
  operational: "working normally",
  under_maintenance: "under maintenance",
  degraded_performance: "slower or less reliable than usual",
  partial_outage: "partly down",
  major_outage: "down",
};

const STATUS_TITLES: Record<ServiceStatus, string> = {
  operational: "All systems operational",
  under_maintenance: "Scheduled maintenance in progress",
  degraded_performance: "Some systems are degraded",
  partial_outage: "Partial outage",
  major_outage: "Major outage",
};

/** The page's one-line answer to "is it working?", from services and open incidents. */
export function rollUpStatus(
  services: { name: string; status: ServiceStatus }[],
  openIncidentImpacts: Impact[] = [],
): OverallStatus {
  const status = worstStatus(services.map((service) => service.status));
  const indicator = worstImpact([STATUS_INDICATOR[status], ...openIncidentImpacts]);
  const affected = BY_SEVERITY.filter(isAffected)
    .map((group) => ({ status: group, names: services.filter((service) => service.status === group).map((service) => service.name) }))
    .filter(({ names }) => names.length > 0);
  const detail = affected.map(({ status: group, names }) => `${listNames(names)} ${names.length === 1 ? "is" : "are"} ${STATUS_PHRASES[group]}.`).join(" ");
  const headline = status === "operational" && openIncidentImpacts.length > 0 ? "investigating" : status;
  const title = headline === "investigating" ? "Investigating an incident" : STATUS_TITLES[status];
  return { status, indicator, headline, affected, title, detail };
}
