import type { Impact, IncidentKind, ServiceStatus, UpdateStatus } from "@/lib/constants";
import type { LocalizedText } from "@/lib/i18n/incident-text";
import type { Locale } from "@/lib/i18n/locales";

// What pages, feeds and the API are handed about incidents and maintenance: published
// ones only, naming visible services only (server/incidents.ts maps the rows).

/**
 * The language a text is shown in (lib/i18n/incident-text.ts): `translated` false means
 * the reader asked for another language and gets the original, to be marked with `lang`.
 */
export type TextLanguage = Omit<LocalizedText, "text"> & {
  /** When the translation shown was last written; null when the original is shown. */
  translatedAt: Date | null;
};

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
  /** The language body and html are in. */
  language: TextLanguage;
}

/** "What you should do": short Markdown pinned above the updates, on / and in mails and feeds. */
export interface AdviceView {
  body: string;
  /** Rendered to sanitised HTML. */
  html: string;
  updatedAt: Date;
  language: TextLanguage;
}

/** A published postmortem; a draft never reaches the public read model. */
export interface PostmortemView {
  body: string;
  html: string;
  publishedAt: Date;
  /** Equals publishedAt until it is revised. */
  updatedAt: Date;
  language: TextLanguage;
}

export interface IncidentView {
  id: string;
  kind: IncidentKind;
  /** The language the incident was written in; its texts in other languages are translations. */
  sourceLocale: Locale;
  title: string;
  titleLanguage: TextLanguage;
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
