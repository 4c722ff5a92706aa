import type { AlertMode, AlertStatus } from "@/lib/alerts";
import type { IncidentStatus, ServiceStatus, UpdateStatus } from "@/lib/constants";

// What the console shows of alerts from monitoring (server/alerts.ts builds these).

export interface AlertRulesView {
  serviceLabel: string;
  severityLabel: string;
  /** For each status, the severities that mean it, comma-separated (the form's fields). */
  severitiesByStatus: Record<AlertStatus, string>;
}

export interface AlertServiceView {
  id: string;
  name: string;
  slug: string;
  status: ServiceStatus;
  mode: AlertMode;
  templateId: string | null;
  suggestedStatus: ServiceStatus | null;
  firing: number;
}

export interface AlertView {
  fingerprint: string;
  status: "firing" | "resolved";
  alertname: string;
  /** The service label's value, as sent. */
  serviceLabel: string | null;
  /** The service it named, or null when the label is missing or names no service. */
  service: { name: string; slug: string } | null;
  severity: string;
  startsAt: Date;
  endsAt: Date | null;
}

export interface AlertGroupView {
  key: string;
  receiver: string;
  status: "firing" | "resolved";
  updatedAt: Date;
  alerts: AlertView[];
  incident: { id: string; title: string; draft: boolean; status: UpdateStatus } | null;
}

export interface AlertConsoleView {
  rules: AlertRulesView;
  services: AlertServiceView[];
  templates: { id: string; name: string }[];
  groups: AlertGroupView[];
}

/** A status an alert proposed for a service in "suggest" mode, waiting for a person. */
export interface StatusSuggestionView {
  serviceId: string;
  name: string;
  status: ServiceStatus;
  suggestedStatus: ServiceStatus;
  suggestedAt: Date | null;
}

/** An update monitoring proposed for an incident, for a person to post. */
export interface UpdateSuggestionView {
  incidentId: string;
  revision: number;
  status: IncidentStatus;
  body: string;
  affected: { serviceId: string; name: string; status: ServiceStatus }[];
}
