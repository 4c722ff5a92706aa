import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { DEMO, loadDemoStory } from "@/server/demo";
import { getFeed } from "@/server/feeds";
import { listServiceGroups } from "@/server/services";
import { getPublicStatus } from "@/server/public-status";
import { statusApi } from "@/server/status-api";

// The one public read model, over the demo story with a hidden service, drafts and
// maintenance added: what a reader of any public surface would be shown.
describe("the public read model", () => {
  const late = new Date("2030-01-01T00:00:00Z");
  const maintenanceUpdated = new Date("2029-01-01T00:00:00Z");

  beforeAll(async () => {
    await loadDemoStory(db(), "https://status.example.com/");
    const website = await db().service.findUniqueOrThrow({ where: { slug: "website" } });
    // Changed later than anything public, and in an outage: it must move nothing.
    const hidden = await db().service.create({ data: { slug: "billing-backend", name: "Billing backend", status: "major_outage", hidden: true, position: 99, updatedAt: late } });
    const at = new Date("2011-06-17T08:00:00Z");
    await db().incident.create({
      data: {
        title: "Draft: payments down",
        impact: "critical",
        status: "investigating",
        startedAt: at,
        updatedAt: late,
        services: { create: [{ serviceId: hidden.id }] },
        updates: { create: { status: "investigating", body: "not yet public", displayAt: at, updatedAt: late } },
      },
    });
    await db().incident.create({
      data: {
        kind: "maintenance",
        title: "Website move",
        impact: "minor",
        status: "in_progress",
        startedAt: at,
        scheduledStart: at,
        scheduledEnd: new Date("2011-06-17T10:00:00Z"),
        publishedAt: at,
        services: { create: [{ serviceId: website.id }] },
        updates: { create: { status: "in_progress", body: "Under way", displayAt: at, updatedAt: maintenanceUpdated } },
      },
    });
    await db().incident.create({
      data: {
        kind: "maintenance",
        title: "Database upgrade",
        impact: "none",
        status: "scheduled",
        startedAt: at,
        scheduledStart: new Date("2011-06-20T08:00:00Z"),
        publishedAt: at,
        updates: { create: { status: "scheduled", body: "Planned", displayAt: at } },
      },
    });
    await db().incident.create({
      data: { kind: "maintenance", title: "Draft window", impact: "none", status: "scheduled", startedAt: at, scheduledStart: at, updates: { create: { status: "scheduled", body: "x", displayAt: at } } },
    });
  });

  it("shows visible services only, in page order", async () => {
    const status = await getPublicStatus();
    expect(status.groups).toEqual(await listServiceGroups());
    expect(status.services.map((service) => service.name)).toEqual(["Sega Pass login", "Sega Pass password reset", "Forums", "Website", "Payments"]);
  });

  it("shows published incidents and maintenance only", async () => {
    const status = await getPublicStatus();
    expect(status.openIncidents.map((incident) => incident.title)).toEqual([DEMO.incidentTitle]);
    expect(status.maintenance.map((window) => window.title)).toEqual(["Website move", "Database upgrade"]);
    expect(status.activeMaintenance.map((window) => window.title)).toEqual(["Website move"]);
    expect(status.upcomingMaintenance.map((window) => window.title)).toEqual(["Database upgrade"]);
  });

  it("rolls up the visible services and open incidents", async () => {
    const { overall } = await getPublicStatus();
    expect(overall).toEqual({
      status: "major_outage",
      indicator: "critical",
      headline: "major_outage",
      affected: [{ status: "major_outage", names: ["Sega Pass login", "Sega Pass password reset", "Forums"] }],
      title: "Major outage",
      detail: "Sega Pass login, Sega Pass password reset and Forums are down.",
    });
  });

  it("was last modified by the newest public change, never a draft's or a hidden service's", async () => {
    const { lastModified, settings } = await getPublicStatus();
    expect(lastModified.toISOString()).toBe(maintenanceUpdated.toISOString());
    expect(lastModified.getTime()).toBeGreaterThanOrEqual(settings.updatedAt.getTime());
  });

  it("is what the API and the feeds are drawn from", async () => {
    const status = await getPublicStatus();
    const summary = await statusApi("summary");
    expect(summary.lastModified).toEqual(status.lastModified);
    expect(summary.body.status).toEqual({ indicator: "critical", description: "Major System Outage" });
    expect((summary.body.scheduled_maintenances as { name: string }[]).map((window) => window.name)).toEqual(["Website move", "Database upgrade"]);
    expect((summary.body.components as { name: string }[]).map((component) => component.name)).not.toContain("Billing backend");
    expect(JSON.stringify((await statusApi("scheduled-maintenances")).body)).not.toContain("Draft window");
    const feed = (await getFeed())!;
    expect(feed.channel.title).toBe(status.settings.name);
    expect(feed.entries.map((entry) => entry.title)).not.toContain("Draft: payments down: Investigating");
    expect(await getFeed("billing-backend")).toBeNull();
  });
});
