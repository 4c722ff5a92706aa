import { beforeAll, describe, expect, it } from "vitest";
import { buildAtom, buildJsonFeed, buildRss, entryId } from "@/lib/feeds";
import { db } from "@/server/db";
import { getFeed } from "@/server/feeds";
import { statusApi } from "@/server/status-api";

// Nothing gated leaks through a side door: drafts and hidden services never reach
// a feed or the API.
describe("feeds and API visibility", () => {
  beforeAll(async () => {
    await db().pageSettings.create({ data: { id: 1, name: "Example status", url: "https://status.example.com/", timeZone: "UTC" } });
    const api = await db().service.create({ data: { slug: "api", name: "API", position: 0 } });
    const secret = await db().service.create({ data: { slug: "secret-backend", name: "Secret backend", hidden: true, position: 1 } });
    const at = new Date("2024-03-01T10:00:00Z");
    await db().incident.create({
      data: {
        title: "Draft outage",
        impact: "major",
        status: "investigating",
        startedAt: at,
        services: { create: [{ serviceId: api.id }] },
        updates: { create: { status: "investigating", body: "draft body", displayAt: at } },
      },
    });
    await db().incident.create({
      data: {
        title: "Public outage",
        impact: "minor",
        status: "identified",
        startedAt: at,
        publishedAt: at,
        services: { create: [{ serviceId: api.id }, { serviceId: secret.id }] },
        updates: {
          create: [
            { status: "investigating", body: "First: see [the history](/history).", displayAt: at },
            {
              status: "identified",
              body: "Second <img src=x onerror=alert(1)>",
              displayAt: new Date("2024-03-01T11:00:00Z"),
              correctedAt: new Date("2024-03-02T08:00:00Z"),
              changes: { create: [{ serviceId: secret.id, oldStatus: "operational", newStatus: "major_outage" }] },
            },
          ],
        },
      },
    });
  });

  it("lists published updates only, newest first, without hidden services", async () => {
    const feed = (await getFeed())!;
    expect(feed.entries.map((entry) => entry.title)).toEqual(["Public outage: Identified", "Public outage: Investigating"]);
    expect(feed.entries[0].categories).toEqual(["API"]);
    expect(feed.entries[0].url).toMatch(/^https:\/\/status\.example\.com\/incidents\/\w+#update-\w+$/);
    expect(feed.entries[0].html).toBe("<p>Second &lt;img src=x onerror=alert(1)&gt;</p>");
    // A reader would resolve a relative link against the feed's address.
    expect(feed.entries[1].html).toBe('<p>First: see <a href="https://status.example.com/history">the history</a>.</p>');
    // A correction moves `updated` (and the feed's own time), never the id or the date.
    expect(feed.entries[0].updatedAt.toISOString()).toBe("2024-03-02T08:00:00.000Z");
    expect(feed.entries[0].publishedAt.toISOString()).toBe("2024-03-01T11:00:00.000Z");
    expect(feed.channel.updatedAt.getTime()).toBeGreaterThanOrEqual(new Date("2024-03-02T08:00:00Z").getTime());
  });

  it("has no feed for a hidden service", async () => {
    expect(await getFeed("secret-backend")).toBeNull();
    expect((await getFeed("api"))!.entries).toHaveLength(2);
  });

  it("keeps drafts and hidden services out of every API endpoint", async () => {
    for (const endpoint of ["summary", "components", "incidents", "incidents/unresolved"] as const) {
      const text = JSON.stringify((await statusApi(endpoint)).body);
      expect(text, endpoint).not.toContain("Draft outage");
      expect(text, endpoint).not.toContain("draft body");
      expect(text, endpoint).not.toContain("Secret backend");
    }
    const { body } = await statusApi("summary");
    const incidents = body.incidents as { name: string; incident_updates: { affected_components: unknown[] }[]; components: unknown[] }[];
    expect(incidents.map((incident) => incident.name)).toEqual(["Public outage"]);
    expect(incidents[0].incident_updates[0].affected_components).toEqual([]);
    expect(incidents[0].components).toHaveLength(1);
  });
});

// The same feed in every language: the same entries under the same ids, in its own words,
// linking to its own pages.
describe("feeds in another language", () => {
  it("has the same entries and ids in Japanese, with Japanese words, language and links", async () => {
    const english = (await getFeed())!;
    const japanese = (await getFeed(undefined, "ja"))!;
    expect(japanese.entries.map((entry) => entry.id)).toEqual(english.entries.map((entry) => entry.id));
    expect(japanese.entries.map((entry) => entry.publishedAt)).toEqual(english.entries.map((entry) => entry.publishedAt));
    expect(english.channel.language).toBe("en");
    expect(japanese.channel.language).toBe("ja");
    expect(japanese.entries.find((entry) => entry.title.includes("Public outage"))!.title).toBe("【原因特定済み】Public outage");
    expect(japanese.channel.description).toBe("Example statusで公開されたすべての更新です（新しい順）。");
    expect(japanese.channel.feedBase).toBe("https://status.example.com/ja/history");
    expect(japanese.channel.siteUrl).toBe("https://status.example.com/ja");
    for (const entry of japanese.entries) expect(entry.url).toMatch(/^https:\/\/status\.example\.com\/ja\/incidents\/\w+#update-\w+$/);
    expect(english.channel.siteUrl).toBe("https://status.example.com");
    expect(english.channel.feedBase).toBe("https://status.example.com/history");

    const atom = buildAtom(japanese.channel, japanese.entries);
    expect(atom).toContain('xml:lang="ja"');
    expect(atom).toContain("<id>https://status.example.com/ja/history.atom</id>");
    expect(buildRss(japanese.channel, japanese.entries)).toContain("<language><![CDATA[ja]]></language>");
    expect(buildJsonFeed(japanese.channel, japanese.entries).language).toBe("ja");
  });

  it("answers through the route handlers in the language of the address proxy.ts names", async () => {
    const { GET } = await import("@/app/(feeds)/services/[slug]/history.json/route");
    const get = (headers: Record<string, string>) => GET(new Request("https://status.example.com/services/api/history.json", { headers }), { params: Promise.resolve({ slug: "api" }) });
    const japanese = await (await get({ "x-herald-locale": "ja" })).json();
    expect(japanese.language).toBe("ja");
    expect(japanese.title).toBe("Example status：API");
    expect(japanese.feed_url).toBe("https://status.example.com/ja/services/api/history.json");
    const english = await (await get({})).json();
    expect(english.language).toBe("en");
    expect(english.items.map((item: { id: string }) => item.id)).toEqual(japanese.items.map((item: { id: string }) => item.id));
    const missing = await GET(new Request("https://status.example.com/services/nope/history.json", { headers: { "x-herald-locale": "ja" } }), { params: Promise.resolve({ slug: "nope" }) });
    expect(missing.status).toBe(404);
    expect((await missing.json()).error.message).toBe("このアドレスのサービスはありません。");
  });

  it("answers the API in Japanese when asked with ?locale=ja, in the same shape", async () => {
    const { GET } = await import("@/app/api/v2/status.json/route");
    const english = await (await GET(new Request("https://status.example.com/api/v2/status.json"))).json();
    const japanese = await (await GET(new Request("https://status.example.com/api/v2/status.json?locale=ja"))).json();
    expect(english.status).toEqual({ indicator: "minor", description: "Minor Service Outage" });
    expect(japanese.status).toEqual({ indicator: "minor", description: "一部のサービスに軽微な障害が発生しています" });
    expect(japanese.page).toEqual(english.page);
    // An unknown language is the default one's answer.
    expect((await (await GET(new Request("https://status.example.com/api/v2/status.json?locale=fr"))).json()).status).toEqual(english.status);
  });
});

// Titles and names saved before the schemas dropped bidi controls, or typed with markup:
// every feed and the API hand them out as plain text.
describe("stored titles and names", () => {
  const RLO = "\u202E";
  beforeAll(async () => {
    const group = await db().serviceGroup.create({ data: { name: `Community ${RLO}`, position: 5 } });
    const forums = await db().service.create({ data: { slug: "forums", name: `Forums <b>${RLO}new</b>`, position: 5, groupId: group.id } });
    const at = new Date("2024-04-01T10:00:00Z");
    await db().incident.create({
      data: {
        title: `<img src=x onerror=alert(1)> ${RLO}exe.txt`,
        impact: "minor",
        status: "investigating",
        startedAt: at,
        publishedAt: at,
        services: { create: [{ serviceId: forums.id }] },
        updates: {
          create: { status: "investigating", body: "Looking into it", displayAt: at, changes: { create: [{ serviceId: forums.id, oldStatus: "operational", newStatus: "major_outage" }] } },
        },
      },
    });
  });

  it("reach RSS, Atom and JSON Feed as text with no markup and no bidi controls", async () => {
    const feed = (await getFeed("forums"))!;
    const title = "\u2039img src=x onerror=alert(1)\u203A exe.txt: Investigating";
    const rss = buildRss(feed.channel, feed.entries);
    expect(rss).toContain(`<title><![CDATA[${title}]]></title>`);
    expect(rss).toContain("<category><![CDATA[Forums \u2039b\u203Anew\u2039/b\u203A]]></category>");
    expect(rss).toContain("<title><![CDATA[Example status: Forums \u2039b\u203Anew\u2039/b\u203A]]></title>");
    const atom = buildAtom(feed.channel, feed.entries);
    expect(atom).toContain(`<title type="text">${title}</title>`);
    expect(atom).toContain('<category term="Forums \u2039b\u203Anew\u2039/b\u203A"/>');
    const json = buildJsonFeed(feed.channel, feed.entries);
    expect(json.items.map((item) => [item.title, item.tags])).toEqual([[title, ["Forums \u2039b\u203Anew\u2039/b\u203A"]]]);
    for (const text of [rss, atom, JSON.stringify(json)]) {
      expect(text).not.toContain(RLO);
      expect(text).not.toContain("<img");
    }
  });

  it("reach the API without bidi controls", async () => {
    for (const endpoint of ["summary", "components", "incidents"] as const) {
      expect(JSON.stringify((await statusApi(endpoint)).body), endpoint).not.toContain(RLO);
    }
    const { body } = await statusApi("incidents");
    const incident = (body.incidents as { name: string; incident_updates: { affected_components: { name: string }[] }[] }[])[0];
    expect(incident.name).toBe("<img src=x onerror=alert(1)> exe.txt");
    expect(incident.incident_updates[0].affected_components[0].name).toBe("Forums <b>new</b>");
  });
});

// Incident text translated into Japanese after it was published: the Japanese feed carries
// it, the original stands (marked) where no translation exists yet, and only the Japanese
// entries it changes move their `updated`.
describe("translated incident text in the feeds", () => {
  const japaneseEntry = async (id: string) => (await getFeed(undefined, "ja"))!.entries.find((entry) => entry.id === id)!;
  const englishEntry = async (id: string) => (await getFeed())!.entries.find((entry) => entry.id === id)!;
  let incidentId: string;
  let updateIds: { investigating: string; identified: string };

  beforeAll(async () => {
    const incident = await db().incident.findFirstOrThrow({ where: { title: "Public outage" }, include: { updates: true } });
    incidentId = incident.id;
    const byStatus = (status: string) => incident.updates.find((update) => update.status === status)!.id;
    updateIds = { investigating: byStatus("investigating"), identified: byStatus("identified") };
    await db().incidentTranslation.create({ data: { incidentId, locale: "ja", title: "公開中の障害", titleUpdatedAt: new Date("2024-03-03T09:00:00Z") } });
    await db().incidentUpdateTranslation.create({ data: { updateId: updateIds.identified, locale: "ja", body: "原因を特定しました。**復旧作業中**です。" } });
    const api = await db().service.findUniqueOrThrow({ where: { slug: "api" } });
    await db().serviceTranslation.create({ data: { serviceId: api.id, locale: "ja", name: "公開API" } });
  });

  it("carries the translation where there is one, and the original, marked, where there is none", async () => {
    const identified = await japaneseEntry(entryId(updateIds.identified));
    expect(identified.title).toBe("【原因特定済み】公開中の障害");
    expect(identified.html).toBe("<p>原因を特定しました。<strong>復旧作業中</strong>です。</p>");
    expect(identified.categories).toEqual(["公開API"]);
    expect((await getFeed("api", "ja"))!.channel.title).toBe("Example status：公開API");

    const investigating = await japaneseEntry(entryId(updateIds.investigating));
    expect(investigating.title).toBe("【調査中】公開中の障害");
    expect(investigating.html).toBe('<p><em>この更新はまだ日本語に翻訳されていません。原文（英語）を表示しています。</em></p><div lang="en"><p>First: see <a href="https://status.example.com/history">the history</a>.</p></div>');
    expect(investigating.text).toBe("この更新はまだ日本語に翻訳されていません。原文（英語）を表示しています。\n\nFirst: see the history.");

    // The English feed is as it was: its own text, no note, the same ids.
    const english = await englishEntry(entryId(updateIds.identified));
    expect(english.title).toBe("Public outage: Identified");
    expect(english.categories).toEqual(["API"]);
    expect(english.html).not.toContain("<em>");
  });

  it("moves an entry's `updated` in the Japanese feed alone when its translation is added or changed later", async () => {
    const before = { ja: (await japaneseEntry(entryId(updateIds.investigating))).updatedAt, en: (await englishEntry(entryId(updateIds.investigating))).updatedAt };
    // The title's translation (2024-03-03) moved every Japanese entry of the incident past its English one.
    expect(before.ja.toISOString()).toBe("2024-03-03T09:00:00.000Z");
    expect(before.en.toISOString()).toBe("2024-03-01T10:00:00.000Z");

    const written = await db().incidentUpdateTranslation.create({ data: { updateId: updateIds.investigating, locale: "ja", body: "調査を始めました。" } });
    const ja = await japaneseEntry(entryId(updateIds.investigating));
    expect(ja.html).toBe("<p>調査を始めました。</p>");
    expect(ja.updatedAt).toEqual(written.updatedAt);
    expect(ja.publishedAt).toEqual(before.en);
    expect((await englishEntry(entryId(updateIds.investigating))).updatedAt).toEqual(before.en);
    // The Japanese feed's own time follows its newest entry.
    expect((await getFeed(undefined, "ja"))!.channel.updatedAt.getTime()).toBeGreaterThanOrEqual(written.updatedAt.getTime());
  });

  it("gives the API's ?locale=ja the translated names and bodies, in the same shape", async () => {
    const english = (await statusApi("incidents")).body.incidents as { id: string; name: string; incident_updates: { id: string; body: string }[]; components: { name: string }[] }[];
    const japanese = (await statusApi("incidents", "ja")).body.incidents as typeof english;
    const [en, ja] = [english, japanese].map((list) => list.find((incident) => incident.id === incidentId)!);
    expect(ja.name).toBe("公開中の障害");
    expect(en.name).toBe("Public outage");
    expect(ja.incident_updates.find((update) => update.id === updateIds.identified)!.body).toBe("原因を特定しました。**復旧作業中**です。");
    expect(ja.components.map((component) => component.name)).toEqual(["公開API"]);
    expect(Object.keys(ja).sort()).toEqual(Object.keys(en).sort());
    const components = (await statusApi("components", "ja")).body.components as { name: string }[];
    expect(components.map((component) => component.name)).toContain("公開API");
  });
});

describe("isDatabaseUnavailable", () => {
  it("tells an unreachable database from other failures", async () => {
    const { isDatabaseUnavailable } = await import("@/server/db");
    expect(isDatabaseUnavailable(new Error('database "x" is not currently accepting connections'))).toBe(true);
    expect(isDatabaseUnavailable({ name: "DriverAdapterError", message: "x", cause: new Error("connect ECONNREFUSED 127.0.0.1:5432") })).toBe(true);
    expect(isDatabaseUnavailable(new Error("Unique constraint failed on the fields: (`email`)"))).toBe(false);
    expect(isDatabaseUnavailable(null)).toBe(false);
  });
});
