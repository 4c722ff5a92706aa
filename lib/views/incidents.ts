import type { Impact, IncidentKind, ServiceStatus, UpdateStatus } from "@/lib/constants";

// What pages, feeds and the API are handed about incidents and maintenance: published
// ones only, naming visible services only (server/incidents.ts maps the rows).

export interface ServiceChangeView {
  serviceId: string;
  serviceName: string;
  serviceSlug: string;
  oldStatus: ServiceStatus;
  newStatus: ServiceStatus;
}

export interface IncidentUpdateView {
  id: string;
  status: UpdateStatus;
  /** The Markdown as written. */
  body: string;
  /** The body rendered to sanitised HTML. */
  html: string;
  displayAt: Date;
  createdAt: Date;
  updatedAt: Date;
  correctedAt: Date | null;
  changes: ServiceChangeView[];
}

/** "What you should do": short Markdown pinned above the updates, on / and in mails and feeds. */
export interface AdviceView {
  body: string;
  /** Rendered to sanitised HTML. */
  html: string;
  updatedAt: Date;
}

/** A published postmortem; a draft never reaches the public read model. */
export interface PostmortemView {
  body: string;
  html: string;
  publishedAt: Date;
  /** Equals publishedAt until it is revised. */
  updatedAt: Date;
}

export interface IncidentView {
  id: string;
  kind: IncidentKind;
  title: string;
  impact: Impact;
  status: UpdateStatus;
  startedAt: Date;
  resolvedAt: Date | null;
  scheduledStart: Date | null;
  scheduledEnd: Date | null;
  /** When a maintenance window was called off (its status is then "completed"). */
  cancelledAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
  services: { id: string; slug: string; name: string }[];
  /** Newest first. */
  updates: IncidentUpdateView[];
  advice: AdviceView | null;
  postmortem: PostmortemView | null;
}
