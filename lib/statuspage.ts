import { createHash } from "node:crypto";
import { stripBidiControls } from "@/lib/bidi";
import type { Impact } from "@/lib/constants";
import { DEFAULT_LOCALE, type Locale } from "@/lib/i18n/locales";
import { translator } from "@/lib/i18n/translator";
import { rollUpStatus } from "@/lib/status";
import { isoWithOffset } from "@/lib/time";
import type { AdviceView, IncidentUpdateView, IncidentView, PostmortemView } from "@/lib/views/incidents";
import type { ServiceGroupView, ServiceView } from "@/lib/views/services";
import type { PageSettingsView } from "@/lib/views/settings";

// Herald's data in the shapes of Atlassian Statuspage's public API v2, field for
// field, so tools written for Statuspage read Herald unchanged. Names and titles go
// out without bidi controls, whenever they were stored (lib/bidi.ts).

export interface ApiInput {
  settings: PageSettingsView;
  groups: ServiceGroupView[];
}

/** A stable 12-character page id, as Statuspage's look. */
export function pageId(settings: Pick<PageSettingsView, "url">): string {
  return createHash("sha256").update(settings.url).digest("hex").slice(0, 12);
}

export function apiPage(settings: PageSettingsView, updatedAt: Date) {
  return {
    id: pageId(settings),
    name: stripBidiControls(settings.name),
    url: settings.url,
    time_zone: settings.timeZone,
    updated_at: isoWithOffset(updatedAt, settings.timeZone),
  };
}

function apiComponent(service: ServiceView, page: string, time: (date: Date) => string, position: number) {
  return {
    id: service.id,
    name: stripBidiControls(service.name),
    status: service.status,
    created_at: time(service.createdAt),
    updated_at: time(service.updatedAt),
    position,
    description: service.description || null,
    showcase: true,
    start_date: service.createdAt.toISOString().slice(0, 10),
    group_id: service.groupId,
    page_id: page,
    group: false,
    only_show_if_degraded: false,
  };
}

export function apiComponents({ settings, groups }: ApiInput) {
  const page = pageId(settings);
  const time = (date: Date) => isoWithOffset(date, settings.timeZone);
  const components: Record<string, unknown>[] = [];
  for (const [groupPosition, group] of groups.entries()) {
    if (group.id !== null) {
      components.push({
        id: group.id,
        name: group.name && stripBidiControls(group.name),
        status: rollUpStatus(group.services).status,
        created_at: time(group.createdAt),
        updated_at: time(group.updatedAt),
        position: groupPosition + 1,
        description: group.description || null,
        showcase: false,
        start_date: null,
        group_id: null,
        page_id: page,
        group: true,
        only_show_if_degraded: false,
        components: group.services.map((service) => service.id),
      });
    }
    for (const [index, service] of group.services.entries()) {
      components.push(apiComponent(service, page, time, group.id === null ? groupPosition + 1 : index + 1));
    }
  }
  return components;
}

/** What an incident object is drawn from: the read model's view; the rendered HTML and the texts' languages are not needed. */
export type ApiIncidentSource = Omit<IncidentView, "updates" | "advice" | "postmortem" | "sourceLocale" | "titleLanguage"> & {
  updates: Omit<IncidentUpdateView, "html" | "language">[];
  /** Herald's pinned advice; absent or null when there is none. */
  advice?: Pick<AdviceView, "body"> | null;
  /** Only a published postmortem: a draft is never in an incident object. */
  postmortem?: Pick<PostmortemView, "body" | "publishedAt"> | null;
};

function firstAt(incident: ApiIncidentSource, status: string): Date | null {
  const matching = incident.updates.filter((update) => update.status === status);
  return matching.length ? matching[matching.length - 1].displayAt : null;
}

export function apiIncident(incident: ApiIncidentSource, { settings, groups }: ApiInput) {
  const base = incidentBase(incident, settings, groups.flatMap((group) => group.services));
  if (incident.kind !== "maintenance") return base;
  const time = (date: Date | null) => (date ? isoWithOffset(date, settings.timeZone) : null);
  return {
    ...base,
    scheduled_for: time(incident.scheduledStart),
    scheduled_until: time(incident.scheduledEnd),
    scheduled_remind_prior: false,
    scheduled_reminded_at: null,
    impact_override: null,
    scheduled_auto_in_progress: false,
    scheduled_auto_completed: false,
  };
}

/** The fields every incident object has; `services` are the components it may name. */
function incidentBase(incident: ApiIncidentSource, settings: PageSettingsView, services: ServiceView[], deliverNotifications: (updateId: string) => boolean = () => true) {
  const page = pageId(settings);
  const time = (date: Date | null) => (date ? isoWithOffset(date, settings.timeZone) : null);
  const byId = new Map(services.map((service) => [service.id, service]));
  const lastChange = incident.updates.reduce((latest, update) => (update.updatedAt > latest ? update.updatedAt : latest), incident.updatedAt);
  return {
    id: incident.id,
    name: stripBidiControls(incident.title),
    status: incident.status,
    created_at: time(incident.createdAt),
    updated_at: time(lastChange),
    monitoring_at: time(firstAt(incident, "monitoring")),
    resolved_at: time(incident.resolvedAt),
    impact: incident.impact,
    shortlink: `${settings.url}/incidents/${incident.id}`,
    started_at: time(incident.startedAt),
    page_id: page,
    incident_updates: incident.updates.map((update) => ({
      id: update.id,
      status: update.status,
      body: update.body,
      incident_id: incident.id,
      created_at: time(update.createdAt),
      updated_at: time(update.updatedAt),
      display_at: time(update.displayAt),
      affected_components: update.changes.map((change) => ({
        code: change.serviceId,
        name: stripBidiControls(change.serviceName),
        old_status: change.oldStatus,
        new_status: change.newStatus,
      })),
      deliver_notifications: deliverNotifications(update.id),
      custom_tweet: null,
      tweet_id: null,
    })),
    components: incident.services
      .map((service) => byId.get(service.id))
      .filter((service) => service !== undefined)
      .map((service) => apiComponent(service, page, (date) => time(date)!, service.position + 1)),
    postmortem_body: incident.postmortem?.body ?? null,
    postmortem_published_at: time(incident.postmortem?.publishedAt ?? null),
    // Herald's addition to Statuspage's object: the pinned "What you should do".
    advice: incident.advice?.body ?? null,
  };
}

/** What only the write API shows of an incident: drafts, notification and maintenance settings. */
export interface ManageIncidentSource extends ApiIncidentSource {
  draft: boolean;
  notify: boolean;
  backfilled: boolean;
  autoStart: boolean;
  autoComplete: boolean;
  remindBeforeMinutes: number | null;
  remindedAt: Date | null;
  /** Updates posted with deliver_notifications false (or never told: drafts, backfilled). */
  silentUpdateIds: ReadonlySet<string>;
}

/**
 * An incident as Statuspage's manage API returns it (the write API, /api/v1): every field
 * of the public object, the manage-only ones, and Herald's `draft`. `services` are all the
 * page's components, hidden ones too: a key sees what the console sees.
 */
export function apiManageIncident(incident: ManageIncidentSource, settings: PageSettingsView, services: ServiceView[]) {
  const time = (date: Date | null) => (date ? isoWithOffset(date, settings.timeZone) : null);
  return {
    ...incidentBase(incident, settings, services, (updateId) => !incident.silentUpdateIds.has(updateId)),
    // Herald's impact is always chosen by a person, never computed: it is the override.
    impact_override: incident.impact,
    scheduled_for: time(incident.scheduledStart),
    scheduled_until: time(incident.scheduledEnd),
    scheduled_remind_prior: incident.remindBeforeMinutes !== null,
    scheduled_reminded_at: time(incident.remindedAt),
    scheduled_auto_in_progress: incident.autoStart,
    scheduled_auto_completed: incident.autoComplete,
    deliver_notifications: incident.notify && !incident.backfilled,
    backfilled: incident.backfilled,
    metadata: {},
    draft: incident.draft,
  };
}

/** The ETag of an incident's current revision, for If-Match. */
export function incidentEtag(incident: { id: string; revision: number }): string {
  return `W/"${incident.id}-${incident.revision}"`;
}

/** Statuspage's status object; its description in `locale` (English: Statuspage's own words). */
export function apiStatus({ groups }: ApiInput, openIncidentImpacts: Impact[], maintenanceUnderWay: boolean, locale: Locale = DEFAULT_LOCALE) {
  const overall = rollUpStatus(groups.flatMap((group) => group.services), openIncidentImpacts);
  const indicator = overall.indicator === "none" && maintenanceUnderWay ? "maintenance" : overall.indicator;
  return { indicator, description: translator(locale)(`api.indicator.${indicator}`) };
}

/** JSON with <, > and & escaped, so a body can never close a script or style it lands in. */
export function safeJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, "\\u003c")
    .replace(/>/g, "\\u003e")
    .replace(/&/g, "\\u0026");
}
