import "server-only";
import { CALENDAR_LIMIT, CALENDAR_PAST_DAYS, type CalendarWindow, type MaintenanceCalendar } from "@/lib/calendar";
import { stripBidiControls } from "@/lib/bidi";
import { localizedText } from "@/lib/i18n/incident-text";
import { localeOr, type Locale } from "@/lib/i18n/locales";
import { localizedUrl } from "@/lib/i18n/routing";
import { translator } from "@/lib/i18n/translator";
import { markdownToText } from "@/lib/markdown";
import { db } from "@/server/db";
import { publishedIncident, visibleService } from "@/server/public-visibility";
import { listServiceGroups } from "@/server/services";
import { getPageSettings } from "@/server/settings";

/**
 * The maintenance calendar: every published window that ended in the last year or has
 * yet to, for the whole page or for one visible service (null when there is no such
 * service). Drafts and hidden services never appear. Unlike the page's upcoming list, a
 * calendar holds a window from its announcement on, whatever announceBeforeMinutes says:
 * planning ahead is what a calendar is for. In `locale` (the page's default language when
 * not given): its names and links; the events and their UIDs are the same in every language.
 */
export async function getMaintenanceCalendar(serviceSlug?: string, locale?: Locale): Promise<MaintenanceCalendar | null> {
  const settings = await getPageSettings();
  const language = locale ?? settings.defaultLocale;
  const t = translator(language);
  const groups = await listServiceGroups(locale ?? null);
  let service: { id: string; name: string; slug: string; updatedAt: Date } | null = null;
  if (serviceSlug !== undefined) {
    service = groups.flatMap((group) => group.services).find((candidate) => candidate.slug === serviceSlug) ?? null;
    if (!service) return null;
  }

  // Each text's translation into the calendar's language comes in the same query.
  const translations = { where: { locale: language } };
  const horizon = new Date(settings.now.getTime() - CALENDAR_PAST_DAYS * 24 * 60 * 60_000);
  const rows = await db().incident.findMany({
    where: {
      AND: [
        publishedIncident,
        { kind: "maintenance", scheduledStart: { not: null }, scheduledEnd: { gte: horizon } },
        service ? { services: { some: { serviceId: service.id } } } : {},
      ],
    },
    // The latest windows when there are too many; written soonest first below.
    orderBy: [{ scheduledStart: "desc" }, { id: "desc" }],
    take: CALENDAR_LIMIT,
    include: {
      translations: { ...translations, select: { title: true, titleUpdatedAt: true } },
      services: { where: { service: visibleService }, select: { service: { select: { name: true, position: true, translations: { ...translations, select: { name: true } } } } } },
      updates: {
        orderBy: [{ displayAt: "desc" }, { createdAt: "desc" }],
        take: 1,
        select: { body: true, updatedAt: true, translations: { ...translations, select: { body: true, updatedAt: true } } },
      },
    },
  });

  const windows: CalendarWindow[] = rows.reverse().map((row) => {
    const source = localeOr(row.sourceLocale);
    const latest = row.updates[0];
    const body = latest ? localizedText(latest.body, source, latest.translations[0]?.body, language) : null;
    // A translation written later changes the event in its language's calendar alone.
    const times = [row.updatedAt, latest?.updatedAt, row.translations[0]?.titleUpdatedAt, latest?.translations[0]?.updatedAt];
    return {
      id: row.id,
      title: stripBidiControls(localizedText(row.title, source, row.translations[0]?.title, language).text),
      start: row.scheduledStart!,
      end: row.scheduledEnd ?? row.scheduledStart!,
      revision: row.revision,
      cancelled: row.cancelledAt !== null,
      updatedAt: new Date(Math.max(...times.map((time) => time?.getTime() ?? 0))),
      url: localizedUrl(settings.url, `/incidents/${encodeURIComponent(row.id)}`, language, settings.defaultLocale),
      // Text not in the calendar's language yet follows a note that says so.
      text: body ? `${body.translated ? "" : `${t("translation.notTranslated", { text: "update", source: body.lang })}\n\n`}${markdownToText(body.text)}` : "",
      services: row.services
        .map((link) => link.service)
        .sort((a, b) => a.position - b.position)
        .map((linked) => stripBidiControls(linked.translations[0]?.name ?? linked.name)),
    };
  });

  // Every public change moves the settings' time (server/mutation.ts recordPublicChange), so a
  // window dropped from the calendar still moves Last-Modified.
  const times = [settings.updatedAt, ...(service ? [service.updatedAt] : []), ...windows.map((window) => window.updatedAt)];
  const path = service ? `/services/${encodeURIComponent(service.slug)}/maintenance.ics` : "/maintenance.ics";
  const names = { name: settings.name, service: service?.name ?? "" };
  return {
    channel: {
      name: service ? t("calendar.nameFor", names) : t("calendar.name", names),
      description: service ? t("calendar.descriptionFor", names) : t("calendar.description", names),
      url: localizedUrl(settings.url, path, language, settings.defaultLocale),
      timeZone: settings.timeZone,
      host: new URL(settings.url).host,
      language,
      updatedAt: new Date(Math.max(...times.map((time) => time.getTime()))),
    },
    windows,
  };
}
