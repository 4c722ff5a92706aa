import "server-only";
import { db, type Db } from "@/server/db";
import type { Prisma } from "@/server/generated/sqlite/client";

// What the public may see: published incidents, and services not hidden. Every public
// read (pages, feeds, badges, the API, uptime) filters through these two, so a draft or a
// hidden service cannot reach a reader through a query that spelled the rule differently.

export const publishedIncident = { publishedAt: { not: null } } satisfies Prisma.IncidentWhereInput;

export const visibleService = { hidden: false } satisfies Prisma.ServiceWhereInput;

/** When an upcoming window joins the page's upcoming list: announceBeforeMinutes before its start. */
export function announceTime(window: { scheduledStart: Date; announceBeforeMinutes: number }): Date {
  return new Date(window.scheduledStart.getTime() - window.announceBeforeMinutes * 60_000);
}

/**
 * The lists of upcoming maintenance (the home page, the API's upcoming and summary) leave
 * out a window until its announce time. Prisma cannot compare a column with another one
 * plus an offset, so the few windows still waiting are found first and left out by id.
 */
export async function announcedMaintenance(now: Date, database: Db = db()): Promise<Prisma.IncidentWhereInput> {
  const waiting = await database.incident.findMany({
    where: { kind: "maintenance", status: "scheduled", announceBeforeMinutes: { not: null }, scheduledStart: { gt: now } },
    select: { id: true, scheduledStart: true, announceBeforeMinutes: true },
  });
  const hidden = waiting
    .filter(({ scheduledStart, announceBeforeMinutes }) => scheduledStart && announceBeforeMinutes !== null && announceTime({ scheduledStart, announceBeforeMinutes }) > now)
    .map((window) => window.id);
  return hidden.length > 0 ? { id: { notIn: hidden } } : {};
}
