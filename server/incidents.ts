import "server-only";
import { stripBidiControls } from "@/lib/bidi";
import type { Impact, IncidentKind, ServiceStatus, UpdateStatus } from "@/lib/constants";
import { localizedText } from "@/lib/i18n/incident-text";
import { localeOr, type Locale } from "@/lib/i18n/locales";
import { renderMarkdown, type MarkdownSite } from "@/lib/markdown";
import { monthKey } from "@/lib/time";
import type { IncidentView, TextLanguage } from "@/lib/views/incidents";
import { db } from "@/server/db";
import type { Prisma } from "@/server/generated/sqlite/client";
import { announcedMaintenance, publishedIncident, visibleService } from "@/server/public-visibility";
import { getPageSettings } from "@/server/settings";

// What the public may see of incidents and maintenance: published ones, naming visible
// services only (the filter is server/public-visibility.ts). Read for a language, their
// texts come in it where translated and as written otherwise (lib/i18n/incident-text.ts).

/**
 * The rows with their translations into `locale` in the same queries (no query per
 * incident); with no locale, none: the texts as written, as feeds and the API read them.
 */
function incidentInclude(locale: Locale | null) {
  const translations = { where: { locale: { in: locale ? [locale] : [] } } };
  const service = { select: { id: true, slug: true, name: true, position: true, translations: { ...translations, select: { name: true } } } };
  return {
    translations,
    services: { where: { service: visibleService }, include: { service } },
    updates: {
      orderBy: [{ displayAt: "desc" }, { createdAt: "desc" }],
      include: { translations, changes: { where: { service: visibleService }, include: { service } } },
    },
  } satisfies Prisma.IncidentInclude;
}

type IncidentRow = Prisma.IncidentGetPayload<{ include: ReturnType<typeof incidentInclude> }>;

/** One text in the reader's language where translated, with the language it is in. */
function textIn(original: string, source: Locale, translation: { text: string | null; at: Date | null } | undefined, locale: Locale | null): { text: string; language: TextLanguage } {
  const { text, ...language } = localizedText(original, source, translation?.text, locale ?? source);
  return { text, language: { ...language, translatedAt: language.lang !== source ? (translation?.at ?? null) : null } };
}

/** A service's name as the reader's language has it (only the translated row is loaded). */
const serviceName = (service: { name: string; translations: { name: string }[] }) => stripBidiControls(service.translations[0]?.name ?? service.name);

function toIncidentView(row: IncidentRow, site: MarkdownSite, locale: Locale | null): IncidentView {
  const source = localeOr(row.sourceLocale);
  const translation = row.translations[0];
  const title = textIn(row.title, source, translation && { text: translation.title, at: translation.titleUpdatedAt }, locale);
  const rawAdvice = row.advice?.trim() ? row.advice : null;
  const advice = rawAdvice ? textIn(rawAdvice, source, translation && { text: translation.advice, at: translation.adviceUpdatedAt }, locale) : null;
  const postmortem = row.postmortemBody ? textIn(row.postmortemBody, source, translation && { text: translation.postmortemBody, at: translation.postmortemUpdatedAt }, locale) : null;
  return {
    id: row.id,
    kind: row.kind as IncidentKind,
    sourceLocale: source,
    title: stripBidiControls(title.text),
    titleLanguage: title.language,
    impact: row.impact as Impact,
    status: row.status as UpdateStatus,
    startedAt: row.startedAt,
    resolvedAt: row.resolvedAt,
    scheduledStart: row.scheduledStart,
    scheduledEnd: row.scheduledEnd,
    cancelledAt: row.cancelledAt,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    services: row.services
      .map((link) => link.service)
      .sort((a, b) => a.position - b.position)
      .map((service) => ({ id: service.id, slug: service.slug, name: serviceName(service) })),
    updates: row.updates.map((update) => {
      const body = textIn(update.body, source, update.translations[0] && { text: update.translations[0].body, at: update.translations[0].updatedAt }, locale);
      return {
        id: update.id,
        status: update.status as UpdateStatus,
        body: body.text,
        html: renderMarkdown(body.text, site),
        language: body.language,
        displayAt: update.displayAt,
        createdAt: update.createdAt,
        updatedAt: update.updatedAt,
        correctedAt: update.correctedAt,
        changes: update.changes
          .sort((a, b) => a.service.position - b.service.position)
          .map((change) => ({
            serviceId: change.service.id,
            serviceName: serviceName(change.service),
            serviceSlug: change.service.slug,
            oldStatus: change.oldStatus as ServiceStatus,
            newStatus: change.newStatus as ServiceStatus,
          })),
      };
    }),
    advice: advice ? { body: advice.text, html: renderMarkdown(advice.text, site), updatedAt: row.adviceUpdatedAt ?? row.updatedAt, language: advice.language } : null,
    // A draft postmortem stays in the console: only a published one is public.
    postmortem:
      postmortem && row.postmortemPublishedAt
        ? {
            body: postmortem.text,
            html: renderMarkdown(postmortem.text, site),
            language: postmortem.language,
            publishedAt: row.postmortemPublishedAt,
            updatedAt: row.postmortemUpdatedAt && row.postmortemUpdatedAt > row.postmortemPublishedAt ? row.postmortemUpdatedAt : row.postmortemPublishedAt,
          }
        : null,
  };
}

/** Published incidents; read for `locale` (a page's language), or as written when null. */
async function findIncidents(where: Prisma.IncidentWhereInput, orderBy: Prisma.IncidentOrderByWithRelationInput[], take: number | undefined, locale: Locale | null) {
  const [rows, settings] = await Promise.all([
    db().incident.findMany({ where: { AND: [publishedIncident, where] }, orderBy, take, include: incidentInclude(locale) }),
    // The page's address tells the operator's own links from others in update bodies.
    getPageSettings(),
  ]);
  return rows.map((row) => toIncidentView(row, { url: settings.url }, locale));
}

/** Incidents still open, most recently started first (the API's order; pages reorder by severity). */
export function listOpenIncidents(locale: Locale | null = null): Promise<IncidentView[]> {
  return findIncidents({ kind: "incident", resolvedAt: null }, [{ startedAt: "desc" }], undefined, locale);
}

/**
 * Maintenance that is planned or under way, soonest first; a window with an announce time
 * (announceBeforeMinutes) joins the list from then, by the real clock the windows run on.
 */
export async function listOpenMaintenance(now = new Date(), locale: Locale | null = null): Promise<IncidentView[]> {
  return findIncidents({ AND: [{ kind: "maintenance", resolvedAt: null }, await announcedMaintenance(now)] }, [{ scheduledStart: "asc" }, { startedAt: "asc" }], undefined, locale);
}

/** The latest incidents and maintenance that ended before `now`. */
export function listRecentlyResolved(now: Date, take = 5, locale: Locale | null = null): Promise<IncidentView[]> {
  return findIncidents({ resolvedAt: { not: null, lte: now } }, [{ resolvedAt: "desc" }], take, locale);
}

export async function getIncident(id: string, locale: Locale | null = null): Promise<IncidentView | null> {
  const [incident] = await findIncidents({ id }, [], 1, locale);
  return incident ?? null;
}

/** Everything that started in [start, end), newest first. */
export function listIncidentsBetween(start: Date, end: Date, locale: Locale | null = null): Promise<IncidentView[]> {
  return findIncidents({ startedAt: { gte: start, lt: end } }, [{ startedAt: "desc" }], undefined, locale);
}

/**
 * The newest month history shows: the page's "now" (the demo clock's, while it is on), or
 * a later month that something already under way was posted in. A real post made while
 * the demo clock shows June 2011 is still found in history, never hidden past the clock.
 * Maintenance scheduled for later months is left to the upcoming list.
 */
export async function currentHistoryMonth({ now, timeZone }: { now: Date; timeZone: string }, realNow = new Date()): Promise<string> {
  const clock = monthKey(now, timeZone);
  const latest = await db().incident.findFirst({
    where: { AND: [publishedIncident, { startedAt: { lte: realNow } }] },
    orderBy: { startedAt: "desc" },
    select: { startedAt: true },
  });
  const posted = latest ? monthKey(latest.startedAt, timeZone) : clock;
  return posted > clock ? posted : clock;
}

/** Whether anything public started before `before` (for "older" links). */
export async function hasIncidentsBefore(before: Date): Promise<boolean> {
  const found = await db().incident.findFirst({ where: { AND: [publishedIncident, { startedAt: { lt: before } }] }, select: { id: true } });
  return found !== null;
}

export function listServiceIncidents(serviceId: string, take = 20, locale: Locale | null = null): Promise<IncidentView[]> {
  return findIncidents({ services: { some: { serviceId } } }, [{ startedAt: "desc" }], take, locale);
}

/** The most recent incidents or maintenance windows, open or not, newest first. */
export function listRecent(kind: IncidentKind, take = 50, locale: Locale | null = null): Promise<IncidentView[]> {
  return findIncidents({ kind }, kind === "maintenance" ? [{ scheduledStart: "desc" }, { startedAt: "desc" }] : [{ startedAt: "desc" }], take, locale);
}
