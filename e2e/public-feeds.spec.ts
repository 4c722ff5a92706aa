import { readFileSync } from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { baseURL } from "./base-url";
import { FEED_FORMATS } from "@/lib/feed-links";
import { parseCalendar } from "./calendar";
import { parseJsonFeed, parseXmlFeed, xmllint } from "./feeds";

// A journalist's reader and a monitoring tool, reading what Herald publishes.

const INCIDENT = "Unauthorised access to the Sega Pass database";
const fixture = JSON.parse(readFileSync(path.join(process.cwd(), "e2e", "fixtures", "statuspage-v2.json"), "utf8"));

test.describe("feeds", () => {
  for (const [extension, version] of [
    ["rss", "rss20"],
    ["atom", "atom10"],
    ["json", "json11"],
  ] as const) {
    test(`/history.${extension} parses cleanly with every update, newest first`, async ({ request }) => {
      const response = await request.get(`/history.${extension}`);
      expect(response.status()).toBe(200);
      const body = await response.text();
      if (extension !== "json") expect(xmllint(body)).toEqual({ ok: true, errors: "" });

      const feed = extension === "json" ? parseJsonFeed(body) : parseXmlFeed(body);
      expect(feed.bozo, feed.bozo_exception).toBe(0);
      expect(feed.version).toBe(version);
      expect(feed.title).toBe("Sega Pass status");
      expect(feed.entries).toHaveLength(6);
      const published = feed.entries.map((entry) => entry.published!);
      expect(published).toEqual([...published].sort((a, b) => b - a));

      const [latest] = feed.entries;
      expect(latest.title).toBe(`${INCIDENT}: Identified`);
      expect(latest.id).toMatch(/^urn:herald:update:\w+$/);
      expect(latest.link).toMatch(new RegExp(`^${baseURL}/incidents/\\w+#update-\\w+$`));
      expect(latest.link.endsWith(latest.id.replace("urn:herald:update:", "#update-"))).toBe(true);
      expect(new Date(latest.published! * 1000).toISOString()).toBe("2011-06-17T18:30:00.000Z");
      // Sanitised HTML, neither double-escaped nor raw.
      expect(latest.content).toContain("<strong>UPDATE:</strong> The hacking group LulzSec");
      expect(latest.content).not.toContain("&lt;strong&gt;");
      expect(latest.tags).toEqual(["Sega Pass login", "Sega Pass password reset", "Forums"]);

      const first = feed.entries.at(-1)!;
      expect(new Date(first.published! * 1000).toISOString()).toBe("2011-06-16T09:00:00.000Z");
      expect(first.title).toBe(`${INCIDENT}: Investigating`);
      if (extension === "rss") {
        expect(feed.links).toContainEqual({ rel: "self", href: `${baseURL}/history.rss` });
        expect(feed.language).toBe("en");
      }
      if (extension === "json") {
        expect(feed.links).toEqual([{ rel: "self", href: `${baseURL}/history.json` }]);
        expect(feed.author).toBe("Sega Pass status");
      }
      if (extension === "atom") {
        expect(feed.author).toBe("Sega Pass status");
        expect(feed.links).toContainEqual({ rel: "self", href: `${baseURL}/history.atom` });
      }
    });
  }

  for (const [extension, version] of [
    ["rss", "rss20"],
    ["atom", "atom10"],
    ["json", "json11"],
  ] as const) {
    test(`/ja/history.${extension} is the same feed in Japanese: the same ids, Japanese titles, language ja`, async ({ request }) => {
      const english = await request.get(`/history.${extension}`);
      const response = await request.get(`/ja/history.${extension}`);
      expect(response.status()).toBe(200);
      expect(response.headers()["content-type"]).toBe((await english.headers())["content-type"]);
      const body = await response.text();
      if (extension !== "json") expect(xmllint(body)).toEqual({ ok: true, errors: "" });

      const parse = extension === "json" ? parseJsonFeed : parseXmlFeed;
      const feed = parse(body);
      const original = parse(await english.text());
      expect(feed.bozo, feed.bozo_exception).toBe(0);
      expect(feed.version).toBe(version);
      if (extension !== "atom") expect(feed.language).toBe("ja");
      else expect(body).toContain('<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="ja">');
      expect(feed.entries.map((entry) => entry.id)).toEqual(original.entries.map((entry) => entry.id));
      const [latest] = feed.entries;
      expect(latest.title).toMatch(/^【原因特定済み】/);
      expect(feed.entries.at(-1)!.title).toMatch(/^【調査中】/);
      expect(latest.link).toMatch(new RegExp(`^${baseURL}/ja/incidents/\\w+#update-\\w+$`));
      if (extension !== "json") expect(feed.links).toContainEqual({ rel: "self", href: `${baseURL}/ja/history.${extension}` });
    });
  }

  test("each service's feeds, badge and calendar have Japanese twins", async ({ request }) => {
    const forums = parseXmlFeed(await (await request.get("/ja/services/forums/history.atom")).text());
    expect(forums.title).toBe("Sega Pass status：フォーラム");
    expect(forums.entries).toHaveLength(6);
    const badge = await request.get("/ja/services/payments/badge.svg");
    expect(badge.headers()["content-type"]).toBe("image/svg+xml; charset=utf-8");
    expect(await badge.text()).toContain('aria-label="決済：正常"');
    expect(await (await request.get("/ja/badge.svg")).text()).toContain("<title>Sega Pass status：大規模な障害が発生しています</title>");
    const calendar = parseCalendar(await (await request.get("/ja/maintenance.ics")).text());
    expect(calendar.name).toBe("Sega Pass status メンテナンス予定");
    const missing = await request.get("/ja/services/no-such-service/history.json");
    expect(missing.status()).toBe(404);
    expect(await missing.json()).toEqual({ error: { status: 404, message: "このアドレスのサービスはありません。" } });
  });

  test("each service has its own feeds, holding only what touched it", async ({ request }) => {
    const forums = parseXmlFeed(await (await request.get("/services/forums/history.atom")).text());
    expect(forums.title).toBe("Sega Pass status: Forums");
    expect(forums.entries).toHaveLength(6);
    const payments = parseXmlFeed(await (await request.get("/services/payments/history.rss")).text());
    expect(payments.bozo).toBe(0);
    expect(payments.entries).toHaveLength(0);
    const missing = await request.get("/services/no-such-service/history.json");
    expect(missing.status()).toBe(404);
    expect(await missing.json()).toEqual({ error: { status: 404, message: "There is no service with this address." } });
  });

  test("answers readers that already have the feed with 304 Not Modified", async ({ request }) => {
    const first = await request.get("/history.rss");
    const etag = first.headers()["etag"];
    const lastModified = first.headers()["last-modified"];
    expect(etag).toMatch(/^"[\w-]+"$/);
    expect(first.headers()["cache-control"]).toMatch(/s-maxage=\d+.*stale-while-revalidate=\d+/);
    expect((await request.get("/history.rss", { headers: { "If-None-Match": etag } })).status()).toBe(304);
    expect((await request.get("/history.rss", { headers: { "If-Modified-Since": lastModified } })).status()).toBe(304);
    expect((await request.get("/history.rss", { headers: { "If-None-Match": '"something-else"' } })).status()).toBe(200);
    // The same content gives the same bytes and so the same ETag.
    expect((await request.get("/history.rss")).headers()["etag"]).toBe(etag);
  });

  test("every public page advertises its feeds", async ({ page }) => {
    await page.goto("/");
    for (const [type, href] of [
      ["application/rss+xml", "/history.rss"],
      ["application/atom+xml", "/history.atom"],
      ["application/feed+json", "/history.json"],
    ]) {
      await expect(page.locator(`head link[rel="alternate"][type="${type}"]`)).toHaveAttribute("href", new RegExp(`${href}$`));
    }
  });

  test("the Japanese home page advertises and links the Japanese feeds and calendar", async ({ page }) => {
    await page.goto("/ja");
    for (const { type, extension } of FEED_FORMATS) {
      await expect(page.locator(`head link[rel="alternate"][type="${type}"]`)).toHaveAttribute("href", new RegExp(`/ja/history\\.${extension}$`));
      await expect(page.getByRole("contentinfo").locator(`a[href="/ja/history.${extension}"]`)).toHaveCount(1);
    }
    await expect(page.locator('a[type="text/calendar"]')).toHaveAttribute("href", "/ja/maintenance.ics");
  });

  test("a service's page advertises and links that service's own feeds", async ({ page, request }) => {
    await page.goto("/services/forums");
    for (const [type, extension, label] of [
      ["application/rss+xml", "rss", "RSS"],
      ["application/atom+xml", "atom", "Atom"],
      ["application/feed+json", "json", "JSON Feed"],
    ]) {
      // The service's feed first, for a reader that takes the first; the whole page's after it.
      const alternates = page.locator(`head link[rel="alternate"][type="${type}"]`);
      await expect(alternates).toHaveCount(2);
      await expect(alternates.first()).toHaveAttribute("href", new RegExp(`^(https?://[^/]+)?/services/forums/history\\.${extension}$`));
      await expect(alternates.first()).toHaveAttribute("title", `Sega Pass status: Forums (${label})`);
      await expect(alternates.nth(1)).toHaveAttribute("href", new RegExp(`^(https?://[^/]+)?/history\\.${extension}$`));

      // Visible on the page too, named apart from the footer's links to the whole page's feeds.
      const link = page.getByRole("link", { name: `${label} for Forums`, exact: true });
      await expect(link).toBeVisible();
      await expect(link).toHaveAttribute("href", `/services/forums/history.${extension}`);
      const feed = await request.get(`/services/forums/history.${extension}`);
      expect(feed.status()).toBe(200);
      expect(feed.headers()["content-type"]).toContain(type);
    }
    await expect(page.getByRole("contentinfo").getByRole("link", { name: "RSS", exact: true })).toHaveAttribute("href", "/history.rss");
  });

  test("a feed entry's link leads to that very update", async ({ page, request }) => {
    const feed = parseXmlFeed(await (await request.get("/history.atom")).text());
    const entry = feed.entries.find((candidate) => candidate.content.includes("What was taken, and what was not"))!;
    await page.goto(entry.link.replace(baseURL, ""));
    const anchor = new URL(entry.link).hash;
    await expect(page.locator(anchor)).toContainText("What was taken, and what was not");
    await expect(page.locator(anchor)).toContainText("17 June 2011 at 08:45 BST");
  });
});

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** The JSON type of every field, recursively, taking arrays by their first element. */
function shape(value: Json): unknown {
  if (value === null) return "null";
  if (Array.isArray(value)) return value.length ? [shape(value[0])] : [];
  if (typeof value === "object") return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, shape(inner)]));
  return typeof value;
}

/**
 * Fields Herald adds to Statuspage's public incident object, each documented in the
 * README and the OpenAPI document; any other difference from the fixture fails.
 */
const HERALD_ADDITIONS = new Set(["advice", "postmortem_body", "postmortem_published_at"]);

/** Compares keys, and the types of values that are never null in either answer. */
function expectSameFields(actual: Record<string, Json>, expected: Record<string, Json>, where: string) {
  expect(Object.keys(actual).filter((key) => !HERALD_ADDITIONS.has(key)).sort(), where).toEqual(Object.keys(expected).filter((key) => key !== "//").sort());
  for (const [key, value] of Object.entries(expected)) {
    if (value === null || actual[key] === null || Array.isArray(value) || typeof value === "object") continue;
    expect(typeof actual[key], `${where}.${key}`).toBe(typeof value);
  }
}

const OFFSET_TIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}[+-]\d\d:\d\d$/;

test.describe("the Statuspage-compatible API", () => {
  test("summary.json has Statuspage's fields, field by field", async ({ request }) => {
    const response = await request.get("/api/v2/summary.json");
    expect(response.status()).toBe(200);
    expect(response.headers()["content-type"]).toBe("application/json; charset=utf-8");
    expect(response.headers()["access-control-allow-origin"]).toBe("*");
    const summary = await response.json();
    expect(Object.keys(summary).sort()).toEqual(["components", "incidents", "page", "scheduled_maintenances", "status"]);

    expectSameFields(summary.page, fixture.page, "page");
    expect(summary.page).toMatchObject({ name: "Sega Pass status", url: baseURL, time_zone: "Europe/London" });
    expect(summary.page.updated_at).toMatch(OFFSET_TIME);

    const groups = summary.components.filter((component: { group: boolean }) => component.group);
    const leaves = summary.components.filter((component: { group: boolean }) => !component.group);
    for (const group of groups) expectSameFields(group, fixture.group, "group component");
    for (const leaf of leaves) expectSameFields(leaf, fixture.component, "component");
    expect(groups.map((group: { name: string }) => group.name)).toEqual(["Sega Pass", "Community", "Web and payments"]);
    const login = leaves.find((leaf: { name: string }) => leaf.name === "Sega Pass login");
    expect(login.status).toBe("major_outage");
    expect(groups[0].components).toContain(login.id);
    expect(login.group_id).toBe(groups[0].id);
    expect(leaves.find((leaf: { name: string }) => leaf.name === "Payments").status).toBe("operational");

    expect(summary.incidents).toHaveLength(1);
    const [incident] = summary.incidents;
    expectSameFields(incident, fixture.incident, "incident");
    expect(incident).toMatchObject({ name: INCIDENT, status: "identified", impact: "critical", resolved_at: null, monitoring_at: null });
    expect(incident.shortlink).toBe(`${baseURL}/incidents/${incident.id}`);
    expect(incident.started_at).toBe("2011-06-16T10:00:00.000+01:00");
    expect(incident.incident_updates).toHaveLength(6);
    for (const update of incident.incident_updates) {
      expectSameFields(update, fixture.incident.incident_updates[0], "incident_update");
      expect(update.incident_id).toBe(incident.id);
      for (const field of ["created_at", "updated_at", "display_at"]) expect(update[field]).toMatch(OFFSET_TIME);
    }
    expect(incident.incident_updates[0].body).toMatch(/^\*\*UPDATE:\*\* The hacking group LulzSec/);
    const opening = incident.incident_updates.at(-1);
    expect(opening.display_at).toBe("2011-06-16T10:00:00.000+01:00");
    expect(opening.affected_components).toEqual([
      { code: login.id, name: "Sega Pass login", old_status: "operational", new_status: "major_outage" },
      expect.objectContaining({ name: "Sega Pass password reset", old_status: "operational", new_status: "major_outage" }),
    ]);
    for (const component of incident.components) expectSameFields(component, fixture.component, "incident component");

    expect(summary.scheduled_maintenances).toEqual([]);
    expect(summary.status).toEqual({ indicator: "critical", description: "Major System Outage" });
    expect(shape(summary.status)).toEqual(shape(fixture.status));
  });

  test("summary.json?locale=ja keeps Statuspage's shape, its description in Japanese", async ({ request }) => {
    const english = await (await request.get("/api/v2/summary.json")).json();
    const response = await request.get("/api/v2/summary.json?locale=ja");
    expect(response.status()).toBe(200);
    expect(response.headers()["content-type"]).toBe("application/json; charset=utf-8");
    const summary = await response.json();
    expect(shape(summary)).toEqual(shape(english));
    expectSameFields(summary.page, fixture.page, "page");
    expect(summary.page).toEqual(english.page);
    for (const leaf of summary.components.filter((component: { group: boolean }) => !component.group)) expectSameFields(leaf, fixture.component, "component");
    expectSameFields(summary.incidents[0], fixture.incident, "incident");
    expect(summary.incidents.map((incident: { id: string }) => incident.id)).toEqual(english.incidents.map((incident: { id: string }) => incident.id));
    expect(summary.status).toEqual({ indicator: "critical", description: "大規模なシステム障害が発生しています" });
    // A language the page does not speak: the default one's answer.
    expect((await (await request.get("/api/v2/status.json?locale=fr")).json()).status).toEqual(english.status);
  });

  test("every endpoint answers with its page object and its list", async ({ request }) => {
    const expected: Record<string, string[]> = {
      "status.json": ["page", "status"],
      "components.json": ["components", "page"],
      "incidents.json": ["incidents", "page"],
      "incidents/unresolved.json": ["incidents", "page"],
      "scheduled-maintenances.json": ["page", "scheduled_maintenances"],
      "scheduled-maintenances/upcoming.json": ["page", "scheduled_maintenances"],
      "scheduled-maintenances/active.json": ["page", "scheduled_maintenances"],
    };
    for (const [endpoint, keys] of Object.entries(expected)) {
      const response = await request.get(`/api/v2/${endpoint}`);
      expect(response.status(), endpoint).toBe(200);
      const body = await response.json();
      expect(Object.keys(body).sort(), endpoint).toEqual(keys);
      expectSameFields(body.page, fixture.page, `${endpoint} page`);
    }
    const incidents = await (await request.get("/api/v2/incidents.json")).json();
    expect(incidents.incidents.map((incident: { name: string }) => incident.name)).toEqual([INCIDENT]);
  });

  test("supports conditional GET and CORS preflight", async ({ request }) => {
    const first = await request.get("/api/v2/status.json");
    expect((await request.get("/api/v2/status.json", { headers: { "If-None-Match": first.headers()["etag"] } })).status()).toBe(304);
    const preflight = await request.fetch("/api/v2/summary.json", { method: "OPTIONS", headers: { Origin: "https://dashboard.example", "Access-Control-Request-Method": "GET" } });
    expect(preflight.status()).toBe(204);
    expect(preflight.headers()["access-control-allow-origin"]).toBe("*");
    expect(preflight.headers()["access-control-allow-methods"]).toContain("GET");
  });

  test("answers unknown paths with a JSON error", async ({ request }) => {
    for (const url of ["/api/v2/nothing.json", "/api/v1/summary.json", "/api/v2/incidents/unknown.json"]) {
      const response = await request.get(url);
      expect(response.status(), url).toBe(404);
      expect(response.headers()["content-type"]).toContain("application/json");
      expect((await response.json()).error.message).toMatch(/no API endpoint/);
    }
  });
});

test.describe("badges", () => {
  test("show the overall and per-service status, readably and accessibly", async ({ request }) => {
    const overall = await request.get("/badge.svg");
    expect(overall.status()).toBe(200);
    expect(overall.headers()["content-type"]).toBe("image/svg+xml; charset=utf-8");
    expect(overall.headers()["cross-origin-resource-policy"]).toBe("cross-origin");
    const svg = await overall.text();
    expect(xmllint(svg).ok).toBe(true);
    expect(svg).toContain('role="img" aria-label="Sega Pass status: Major outage"');
    expect(svg).toContain("<title>Sega Pass status: Major outage</title>");
    const payments = await (await request.get("/services/payments/badge.svg")).text();
    expect(payments).toContain('aria-label="Payments: Operational"');
    expect((await request.get("/services/nope/badge.svg")).status()).toBe(404);
  });
});
