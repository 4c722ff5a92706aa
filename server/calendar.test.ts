import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as pageCalendar } from "@/app/(feeds)/maintenance.ics/route";
import { GET as serviceCalendar } from "@/app/(feeds)/services/[slug]/maintenance.ics/route";
import type { Actor } from "@/lib/views/actor";
import { db } from "@/server/db";
import { planMaintenance } from "@/server/incident-updates";
import { cancelMaintenance, rescheduleMaintenance } from "@/server/maintenance";

// The maintenance calendars as a calendar app reads them: built through the route
// handlers, parsed by Debian's python3-icalendar, a real iCalendar parser.

const SITE = "https://status.example.com";
let editor: Actor;
const ids: Record<string, string> = {};
const folder = mkdtempSync(path.join(tmpdir(), "herald-calendar-"));

interface ParsedEvent {
  uid: string;
  sequence: number;
  status: string;
  start: string;
  end: string;
  summary: string;
  url: string;
  description: string;
  transp: string;
}
interface ParsedCalendar {
  name: string;
  timeZone: string;
  method: string;
  ttl: string;
  events: ParsedEvent[];
}

/** The calendar through icalendar.Calendar.from_ical, times as UTC ISO strings. */
function parseWithIcalendar(body: string): ParsedCalendar {
  const file = path.join(folder, `calendar-${Math.random().toString(36).slice(2)}.ics`);
  writeFileSync(file, body);
  const script = `
import icalendar, json, sys, datetime
cal = icalendar.Calendar.from_ical(open(sys.argv[1], "rb").read())
def utc(value):
    moment = value.dt
    assert moment.tzinfo is not None and moment.utcoffset() == datetime.timedelta(0), "not UTC: %r" % (moment,)
    return moment.astimezone(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
print(json.dumps({
  "name": str(cal.get("X-WR-CALNAME")), "timeZone": str(cal.get("X-WR-TIMEZONE")), "method": str(cal.get("METHOD")),
  "ttl": str(cal.get("X-PUBLISHED-TTL")),
  "events": [{"uid": str(e.get("UID")), "sequence": int(e.get("SEQUENCE")), "status": str(e.get("STATUS")),
              "start": utc(e.get("DTSTART")), "end": utc(e.get("DTEND")), "summary": str(e.get("SUMMARY")),
              "url": str(e.get("URL")), "description": str(e.get("DESCRIPTION")), "transp": str(e.get("TRANSP"))}
             for e in cal.walk("VEVENT")]}))
`;
  const result = spawnSync("/usr/bin/python3", ["-c", script, file], { encoding: "utf8" });
  if (result.status !== 0) throw new Error(`icalendar failed: ${result.stderr}`);
  return JSON.parse(result.stdout) as ParsedCalendar;
}

const get = (url: string, headers: Record<string, string> = {}) => new Request(`${SITE}${url}`, { headers });
const serviceGet = (slug: string, headers: Record<string, string> = {}) => serviceCalendar(get(`/services/${slug}/maintenance.ics`, headers), { params: Promise.resolve({ slug }) });
const revisionOf = async (id: string) => (await db().incident.findUniqueOrThrow({ where: { id } })).revision;
const eventOf = (calendar: ParsedCalendar, id: string) => calendar.events.find((event) => event.uid === `${id}@status.example.com`);

beforeAll(async () => {
  await db().pageSettings.create({ data: { id: 1, name: "Example status", url: SITE, timeZone: "Europe/London" } });
  const api = await db().service.create({ data: { slug: "api", name: "API", position: 0 } });
  const forums = await db().service.create({ data: { slug: "forums", name: "Forums", position: 1 } });
  const secret = await db().service.create({ data: { slug: "secret-backend", name: "Secret backend", hidden: true, position: 2 } });
  const user = await db().user.create({ data: { email: "planner@example.com", role: "editor", passwordHash: "x" } });
  editor = { id: user.id, email: user.email, name: "", role: "editor", sessionId: "s" };
  const plan = async (input: Record<string, unknown>) => (await planMaintenance.run(editor, { body: "The API will be read-only. See [the page](/).", ...input })).incidentId;

  ids.published = await plan({ title: "Database upgrade", scheduledFor: "2099-03-01T10:00:00Z", scheduledUntil: "2099-03-01T12:00:00Z", services: [api.id, secret.id] });
  ids.draft = await plan({ title: "Secret draft", scheduledFor: "2099-03-02T10:00:00Z", scheduledUntil: "2099-03-02T12:00:00Z", services: api.id, publish: "draft" });
  ids.hiddenOnly = await plan({ title: "Backend patch", scheduledFor: "2099-03-03T10:00:00Z", scheduledUntil: "2099-03-03T11:00:00Z", services: secret.id });
  ids.forums = await plan({ title: "Forums move", scheduledFor: "2099-03-04T10:00:00Z", scheduledUntil: "2099-03-04T11:00:00Z", services: forums.id, announceBeforeMinutes: 1440 });

  ids.rescheduled = await plan({ title: "Network work", scheduledFor: "2099-04-01T10:00:00Z", scheduledUntil: "2099-04-01T11:00:00Z", services: api.id });
  await rescheduleMaintenance.run(editor, { incidentId: ids.rescheduled, revision: await revisionOf(ids.rescheduled), scheduledFor: "2099-04-08T10:00:00Z", scheduledUntil: "2099-04-08T12:00:00Z" });
  await rescheduleMaintenance.run(editor, { incidentId: ids.rescheduled, revision: await revisionOf(ids.rescheduled), scheduledUntil: "2099-04-08T13:00:00Z" });

  ids.cancelled = await plan({ title: "Storage swap", scheduledFor: "2099-05-01T10:00:00Z", scheduledUntil: "2099-05-01T11:00:00Z", services: api.id });
  await cancelMaintenance.run(editor, { incidentId: ids.cancelled, revision: await revisionOf(ids.cancelled), body: "Called off: the vendor patch is not ready." });

  // Ended more than a year ago: past the calendar's horizon.
  const old = new Date(Date.now() - 400 * 24 * 60 * 60_000);
  ids.old = (
    await db().incident.create({
      data: { kind: "maintenance", title: "Ancient window", impact: "none", status: "completed", startedAt: old, scheduledStart: old, scheduledEnd: new Date(old.getTime() + 60 * 60_000), resolvedAt: old, publishedAt: old },
    })
  ).id;
});

afterAll(() => rmSync(folder, { recursive: true, force: true }));

describe("/maintenance.ics", () => {
  it("parses in python3-icalendar with stable UIDs, rising sequences, UTC times and a cancellation", async () => {
    const response = await pageCalendar(get("/maintenance.ics"));
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/calendar; charset=utf-8");
    const calendar = parseWithIcalendar(await response.text());

    expect(calendar).toMatchObject({ name: "Example status maintenance", timeZone: "Europe/London", method: "PUBLISH", ttl: "PT1H" });
    // Soonest first; neither the draft nor the window past the horizon.
    expect(calendar.events.map((event) => event.uid)).toEqual(["published", "hiddenOnly", "forums", "rescheduled", "cancelled"].map((name) => `${ids[name]}@status.example.com`));

    expect(eventOf(calendar, ids.published)).toMatchObject({
      sequence: 0,
      status: "CONFIRMED",
      start: "2099-03-01T10:00:00Z",
      end: "2099-03-01T12:00:00Z",
      summary: "Database upgrade",
      url: `${SITE}/incidents/${ids.published}`,
      transp: "TRANSPARENT",
    });
    // The latest update as plain text, the services the public may see, and the link back.
    const description = eventOf(calendar, ids.published)!.description;
    expect(description).toContain("Affects: API");
    expect(description).toContain("The API will be read-only. See the page.");
    expect(description).toContain(`${SITE}/incidents/${ids.published}`);
    expect(description).not.toContain("Secret backend");
    expect(eventOf(calendar, ids.hiddenOnly)!.description).not.toContain("Affects");

    // Moved twice: each move raised the sequence; the times are the latest.
    expect(eventOf(calendar, ids.rescheduled)).toMatchObject({ sequence: 2, status: "CONFIRMED", start: "2099-04-08T10:00:00Z", end: "2099-04-08T13:00:00Z" });
    expect(eventOf(calendar, ids.rescheduled)!.description).toContain("now expected to end on");

    expect(eventOf(calendar, ids.cancelled)).toMatchObject({ sequence: 1, status: "CANCELLED", summary: "Cancelled: Storage swap", start: "2099-05-01T10:00:00Z" });
    expect(eventOf(calendar, ids.cancelled)!.description).toContain("Called off: the vendor patch is not ready.");
  });

  it("shows a window from its announcement on, whatever its announce time on the page", async () => {
    const calendar = parseWithIcalendar(await (await pageCalendar(get("/maintenance.ics"))).text());
    expect(eventOf(calendar, ids.forums)).toMatchObject({ start: "2099-03-04T10:00:00Z", sequence: 0 });
  });

  it("answers a reader that has it already with 304, and the next change with new bytes", async () => {
    const first = await pageCalendar(get("/maintenance.ics"));
    const etag = first.headers.get("etag")!;
    expect(etag).toMatch(/^"[\w-]+"$/);
    expect(first.headers.get("last-modified")).toBeTruthy();
    // Built twice, the same bytes: DTSTAMP is the last change, not the time of the request.
    expect((await pageCalendar(get("/maintenance.ics"))).headers.get("etag")).toBe(etag);
    const again = await pageCalendar(get("/maintenance.ics", { "If-None-Match": etag }));
    expect(again.status).toBe(304);
    expect(await again.text()).toBe("");

    await rescheduleMaintenance.run(editor, { incidentId: ids.published, revision: await revisionOf(ids.published), scheduledUntil: "2099-03-01T12:30:00Z" });
    const changed = await pageCalendar(get("/maintenance.ics", { "If-None-Match": etag }));
    expect(changed.status).toBe(200);
    expect(eventOf(parseWithIcalendar(await changed.text()), ids.published)).toMatchObject({ sequence: 1, end: "2099-03-01T12:30:00Z" });
  });
});

describe("/services/<slug>/maintenance.ics", () => {
  it("holds the windows of one visible service", async () => {
    const response = await serviceGet("api");
    expect(response.status).toBe(200);
    const calendar = parseWithIcalendar(await response.text());
    expect(calendar.name).toBe("Example status: API maintenance");
    expect(calendar.events.map((event) => event.uid).sort()).toEqual([ids.published, ids.rescheduled, ids.cancelled].map((id) => `${id}@status.example.com`).sort());
    expect(parseWithIcalendar(await (await serviceGet("forums")).text()).events.map((event) => event.uid)).toEqual([`${ids.forums}@status.example.com`]);
  });

  it("answers a hidden or unknown service with the feeds' 404", async () => {
    for (const slug of ["secret-backend", "no-such-service"]) {
      const response = await serviceGet(slug);
      expect(response.status, slug).toBe(404);
      expect(await response.json()).toEqual({ error: { status: 404, message: "There is no service with this address." } });
    }
  });
});

describe("the calendars in Japanese (/ja/maintenance.ics)", () => {
  it("name the calendar and its cancellations in Japanese, link to the Japanese pages, and keep every UID", async () => {
    const japanese = parseWithIcalendar(await (await pageCalendar(get("/maintenance.ics", { "x-herald-locale": "ja" }))).text());
    const english = parseWithIcalendar(await (await pageCalendar(get("/maintenance.ics"))).text());
    expect(japanese.name).toBe("Example status メンテナンス予定");
    expect(japanese.events.map((event) => [event.uid, event.sequence, event.start, event.end])).toEqual(english.events.map((event) => [event.uid, event.sequence, event.start, event.end]));
    expect(eventOf(japanese, ids.cancelled)!.summary).toBe("【中止】Storage swap");
    expect(eventOf(japanese, ids.published)).toMatchObject({ url: `${SITE}/ja/incidents/${ids.published}` });
    expect(eventOf(japanese, ids.published)!.description).toContain("影響範囲：API");
    // Not translated yet: the original, after a note in Japanese.
    expect(eventOf(japanese, ids.cancelled)!.description).toContain("影響範囲：API\n\nこの更新はまだ日本語に翻訳されていません。原文（英語）を表示しています。\n\nCalled off: the vendor patch is not ready.");
    const service = parseWithIcalendar(await (await serviceGet("api", { "x-herald-locale": "ja" })).text());
    expect(service.name).toBe("Example status：APIのメンテナンス予定");
    const missing = await serviceGet("no-such-service", { "x-herald-locale": "ja" });
    expect(missing.status).toBe(404);
    expect((await missing.json()).error.message).toBe("このアドレスのサービスはありません。");
  });
});

describe("a window's translation", () => {
  it("names the event in Japanese in the Japanese calendar alone, and moves its stamp there alone", async () => {
    const english = parseWithIcalendar(await (await pageCalendar(get("/maintenance.ics"))).text());
    await db().incidentTranslation.create({ data: { incidentId: ids.forums, locale: "ja", title: "フォーラムの移転", titleUpdatedAt: new Date("2099-01-01T00:00:00Z") } });
    const japaneseText = await (await pageCalendar(get("/maintenance.ics", { "x-herald-locale": "ja" }))).text();
    expect(eventOf(parseWithIcalendar(japaneseText), ids.forums)!.summary).toBe("フォーラムの移転");
    expect(japaneseText.replace(/\r\n /g, "")).toContain("LAST-MODIFIED:20990101T000000Z");
    const after = await (await pageCalendar(get("/maintenance.ics"))).text();
    expect(eventOf(parseWithIcalendar(after), ids.forums)!.summary).toBe("Forums move");
    expect(parseWithIcalendar(after)).toEqual(english);
    expect(after).not.toContain("20990101T000000Z");
  });
});
