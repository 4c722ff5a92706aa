import ical, { ICalCalendarMethod, ICalEventStatus, ICalEventTransparency } from "ical-generator";
import { stripBidiControls } from "@/lib/bidi";
import { publicResponse } from "@/lib/http-cache";
import { FORMAT_LOCALE, type Locale } from "@/lib/i18n/locales";
import { translator } from "@/lib/i18n/translator";

// The subscribable maintenance calendars (/maintenance.ics, /services/<slug>/maintenance.ics),
// written with ical-generator: line folding at 75 octets, escaping and the UTC forms of
// RFC 5545 are easy to get subtly wrong by hand, and calendar clients are unforgiving.

/** One maintenance window, as a calendar shows it. */
export interface CalendarWindow {
  id: string;
  title: string;
  start: Date;
  end: Date;
  /** Rises on every change of the window (Incident.revision): the event's SEQUENCE. */
  revision: number;
  cancelled: boolean;
  /** When the window or its latest update last changed. */
  updatedAt: Date;
  /** Absolute link to the window's page. */
  url: string;
  /** The latest update, as plain text. */
  text: string;
  /** The visible services it affects, in the page's order. */
  services: string[];
}

export interface CalendarChannel {
  /** X-WR-CALNAME: what a calendar app lists the subscription as. */
  name: string;
  description: string;
  /** The calendar's own address (absolute). */
  url: string;
  /** The page's IANA zone: named for clients, while every time is written in UTC. */
  timeZone: string;
  /** The page's host, which makes each UID unique across every Herald. */
  host: string;
  /** The language the calendar's own words are in (each language's calendar has the same events, under the same UIDs). */
  language: Locale;
  /** When the calendar's content last changed. */
  updatedAt: Date;
}

export interface MaintenanceCalendar {
  channel: CalendarChannel;
  windows: CalendarWindow[];
}

/** How often clients should fetch again; most ignore less than an hour anyway. */
export const CALENDAR_REFRESH_SECONDS = 60 * 60;

/** Past windows kept in a calendar: a year back, so a subscriber sees what happened recently. */
export const CALENDAR_PAST_DAYS = 365;

/** The most windows one calendar holds (the latest), so a long history cannot grow it without end. */
export const CALENDAR_LIMIT = 500;

// Control characters are not allowed in iCalendar text values (RFC 5545 §3.3.11); line breaks are escaped by the library.
const CONTROL = /[\u0000-\u0009\u000B-\u001F\u007F]/g;

/** Text an editor wrote, safe for a calendar: no control characters, no bidi overrides. */
export function calendarText(value: string): string {
  return stripBidiControls(value).replace(/\r\n?/g, "\n").replace(CONTROL, "");
}

/** The event's UID: the window's id, stable for its life, at the page's host. */
export function calendarUid(windowId: string, host: string): string {
  return `${windowId}@${host}`;
}

/** "webcal://…": the address that makes a browser hand the calendar to the calendar app. */
export function webcalUrl(url: string): string {
  return url.replace(/^https?:\/\//i, "webcal://");
}

export function buildCalendar({ channel, windows }: MaintenanceCalendar): string {
  const t = translator(channel.language);
  // "A, B, C" in English, "A、B、C" in Japanese.
  const list = new Intl.ListFormat(FORMAT_LOCALE[channel.language], { type: "conjunction", style: "narrow" });
  const calendar = ical({
    name: calendarText(channel.name),
    description: calendarText(channel.description),
    prodId: { company: "Herald", product: "Herald status page", language: channel.language.toUpperCase() },
    method: ICalCalendarMethod.PUBLISH,
    url: channel.url,
    source: channel.url,
    ttl: CALENDAR_REFRESH_SECONDS,
    // Not `timezone`: given one, the library writes floating local times instead of UTC.
    x: [["X-WR-TIMEZONE", channel.timeZone]],
  });
  for (const window of windows) {
    const services = window.services.length > 0 ? `${t("calendar.affects", { services: list.format(window.services) })}\n\n` : "";
    calendar.createEvent({
      id: calendarUid(window.id, channel.host),
      // RFC 5545 starts a sequence at 0; a window starts at revision 1.
      sequence: Math.max(0, window.revision - 1),
      start: window.start,
      end: window.end,
      // The last change rather than the time of the request: the bytes, and so the ETag, hold still between changes.
      stamp: window.updatedAt,
      lastModified: window.updatedAt,
      summary: calendarText(window.cancelled ? t("calendar.cancelled", { title: window.title }) : window.title),
      description: calendarText(`${services}${window.text}\n\n${window.url}`),
      url: window.url,
      status: window.cancelled ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
      // A subscriber is not busy during someone else's maintenance.
      transparency: ICalEventTransparency.TRANSPARENT,
    });
  }
  return calendar.toString();
}

export function calendarResponse(request: Request, calendar: MaintenanceCalendar): Response {
  return publicResponse(request, buildCalendar(calendar), { contentType: "text/calendar; charset=utf-8", lastModified: calendar.channel.updatedAt });
}
