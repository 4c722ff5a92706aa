// Time-zone arithmetic with the platform's Intl data only: the page's time zone
// decides where a day starts, and every time a reader sees names its zone.
import { DEFAULT_LOCALE, FORMAT_LOCALE, type Locale } from "@/lib/i18n/locales";
import { translator } from "@/lib/i18n/translator";

interface ZonedParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

const partsFormatters = new Map<string, Intl.DateTimeFormat>();

function partsFormatter(timeZone: string) {
  let formatter = partsFormatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
    });
    partsFormatters.set(timeZone, formatter);
  }
  return formatter;
}

export function zonedParts(date: Date, timeZone: string): ZonedParts {
  const parts: Record<string, number> = {};
  for (const part of partsFormatter(timeZone).formatToParts(date)) {
    if (part.type !== "literal") parts[part.type] = Number(part.value);
  }
  return {
    year: parts.year,
    month: parts.month,
    day: parts.day,
    hour: parts.hour,
    minute: parts.minute,
    second: parts.second,
  };
}

export function isValidTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone });
    return true;
  } catch {
    return false;
  }
}

/** The zone's offset from UTC at an instant, in milliseconds. */
function offsetAt(instant: number, timeZone: string): number {
  const p = zonedParts(new Date(instant), timeZone);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return asUtc - Math.floor(instant / 1000) * 1000;
}

/** The instant at which a wall-clock time happens in a zone. */
export function zonedTime(
  year: number,
  month: number,
  day: number,
  timeZone: string,
  hour = 0,
  minute = 0,
): Date {
  const wall = Date.UTC(year, month - 1, day, hour, minute);
  const first = wall - offsetAt(wall, timeZone);
  const second = wall - offsetAt(first, timeZone);
  return new Date(second);
}

export function startOfDay(date: Date, timeZone: string): Date {
  const p = zonedParts(date, timeZone);
  return zonedTime(p.year, p.month, p.day, timeZone);
}

/** Local calendar days as [start, end) instants, oldest first, ending with the day that holds `now`. */
export function lastDays(now: Date, count: number, timeZone: string) {
  const today = zonedParts(now, timeZone);
  const days: { key: string; start: Date; end: Date }[] = [];
  for (let back = count - 1; back >= 0; back--) {
    // Date.UTC normalises day underflow, so this walks calendar days across months.
    const civil = new Date(Date.UTC(today.year, today.month - 1, today.day - back));
    const next = new Date(Date.UTC(today.year, today.month - 1, today.day - back + 1));
    days.push({
      key: civil.toISOString().slice(0, 10),
      start: zonedTime(civil.getUTCFullYear(), civil.getUTCMonth() + 1, civil.getUTCDate(), timeZone),
      end: zonedTime(next.getUTCFullYear(), next.getUTCMonth() + 1, next.getUTCDate(), timeZone),
    });
  }
  return days;
}

/** "2011-06" for the local month that holds `date`. */
export function monthKey(date: Date, timeZone: string): string {
  const p = zonedParts(date, timeZone);
  return `${p.year}-${String(p.month).padStart(2, "0")}`;
}

/** The [start, end) instants of a local month given as "YYYY-MM". */
export function monthRange(key: string, timeZone: string) {
  const [year, month] = key.split("-").map(Number);
  return {
    start: zonedTime(year, month, 1, timeZone),
    end: month === 12 ? zonedTime(year + 1, 1, 1, timeZone) : zonedTime(year, month + 1, 1, timeZone),
  };
}

export function shiftMonth(key: string, delta: number): string {
  const [year, month] = key.split("-").map(Number);
  const shifted = new Date(Date.UTC(year, month - 1 + delta, 1));
  return shifted.toISOString().slice(0, 7);
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(locale: Locale, key: string, options: Intl.DateTimeFormatOptions) {
  const cacheKey = `${locale}:${key}`;
  let found = formatters.get(cacheKey);
  if (!found) {
    found = new Intl.DateTimeFormat(FORMAT_LOCALE[locale], options);
    formatters.set(cacheKey, found);
  }
  return found;
}

/**
 * "17 June 2011 at 14:05 BST", "2011年6月17日 23:00 (JST)": an absolute time with its zone
 * named as readers of `locale` expect (the catalog's time.withZone puts the two together).
 */
export function formatDateTime(date: Date, timeZone: string, locale: Locale = DEFAULT_LOCALE): string {
  const parts = formatter(locale, `dt:${timeZone}`, {
    timeZone,
    day: "numeric",
    month: "long",
    year: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    timeZoneName: "short",
  }).formatToParts(date);
  const zone = parts.find((part) => part.type === "timeZoneName")?.value ?? timeZone;
  const dateTime = parts
    .filter((part) => part.type !== "timeZoneName")
    .map((part) => part.value)
    .join("")
    .trim();
  return withZone(locale)(dateTime, zone);
}

const zoneTemplates = new Map<Locale, (dateTime: string, zone: string) => string>();

/** The catalog's time.withZone, formatted once per language and filled in by hand: a page says it for every time it shows. */
function withZone(locale: Locale): (dateTime: string, zone: string) => string {
  let fill = zoneTemplates.get(locale);
  if (!fill) {
    const template = translator(locale)("time.withZone", { dateTime: "\u0000", zone: "\u0001" });
    fill = (dateTime, zone) => template.replace("\u0000", () => dateTime).replace("\u0001", () => zone);
    zoneTemplates.set(locale, fill);
  }
  return fill;
}

/** "Thu, 16 Jun 2011", "2011年6月16日(木)" */
export function formatDay(date: Date, timeZone: string, locale: Locale = DEFAULT_LOCALE): string {
  return formatter(locale, `d:${timeZone}`, {
    timeZone,
    weekday: "short",
    day: "numeric",
    month: "short",
    year: "numeric",
  }).format(date);
}

/** "June 2011", "2011年6月" for a "YYYY-MM" key. */
export function formatMonth(key: string, locale: Locale = DEFAULT_LOCALE): string {
  const [year, month] = key.split("-").map(Number);
  return formatter(locale, "month", { timeZone: "UTC", month: "long", year: "numeric" }).format(new Date(Date.UTC(year, month - 1, 1)));
}

/** "2011-06-17T08:30:00.000+01:00": ISO 8601 in the page's zone, as Statuspage writes times. */
export function isoWithOffset(date: Date, timeZone: string): string {
  const offsetMinutes = Math.round(offsetAt(date.getTime(), timeZone) / 60_000);
  const local = new Date(date.getTime() + offsetMinutes * 60_000).toISOString().slice(0, 23);
  const sign = offsetMinutes < 0 ? "-" : "+";
  const abs = Math.abs(offsetMinutes);
  return `${local}${sign}${String(Math.floor(abs / 60)).padStart(2, "0")}:${String(abs % 60).padStart(2, "0")}`;
}
