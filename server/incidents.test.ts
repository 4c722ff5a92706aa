import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { getIncident, listIncidentsBetween, listOpenIncidents, listServiceIncidents } from "@/server/incidents";
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
