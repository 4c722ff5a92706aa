import "server-only";
import type { ServiceStatus } from "@/lib/constants";
import type { Locale } from "@/lib/i18n/locales";
import { lastDays } from "@/lib/time";
import { dailyUptime, NARROW_UPTIME_DAYS, UPTIME_DAYS, uptimeOfLastDays } from "@/lib/uptime";
import type { UptimeBar } from "@/lib/views/uptime";
import { db } from "@/server/db";
import { publishedIncident } from "@/server/public-visibility";

/**
 * 90 daily cells per service, from the recorded status history, in the page's time zone;
 * the incidents named in a language's own words where translated.
 */
export async function getUptimeBars(serviceIds: string[], now: Date, timeZone: string, locale: Locale | null = null): Promise<Map<string, UptimeBar>> {
  const days = lastDays(now, UPTIME_DAYS, timeZone);
  const windowStart = days[0].start;
  const windowEnd = days[days.length - 1].end;

  const [inside, before, incidents] = await Promise.all([
    db().statusChange.findMany({
      where: { serviceId: { in: serviceIds }, at: { gte: windowStart, lt: windowEnd } },
      orderBy: [{ at: "asc" }, { id: "asc" }],
      select: { serviceId: true, status: true, at: true },
    }),
    Promise.all(
      serviceIds.map((serviceId) =>
        db().statusChange.findFirst({
          where: { serviceId, at: { lt: windowStart } },
          orderBy: [{ at: "desc" }, { id: "desc" }],
          select: { serviceId: true, status: true, at: true },
        }),
      ),
    ),
    db().incident.findMany({
      where: {
        ...publishedIncident,
        kind: "incident",
        startedAt: { lt: windowEnd },
        OR: [{ resolvedAt: null }, { resolvedAt: { gte: windowStart } }],
        services: { some: { serviceId: { in: serviceIds } } },
      },
      select: {
        id: true,
        title: true,
        startedAt: true,
        resolvedAt: true,
        services: { select: { serviceId: true } },
        translations: { where: { locale: { in: locale ? [locale] : [] } }, select: { title: true } },
      },
      orderBy: { startedAt: "asc" },
    }),
  ]);

  const bars = new Map<string, UptimeBar>();
  for (const serviceId of serviceIds) {
    const history = [...before.filter((row) => row?.serviceId === serviceId), ...inside.filter((row) => row.serviceId === serviceId)]
      .map((row) => ({ at: row!.at, status: row!.status as ServiceStatus }));
    const summary = dailyUptime(history, days, now);
    const touching = incidents.filter((incident) => incident.services.some((link) => link.serviceId === serviceId));
    const cells = summary.days.map((day, index) => {
      const dayEnd = days[index].end;
      const dayIncidents = touching
        .filter((incident) => incident.startedAt < dayEnd && (incident.resolvedAt === null || incident.resolvedAt >= day.start))
        .map(({ id, title, translations }) => ({ id, title: translations[0]?.title || title }));
      return { ...day, incidents: dayIncidents };
    });
    bars.set(serviceId, { serviceId, days: cells, uptime: summary.uptime, recentUptime: uptimeOfLastDays(summary.days, NARROW_UPTIME_DAYS) });
  }
  return bars;
}
