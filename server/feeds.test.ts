import { beforeAll, describe, expect, it } from "vitest";
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
            { status: "investigating", body: "First", displayAt: at },
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

describe("isDatabaseUnavailable", () => {
  it("tells an unreachable database from other failures", async () => {
    const { isDatabaseUnavailable } = await import("@/server/db");
    expect(isDatabaseUnavailable(new Error('database "x" is not currently accepting connections'))).toBe(true);
    expect(isDatabaseUnavailable({ name: "DriverAdapterError", message: "x", cause: new Error("connect ECONNREFUSED 127.0.0.1:5432") })).toBe(true);
    expect(isDatabaseUnavailable(new Error("Unique constraint failed on the fields: (`email`)"))).toBe(false);
    expect(isDatabaseUnavailable(null)).toBe(false);
  });
});
