import { describe, expect, it } from "vitest";
import { buildCalendar, calendarResponse, calendarText, calendarUid, webcalUrl, type CalendarWindow, type MaintenanceCalendar } from "@/lib/calendar";

const window = (overrides: Partial<CalendarWindow> = {}): CalendarWindow => ({
  id: "cm0window",
  title: "Database upgrade",
  start: new Date("2011-06-18T01:00:00Z"),
  end: new Date("2011-06-18T03:00:00Z"),
  revision: 1,
  cancelled: false,
  updatedAt: new Date("2011-06-10T09:30:00Z"),
  url: "https://status.example.com/incidents/cm0window",
  text: "The forums will be read-only.",
  services: ["Forums", "Sega Pass login"],
  ...overrides,
});

const calendar = (windows: CalendarWindow[]): MaintenanceCalendar => ({
  channel: {
    name: "Sega Pass status maintenance",
    description: "Scheduled maintenance on Sega Pass status.",
    url: "https://status.example.com/maintenance.ics",
    timeZone: "Europe/London",
    host: "status.example.com",
    language: "en",
    updatedAt: new Date("2011-06-10T09:30:00Z"),
  },
  windows,
});

/** The unfolded lines of a calendar (RFC 5545 folds at 75 octets with CRLF and a space). */
const lines = (text: string) => text.replace(/\r\n /g, "").split("\r\n");

describe("buildCalendar", () => {
  it("writes one event per window, in UTC, with the page's zone named", () => {
    const text = buildCalendar(calendar([window()]));
    const all = lines(text);
    expect(all[0]).toBe("BEGIN:VCALENDAR");
    expect(all).toEqual(
      expect.arrayContaining([
        "METHOD:PUBLISH",
        "X-WR-CALNAME:Sega Pass status maintenance",
        "X-WR-TIMEZONE:Europe/London",
        "X-PUBLISHED-TTL:PT1H",
        "REFRESH-INTERVAL;VALUE=DURATION:PT1H",
        "UID:cm0window@status.example.com",
        "SEQUENCE:0",
        "DTSTART:20110618T010000Z",
        "DTEND:20110618T030000Z",
        "DTSTAMP:20110610T093000Z",
        "LAST-MODIFIED:20110610T093000Z",
        "SUMMARY:Database upgrade",
        "DESCRIPTION:Affects: Forums\\, Sega Pass login\\n\\nThe forums will be read-only.\\n\\nhttps://status.example.com/incidents/cm0window",
        "URL;VALUE=URI:https://status.example.com/incidents/cm0window",
        "STATUS:CONFIRMED",
        "TRANSP:TRANSPARENT",
      ]),
    );
    // No floating or zoned times: every one is UTC.
    expect(all.filter((line) => /^(DTSTART|DTEND|DTSTAMP|LAST-MODIFIED)/.test(line)).every((line) => /:\d{8}T\d{6}Z$/.test(line))).toBe(true);
    expect(text).not.toContain("TZID");
    // Every line ends in CRLF, none longer than 75 octets.
    expect(text.endsWith("END:VCALENDAR\r\n") || text.endsWith("END:VCALENDAR")).toBe(true);
    expect(text.split("\r\n").every((line) => Buffer.byteLength(line) <= 75)).toBe(true);
  });

  it("raises the sequence with the revision and marks a cancelled window", () => {
    const all = lines(buildCalendar(calendar([window({ revision: 4, cancelled: true })])));
    expect(all).toContain("SEQUENCE:3");
    expect(all).toContain("STATUS:CANCELLED");
    expect(all).toContain("SUMMARY:Cancelled: Database upgrade");
  });

  it("escapes what an editor wrote, so no text can add a property or an event", () => {
    const text = buildCalendar(calendar([window({ title: "Upgrade; phase 1, part 2\r\nEND:VEVENT\u0007", text: "Line one\nBEGIN:VEVENT\\" })]));
    const all = lines(text);
    expect(all.filter((line) => line === "BEGIN:VEVENT")).toHaveLength(1);
    expect(all.filter((line) => line === "END:VEVENT")).toHaveLength(1);
    expect(all).toContain("SUMMARY:Upgrade\\; phase 1\\, part 2\\nEND:VEVENT");
    expect(all.find((line) => line.startsWith("DESCRIPTION:"))).toContain("Line one\\nBEGIN:VEVENT\\\\");
  });

  it("writes the same bytes for the same content, whenever it is built", async () => {
    const first = buildCalendar(calendar([window()]));
    await new Promise((resolve) => setTimeout(resolve, 1100));
    expect(buildCalendar(calendar([window()]))).toBe(first);
  });

  it("speaks the calendar's language, with the same events under the same UIDs", () => {
    const japanese = calendar([window({ title: "データベースの更新作業", cancelled: true, services: ["フォーラム", "Sega Passログイン"] })]);
    japanese.channel = { ...japanese.channel, name: "Sega Pass status メンテナンス予定", language: "ja" };
    const text = buildCalendar(japanese);
    const all = lines(text);
    expect(all).toEqual(
      expect.arrayContaining([
        "X-WR-CALNAME:Sega Pass status メンテナンス予定",
        "UID:cm0window@status.example.com",
        "SUMMARY:【中止】データベースの更新作業",
        "DESCRIPTION:影響範囲：フォーラム、Sega Passログイン\\n\\nThe forums will be read-only.\\n\\nhttps://status.example.com/incidents/cm0window",
      ]),
    );
    expect(all.find((line) => line.startsWith("PRODID:"))).toMatch(/\/\/JA$/);
    // Folded at 75 octets without splitting a character.
    expect(text.split("\r\n").every((line) => Buffer.byteLength(line) <= 75 && !line.includes("\uFFFD"))).toBe(true);
  });

  it("holds no event when there is no window", () => {
    expect(lines(buildCalendar(calendar([]))).some((line) => line.startsWith("BEGIN:VEVENT"))).toBe(false);
  });
});

describe("calendarText, calendarUid, webcalUrl", () => {
  it("drops control characters and bidi overrides, and keeps line breaks", () => {
    expect(calendarText("a\u0000b\u202Ec\r\nd\te")).toBe("abc\nde");
  });

  it("makes the UID from the window's id at the page's host", () => {
    expect(calendarUid("cm0window", "status.example.com:8080")).toBe("cm0window@status.example.com:8080");
  });

  it("gives the webcal:// address of an http or https calendar", () => {
    expect(webcalUrl("https://status.example.com/maintenance.ics")).toBe("webcal://status.example.com/maintenance.ics");
    expect(webcalUrl("http://127.0.0.1:3000/services/forums/maintenance.ics")).toBe("webcal://127.0.0.1:3000/services/forums/maintenance.ics");
  });
});

describe("calendarResponse", () => {
  it("answers text/calendar with an ETag, and 304 to a reader that has it", async () => {
    const request = (headers: Record<string, string> = {}) => new Request("https://status.example.com/maintenance.ics", { headers });
    const response = calendarResponse(request(), calendar([window()]));
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/calendar; charset=utf-8");
    expect(response.headers.get("last-modified")).toBe("Fri, 10 Jun 2011 09:30:00 GMT");
    const etag = response.headers.get("etag")!;
    expect(calendarResponse(request({ "If-None-Match": etag }), calendar([window()])).status).toBe(304);
    expect(calendarResponse(request({ "If-None-Match": etag }), calendar([window({ revision: 2 })])).status).toBe(200);
  });
});
