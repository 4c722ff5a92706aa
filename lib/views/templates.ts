import type { Impact, IncidentStatus, ServiceStatus } from "@/lib/constants";

// Incident templates as the console shows them, and the drafts made from them.

export interface TemplateView {
  id: string;
  name: string;
  /** As written, placeholders and all. */
  title: string;
  body: string;
  status: IncidentStatus;
  impact: Impact;
  notify: boolean;
  /** The services it affects and the status it sets for each, in the page's order. */
  services: { id: string; name: string; status: ServiceStatus }[];
  /** Services whose monitoring alerts draft their incidents from it. */
  alertServices: { id: string; name: string }[];
  updatedAt: Date;
}

/** A template filled in for some services: what a form is pre-filled with or an alert drafts. */
export interface TemplateDraft {
  /** Null for the built-in text (no template, or it was deleted meanwhile). */
  templateId: string | null;
  templateName: string | null;
  title: string;
  /** Markdown. */
  body: string;
  status: IncidentStatus;
  impact: Impact;
  notify: boolean;
  /** serviceId → the status the incident sets for it. */
  affected: Record<string, ServiceStatus>;
}
