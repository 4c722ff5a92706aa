import "server-only";
import { stripBidiControls } from "@/lib/bidi";
import type { Impact, IncidentKind, ServiceStatus, UpdateStatus } from "@/lib/constants";
import { renderMarkdown, type MarkdownSite } from "@/lib/markdown";
import { monthKey } from "@/lib/time";
import type { IncidentView } from "@/lib/views/incidents";
import { db } from "@/server/db";
import type { Prisma } from "@/server/generated/sqlite/client";
import { announcedMaintenance, publishedIncident, visibleService } from "@/server/public-visibility";
import { getPageSettings } from "@/server/settings";

// What the public may see of incidents and maintenance: published ones, naming visible
// services only (the filter is server/public-visibility.ts).

const incidentInclude = {
  services: {
    where: { service: visibleService },
    include: { service: { select: { id: true, slug: true, name: true, position: true } } },
  },
  updates: {
    orderBy: [{ displayAt: "desc" }, { createdAt: "desc" }],
    include: {
      changes: {
        where: { service: visibleService },
        include: { service: { select: { id: true, name: true, slug: true, position: true } } },
      },
    },
  },
} satisfies Prisma.IncidentInclude;

type IncidentRow = Prisma.IncidentGetPayload<{ include: typeof incidentInclude }>;

function toIncidentView(row: IncidentRow, site: MarkdownSite): IncidentView {
  const advice = row.advice?.trim() ? row.advice : null;
  return {
    id: row.id,
    kind: row.kind as IncidentKind,
    title: stripBidiControls(row.title),
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
      .map(({ id, slug, name }) => ({ id, slug, name: stripBidiControls(name) })),
    updates: row.updates.map((update) => ({
      id: update.id,
      status: update.status as UpdateStatus,
      body: update.body,
      html: renderMarkdown(update.body, site),
      displayAt: update.displayAt,
      createdAt: update.createdAt,
      updatedAt: update.updatedAt,
      correctedAt: update.correctedAt,
      changes: update.changes
        .sort((a, b) => a.service.position - b.service.position)
        .map((change) => ({
          serviceId: change.service.id,
          serviceName: stripBidiControls(change.service.name),
          serviceSlug: change.service.slug,
          oldStatus: change.oldStatus as ServiceStatus,
          newStatus: change.newStatus as ServiceStatus,
        })),
    })),
    advice: advice ? { body: advice, html: renderMarkdown(advice, site), updatedAt: row.adviceUpdatedAt ?? row.updatedAt } : null,
    // A draft postmortem stays in the console: only a published one is public.
    postmortem:
      row.postmortemBody && row.postmortemPublishedAt
        ? {
            body: row.postmortemBody,
            html: renderMarkdown(row.postmortemBody, site),
            publishedAt: row.postmortemPublishedAt,
            updatedAt: row.postmortemUpdatedAt && row.postmortemUpdatedAt > row.postmortemPublishedAt ? row.postmortemUpdatedAt : row.postmortemPublishedAt,
          }
        : null,
  };
}

async function findIncidents(where: Prisma.IncidentWhereInput, orderBy: Prisma.IncidentOrderByWithRelationInput[], take?: number) {
  const [rows, settings] = await Promise.all([
    db().incident.findMany({ where: { AND: [publishedIncident, where] }, orderBy, take, include: incidentInclude }),
    // The page's address tells the operator's own links from others in update bodies.
    getPageSettings(),
  ]);
  return rows.map((row) => toIncidentView(row, { url: settings.url }));
}

/** Incidents still open, most recently started first (the API's order; pages reorder by severity). */
export function listOpenIncidents(): Promise<IncidentView[]> {
  return findIncidents({ kind: "incident", resolvedAt: null }, [{ startedAt: "desc" }]);
}

/**
 * Maintenance that is planned or under way, soonest first; a window with an announce time
 * (announceBeforeMinutes) joins the list from then, by the real clock the windows run on.
 */
export async function listOpenMaintenance(now = new Date()): Promise<IncidentView[]> {
  return findIncidents({ AND: [{ kind: "maintenance", resolvedAt: null }, await announcedMaintenance(now)] }, [{ scheduledStart: "asc" }, { startedAt: "asc" }]);
}

/** The latest incidents and maintenance that ended before `now`. */
export function listRecentlyResolved(now: Date, take = 5): Promise<IncidentView[]> {
  return findIncidents({ resolvedAt: { not: null, lte: now } }, [{ resolvedAt: "desc" }], take);
}

export async function getIncident(id: string): Promise<IncidentView | null> {
  const [incident] = await findIncidents({ id }, [], 1);
  return incident ?? null;
}

/** Everything that started in [start, end), newest first. */
export function listIncidentsBetween(start: Date, end: Date): Promise<IncidentView[]> {
  return findIncidents({ startedAt: { gte: start, lt: end } }, [{ startedAt: "desc" }]);
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

export function listServiceIncidents(serviceId: string, take = 20): Promise<IncidentView[]> {
  return findIncidents({ services: { some: { serviceId } } }, [{ startedAt: "desc" }], take);
}

/** The most recent incidents or maintenance windows, open or not, newest first. */
export function listRecent(kind: IncidentKind, take = 50): Promise<IncidentView[]> {
  return findIncidents({ kind }, kind === "maintenance" ? [{ scheduledStart: "desc" }, { startedAt: "desc" }] : [{ startedAt: "desc" }], take);
}
