import { SERVICE_STATUS_LABELS, type ServiceStatus } from "@/lib/constants";

// Alerts from monitoring (Prometheus Alertmanager, Grafana), as pure rules: which
// service an alert names, what status its severity means, and the words a person is
// offered to post. server/alerts.ts applies them to the database.

/** The statuses an alert's severity may stand for, mildest first. */
export const ALERT_STATUSES = ["degraded_performance", "partial_outage", "major_outage"] as const satisfies readonly ServiceStatus[];
export type AlertStatus = (typeof ALERT_STATUSES)[number];

export const ALERT_MODES = ["apply", "suggest"] as const;
export type AlertMode = (typeof ALERT_MODES)[number];

export const DEFAULT_ALERT_SEVERITIES: Record<string, AlertStatus> = { critical: "major_outage", warning: "degraded_performance" };

/** A label's value as Alertmanager allows it: any text; a label name: Prometheus's rule. */
export const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

export interface AlertRules {
  serviceLabel: string;
  severityLabel: string;
  severities: Record<string, AlertStatus>;
}

const isAlertStatus = (value: unknown): value is AlertStatus => (ALERT_STATUSES as readonly unknown[]).includes(value);

/** The stored severity map (a JSON object); anything unreadable in it is left out, never thrown. */
export function parseSeverities(stored: string | null | undefined): Record<string, AlertStatus> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(stored ?? "");
  } catch {
    return { ...DEFAULT_ALERT_SEVERITIES };
  }
  if (!parsed || typeof parsed !== "object" || Array.isArray(parsed)) return { ...DEFAULT_ALERT_SEVERITIES };
  return Object.fromEntries(Object.entries(parsed).filter((entry): entry is [string, AlertStatus] => isAlertStatus(entry[1])));
}

/** The status a severity means under the rules, matched lower-cased; null for none. */
export function severityStatus(severities: Record<string, AlertStatus>, severity: string): AlertStatus | null {
  const key = severity.trim().toLowerCase();
  return Object.hasOwn(severities, key) ? severities[key] : null;
}

/** What one alert names: its service's slug, its severity, and the status that severity means (null: none). */
export function classifyAlert(labels: Record<string, string>, rules: AlertRules): { slug: string | null; severity: string; status: AlertStatus | null } {
  const slug = labels[rules.serviceLabel]?.trim() || null;
  const severity = (labels[rules.severityLabel] ?? "").trim();
  return { slug, severity, status: severityStatus(rules.severities, severity) };
}

/** How bad a status is, for picking the worst of several; maintenance and unknowns rank 0. */
export function statusRank(status: string): number {
  return isAlertStatus(status) ? ALERT_STATUSES.indexOf(status) + 1 : 0;
}

export function worstStatus(statuses: Iterable<AlertStatus>): AlertStatus | null {
  let worst: AlertStatus | null = null;
  for (const status of statuses) if (!worst || statusRank(status) > statusRank(worst)) worst = status;
  return worst;
}

/** Alertmanager's "no end yet": Go's zero time (or nothing). */
export function alertEnd(value: string | undefined): Date | null {
  if (!value || value.startsWith("0001-01-01")) return null;
  const at = new Date(value);
  return Number.isNaN(at.getTime()) ? null : at;
}

/**
 * A stable id for an alert sent without one (Alertmanager before 0.19): FNV-1a over its
 * sorted labels, as Alertmanager's own fingerprint also depends on the labels alone.
 */
export function labelFingerprint(labels: Record<string, string>): string {
  const text = Object.keys(labels)
    .sort()
    .map((name) => `${name}\u0000${labels[name]}\u0001`)
    .join("");
  let hash = 0xcbf29ce484222325n;
  for (const byte of new TextEncoder().encode(text)) {
    hash ^= BigInt(byte);
    hash = (hash * 0x100000001b3n) & 0xffffffffffffffffn;
  }
  return hash.toString(16).padStart(16, "0");
}

export interface AlertLine {
  labels: Record<string, string>;
  annotations: Record<string, string>;
  severity: string;
}

/** The alerts as one line for a draft's {{alert}}: "LoginErrors (critical): Login errors above 5%; …". */
export function alertSummary(alerts: AlertLine[]): string {
  const lines = alerts.map(({ labels, annotations, severity }) => {
    const name = labels.alertname || "Alert";
    const detail = annotations.summary || annotations.description || annotations.message || "";
    return `${name}${severity ? ` (${severity})` : ""}${detail ? `: ${detail}` : ""}`.replace(/\s+/g, " ").trim();
  });
  return [...new Set(lines)].join("; ");
}

/** "A", "A and B", "A, B and C". */
export function listNames(names: string[]): string {
  if (names.length <= 1) return names.join("");
  return `${names.slice(0, -1).join(", ")} and ${names.at(-1)}`;
}

/** The update offered when monitoring says every alert of a group has resolved. */
export function resolvedSuggestionBody(serviceNames: string[]): string {
  if (serviceNames.length === 0) return "This incident has been resolved.";
  return `This incident has been resolved: ${listNames(serviceNames)} ${serviceNames.length === 1 ? "is" : "are"} working normally again.`;
}

/** The update offered when monitoring reports more services on an incident already published. */
export function spreadSuggestionBody(serviceNames: string[], statuses: AlertStatus[]): string {
  const parts = serviceNames.map((name, index) => `${name} (${SERVICE_STATUS_LABELS[statuses[index]].toLowerCase()})`);
  return `We are also seeing problems with ${listNames(parts)}.`;
}

/** The severity map as the console's form shows it: for each status, its severities comma-separated. */
export function severitiesByStatus(severities: Record<string, AlertStatus>): Record<AlertStatus, string> {
  const byStatus = Object.fromEntries(ALERT_STATUSES.map((status) => [status, [] as string[]])) as Record<AlertStatus, string[]>;
  for (const [severity, status] of Object.entries(severities)) byStatus[status].push(severity);
  return Object.fromEntries(ALERT_STATUSES.map((status) => [status, byStatus[status].sort().join(", ")])) as Record<AlertStatus, string>;
}

/** The receiver block of an alertmanager.yml that sends to Herald. */
export function receiverYaml({ url, serviceLabel = "component", key = "<the API key>" }: { url: string; serviceLabel?: string; key?: string }): string {
  return [
    "route:",
    "  receiver: herald",
    `  group_by: [alertname, ${serviceLabel}]`,
    "  group_wait: 30s",
    "  group_interval: 5m",
    "  repeat_interval: 4h",
    "receivers:",
    "  - name: herald",
    "    webhook_configs:",
    `      - url: ${url}`,
    "        send_resolved: true",
    "        http_config:",
    "          authorization:",
    "            type: Bearer",
    `            credentials: ${key}`,
  ].join("\n");
}
