import "server-only";
import type { PublicRoutes } from "@/lib/front";
import { monthKey } from "@/lib/time";
import { db } from "@/server/db";
import { publishedIncident, visibleService } from "@/server/public-visibility";
import { currentHistoryMonth } from "@/server/incidents";
import { getPageSettings } from "@/server/settings";

// What the front server needs from the database: the data version it polls, which ids
// and months have public pages, so that any other address shares one cached 404, and
// which language has the unprefixed addresses.

/** The counter every public change bumps (recordPublicChange); throws when the database is unreachable. */
export async function readDataVersion(): Promise<number> {
  const row = await db().pageSettings.findUnique({ where: { id: 1 }, select: { version: true } });
  return row?.version ?? 0;
}

/**
 * Published incidents (newest first: lib/front.ts publicKeys renders the most recent), visible services and the first month of history (in the page's
 * time zone), by the rules every public read uses (server/public-visibility.ts).
 */
export async function listPublicRoutes(): Promise<PublicRoutes> {
  const settings = await getPageSettings();
  const [incidents, services, oldest, currentMonth] = await Promise.all([
    db().incident.findMany({ where: publishedIncident, select: { id: true }, orderBy: [{ startedAt: "desc" }, { id: "asc" }] }),
    db().service.findMany({ where: visibleService, select: { slug: true } }),
    db().incident.findFirst({ where: publishedIncident, orderBy: { startedAt: "asc" }, select: { startedAt: true } }),
    currentHistoryMonth(settings),
  ]);
  return {
    incidents: new Set(incidents.map((incident) => incident.id)),
    services: new Set(services.map((service) => service.slug)),
    earliestMonth: oldest ? monthKey(oldest.startedAt, settings.timeZone) : null,
    currentMonth,
    defaultLocale: settings.defaultLocale,
  };
}
