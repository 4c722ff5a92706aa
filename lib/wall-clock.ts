// A date and time typed as the page writes them ("17 June 2011 08:30"), read as a wall
// clock in the page's time zone. A browser's datetime-local field shows its own locale
// (mm/dd/yyyy in the US) under a label naming another zone; a text field reads the same
// everywhere and on every phone.

export const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"] as const;

export const WALL_CLOCK_EXAMPLE = "17 June 2011 08:30";

/** A wall-clock time as "2011-06-17T08:30" (the form datetime-local used, and what the server reads). */
export type WallClock = string;

const pad = (value: number) => String(value).padStart(2, "0");

function monthNumber(word: string): number | null {
  const lower = word.toLowerCase().replace(/\.$/, "");
  if (lower.length < 3) return null;
  // "Jun", "June", "Sept": any start of the name, three letters or more.
  const index = MONTHS.findIndex((month) => month.toLowerCase().startsWith(lower));
  return index === -1 ? null : index + 1;
}

function daysIn(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** "08:30", "8.30", "8:30 pm" → hours and minutes, or null. */
function parseTime(text: string): { hour: number; minute: number } | "range" | null {
  const match = /^(\d{1,2})[:.](\d{2})\s*([ap]\.?m\.?)?$/i.exec(text.trim());
  if (!match) return null;
  let hour = Number(match[1]);
  const minute = Number(match[2]);
  const meridiem = match[3]?.toLowerCase().replace(/\./g, "");
  if (meridiem) {
    if (hour < 1 || hour > 12) return "range";
    hour = (hour % 12) + (meridiem === "pm" ? 12 : 0);
  }
  if (hour > 23 || minute > 59) return "range";
  return { hour, minute };
}

export type WallClockResult = { ok: true; value: WallClock } | { ok: false; error: string };

const GENERAL = `Enter the date and time like ${WALL_CLOCK_EXAMPLE}, or leave it empty for now.`;

/**
 * Reads "17 June 2011 08:30" (also "17 Jun 2011 at 8:30 pm", "June 17, 2011 08:30" and
 * "2011-06-17T08:30") into "2011-06-17T08:30", or says what is wrong with it.
 */
export function parseWallClock(input: string): WallClockResult {
  const text = input.trim().replace(/\s+/g, " ");
  const iso = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{1,2}:\d{2})$/.exec(text);
  let year: number, month: number, day: number, timeText: string;
  if (iso) {
    [year, month, day, timeText] = [Number(iso[1]), Number(iso[2]), Number(iso[3]), iso[4]];
    if (month < 1 || month > 12) return { ok: false, error: GENERAL };
  } else {
    // Day and month in either order, then the year, then the time: commas and "at" are optional.
    const words = text.replace(/,/g, " ").replace(/\bat\b/gi, " ").trim().split(/\s+/);
    const timeStart = words.findIndex((word) => /^\d{1,2}[:.]\d{2}$/.test(word));
    if (timeStart === -1) return { ok: false, error: `Add the time after the date, like ${WALL_CLOCK_EXAMPLE}.` };
    timeText = words.slice(timeStart).join(" ");
    const date = words.slice(0, timeStart);
    if (date.length !== 3) return { ok: false, error: GENERAL };
    const [first, second, third] = date;
    const dayFirst = /^\d{1,2}(st|nd|rd|th)?$/i.test(first);
    const dayWord = dayFirst ? first : second;
    const monthWord = dayFirst ? second : first;
    if (!/^\d{1,2}(st|nd|rd|th)?$/i.test(dayWord)) return { ok: false, error: GENERAL };
    const named = monthNumber(monthWord);
    if (named === null) return { ok: false, error: `Write the month as a word, like ${WALL_CLOCK_EXAMPLE}.` };
    if (!/^\d{4}$/.test(third)) return { ok: false, error: `Write the year in full, like ${WALL_CLOCK_EXAMPLE}.` };
    [year, month, day] = [Number(third), named, parseInt(dayWord, 10)];
  }
  if (day < 1 || day > daysIn(year, month)) return { ok: false, error: `${MONTHS[month - 1]} ${year} has ${daysIn(year, month)} days.` };
  const time = parseTime(timeText);
  if (time === null) return { ok: false, error: `Write the time as hours and minutes, like ${WALL_CLOCK_EXAMPLE}.` };
  if (time === "range") return { ok: false, error: "Enter a time from 00:00 to 23:59." };
  return { ok: true, value: `${year}-${pad(month)}-${pad(day)}T${pad(time.hour)}:${pad(time.minute)}` };
}

/** "2011-06-17T08:30" → "17 June 2011 08:30", the way the field shows it. */
export function formatWallClock(value: WallClock): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(value);
  if (!match) return value;
  return `${Number(match[3])} ${MONTHS[Number(match[2]) - 1]} ${match[1]} ${match[4]}:${match[5]}`;
}
