import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { currentHistoryMonth, getIncident, listIncidentsBetween, listOpenIncidents, listServiceIncidents } from "@/server/incidents";
import { getService, listServiceGroups } from "@/server/services";

// What the public may see: never a draft, never a hidden service.
describe("public visibility", () => {
  let draftId: string;
  let publishedId: string;
  let hiddenServiceId: string;

  beforeAll(async () => {
    const visible = await db().service.create({ data: { slug: "api", name: "API", position: 0 } });
    const hidden = await db().service.create({ data: { slug: "internal-admin", name: "Internal admin", hidden: true, position: 1 } });
    hiddenServiceId = hidden.id;
    const when = new Date("2024-03-01T10:00:00Z");
    const draft = await db().incident.create({
      data: {
        title: "Draft: not yet public",
        impact: "minor",
        status: "investigating",
        startedAt: when,
        services: { create: [{ serviceId: visible.id }] },
        updates: { create: { status: "investigating", body: "secret", displayAt: when } },
      },
    });
    draftId = draft.id;
    const published = await db().incident.create({
      data: {
        title: "API errors",
        impact: "major",
        status: "investigating",
        startedAt: when,
        publishedAt: when,
        services: { create: [{ serviceId: visible.id }, { serviceId: hidden.id }] },
        updates: {
          create: {
            status: "investigating",
            body: "We are looking into <script>alert(1)</script> errors.",
            displayAt: when,
            changes: { create: [{ serviceId: hidden.id, oldStatus: "operational", newStatus: "major_outage" }] },
          },
        },
      },
    });
    publishedId = published.id;
  });

  it("keeps drafts off every public list", async () => {
    expect(await getIncident(draftId)).toBeNull();
    const open = await listOpenIncidents();
    expect(open.map((incident) => incident.id)).toEqual([publishedId]);
    const between = await listIncidentsBetween(new Date("2024-01-01"), new Date("2025-01-01"));
    expect(between.map((incident) => incident.id)).toEqual([publishedId]);
    const api = (await getService("api"))!;
    expect((await listServiceIncidents(api.id)).map((incident) => incident.id)).toEqual([publishedId]);
  });

  it("never names a hidden service", async () => {
    expect(await getService("internal-admin")).toBeNull();
    const names = (await listServiceGroups()).flatMap((group) => group.services.map((service) => service.name));
    expect(names).toEqual(["API"]);
    const incident = (await getIncident(publishedId))!;
    expect(incident.services.map((service) => service.name)).toEqual(["API"]);
    expect(incident.updates[0].changes).toEqual([]);
    expect(await listServiceIncidents(hiddenServiceId)).toHaveLength(1); // reachable only by id, never listed
  });

  it("renders update bodies inert", async () => {
    const incident = (await getIncident(publishedId))!;
    expect(incident.updates[0].html).toBe("<p>We are looking into &lt;script&gt;alert(1)&lt;/script&gt; errors.</p>");
  });
});

// The demo clock froze "now" at 17 June 2011; a real post made today must still be in
// history (the issue: it was missing, and /history?month=<this month> showed June 2011).
describe("currentHistoryMonth", () => {
  const post = (title: string, startedAt: Date, extra: { publishedAt?: Date | null; kind?: string } = {}) =>
    db().incident.create({ data: { title, impact: "minor", status: "investigating", startedAt, publishedAt: startedAt, ...extra } });

  it("is the demo clock's month, or a later month something was really posted in", async () => {
    const demo = { now: new Date("2011-06-17T14:00:00Z"), timeZone: "Asia/Tokyo" };
    const today = new Date("2031-12-01T09:00:00Z");
    await post("Sega Pass breach", new Date("2011-06-17T08:00:00Z"));
    expect(await currentHistoryMonth(demo, new Date("2011-06-18T00:00:00Z"))).toBe("2011-06");

    await post("A draft from today", today, { publishedAt: null });
    await post("Maintenance next spring", new Date("2032-03-01T00:00:00Z"), { kind: "maintenance" });
    expect(await currentHistoryMonth(demo, today)).not.toMatch(/^203/);

    await post("A real incident today", today);
    expect(await currentHistoryMonth(demo, today)).toBe("2031-12");
    // In the page's zone: 2031-12-31 20:00 UTC is already January in Tokyo.
    await post("New Year's Eve", new Date("2031-12-31T20:00:00Z"));
    expect(await currentHistoryMonth(demo, new Date("2032-01-01T00:00:00Z"))).toBe("2032-01");
  });
});
