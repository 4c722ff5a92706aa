import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/views/actor";
import { db } from "@/server/db";
import { loadDemoStory } from "@/server/demo";
import { getIncident, listOpenIncidents, listOpenMaintenance } from "@/server/incidents";
import { correctUpdate, openIncident, planMaintenance, postUpdate, publishIncident, setServiceStatus } from "@/server/incident-updates";
import { statusApi } from "@/server/status-api";
import { getPageSettings } from "@/server/settings";

// The admin's writes: authorised, validated, written with their audit entry and the
// public version bump in one transaction, or refused with nothing written.

let editor: Actor;
const serviceId = async (slug: string) => (await db().service.findUniqueOrThrow({ where: { slug } })).id;

beforeAll(async () => {
  await loadDemoStory(db(), "https://status.example.com");
  const user = await db().user.create({ data: { email: "ops@example.com", role: "editor", passwordHash: "x" } });
  editor = { id: user.id, email: user.email, name: "", role: "editor", sessionId: "s" };
});

describe("setServiceStatus", () => {
  it("records the change, its history, its audit entry and a new public version", async () => {
    const before = (await getPageSettings()).version;
    const website = await serviceId("website");
    const result = await setServiceStatus(editor, { serviceId: website, status: "degraded_performance" });
    expect(result).toEqual({ ok: true, message: "Website is now degraded performance." });
    expect((await db().service.findUniqueOrThrow({ where: { id: website } })).status).toBe("degraded_performance");
    expect(await db().statusChange.count({ where: { serviceId: website, status: "degraded_performance" } })).toBe(1);
    const entry = await db().auditLog.findFirstOrThrow({ where: { entityId: website }, orderBy: { at: "desc" } });
    expect(entry).toMatchObject({ userId: editor.id, action: "status_changed", before: '{"status":"operational"}', after: '{"status":"degraded_performance"}' });
    expect((await getPageSettings()).version).toBe(before + 1);
  });

  it("refuses bad input and strangers, changing nothing", async () => {
    const before = (await getPageSettings()).version;
    expect(await setServiceStatus(editor, { serviceId: await serviceId("forums"), status: "on_fire" })).toMatchObject({ ok: false, fieldErrors: { status: "Choose a status." } });
    expect(await setServiceStatus(editor, { serviceId: "no-such-service", status: "operational" })).toMatchObject({ ok: false, error: "That service no longer exists. Reload the page." });
    await expect(setServiceStatus(null, { serviceId: await serviceId("forums"), status: "operational" })).rejects.toThrow(/session has ended/);
    expect((await getPageSettings()).version).toBe(before);
  });
});

describe("the incident life cycle", () => {
  let incidentId: string;

  it("opens an incident, backdated, with the services' new statuses", async () => {
    const payments = await serviceId("payments");
    const result = await openIncident(editor, {
      title: "Payments <b>declined</b>",
      impact: "major",
      status: "investigating",
      body: "Cards are declined. <script>alert(1)</script>",
      displayAt: "2011-06-18T09:15",
      services: payments,
      affected: { [payments]: "partial_outage" },
    });
    expect(result).toMatchObject({ ok: true, message: "The incident is published." });
    incidentId = result.incidentId!;
    const incident = (await getIncident(incidentId))!;
    expect(incident.title).toBe("Payments <b>declined</b>");
    expect(incident.startedAt.toISOString()).toBe("2011-06-18T08:15:00.000Z"); // 09:15 BST
    expect(incident.updates[0].html).toBe("<p>Cards are declined. &lt;script&gt;alert(1)&lt;/script&gt;</p>");
    expect(incident.updates[0].changes).toEqual([expect.objectContaining({ serviceName: "Payments", oldStatus: "operational", newStatus: "partial_outage" })]);
    expect((await listOpenIncidents()).map((open) => open.id)).toContain(incidentId);
  });

  it("refuses a stale edit with a clear message and keeps the text", async () => {
    const current = (await db().incident.findUniqueOrThrow({ where: { id: incidentId } })).revision;
    expect(await postUpdate(editor, { incidentId, revision: current, status: "identified", body: "Found the cause." })).toMatchObject({ ok: true });
    const stale = await postUpdate(editor, { incidentId, revision: current, status: "monitoring", body: "My words" });
    expect(stale).toMatchObject({ ok: false, values: { body: "My words" } });
    expect(stale.error).toMatch(/changed since you opened it/);
    expect((await getIncident(incidentId))!.updates).toHaveLength(2);
  });

  it("resolves and returns the service to operational", async () => {
    const payments = await serviceId("payments");
    const revision = (await db().incident.findUniqueOrThrow({ where: { id: incidentId } })).revision;
    const result = await postUpdate(editor, { incidentId, revision, status: "resolved", body: "All good.", affected: { [payments]: "operational" } });
    expect(result).toMatchObject({ ok: true, message: "Resolved, and published." });
    const incident = (await getIncident(incidentId))!;
    expect(incident.resolvedAt).not.toBeNull();
    expect((await db().service.findUniqueOrThrow({ where: { id: payments } })).status).toBe("operational");
    expect(await db().auditLog.count({ where: { entityId: incidentId } })).toBe(3);
  });

  it("rejects hostile and oversized input without writing anything", async () => {
    const incidents = await db().incident.count();
    for (const input of [
      { title: "", impact: "major", status: "investigating", body: "x" },
      { title: "t", impact: "apocalyptic", status: "investigating", body: "x" },
      { title: "t", impact: "major", status: "investigating", body: "x".repeat(1_000_000) },
      { title: "t\u0000", impact: "major", status: "investigating", body: "x" },
      { title: "t", impact: "major", status: "investigating", body: "x", displayAt: "2099-01-01T00:00" },
      { title: "t", impact: "major", status: "investigating", body: "x", services: ["no-such-service"] },
    ]) {
      const result = await openIncident(editor, input);
      expect(result.ok, JSON.stringify(input).slice(0, 80)).toBe(false);
    }
    expect(await db().incident.count()).toBe(incidents);
  });
});

describe("drafts and corrections", () => {
  it("keeps a draft and its service statuses off every public view until it is published", async () => {
    const forums = await serviceId("forums");
    const website = await serviceId("website");
    await setServiceStatus(editor, { serviceId: website, status: "operational" });
    const versionBefore = (await getPageSettings()).version;
    const result = await openIncident(editor, {
      publish: "draft",
      title: "Draft: website slow",
      impact: "minor",
      status: "investigating",
      body: "Not public yet.",
      services: [website, forums],
      affected: { [website]: "degraded_performance" },
    });
    expect(result).toMatchObject({ ok: true, message: "Saved as a draft: the public cannot see it yet." });
    expect(await getIncident(result.incidentId!)).toBeNull();
    expect((await db().service.findUniqueOrThrow({ where: { id: website } })).status).toBe("operational");
    expect((await getPageSettings()).version).toBe(versionBefore);

    const { revision } = await db().incident.findUniqueOrThrow({ where: { id: result.incidentId! } });
    expect(await publishIncident(editor, { incidentId: result.incidentId!, revision })).toMatchObject({ ok: true });
    expect((await getIncident(result.incidentId!))!.title).toBe("Draft: website slow");
    expect((await db().service.findUniqueOrThrow({ where: { id: website } })).status).toBe("degraded_performance");
    expect((await getPageSettings()).version).toBe(versionBefore + 1);
  });

  it("marks a corrected update and keeps the original in the audit log", async () => {
    const incident = (await listOpenIncidents()).find((open) => open.title === "Draft: website slow")!;
    const { revision } = await db().incident.findUniqueOrThrow({ where: { id: incident.id } });
    const updateId = incident.updates[0].id;
    expect(await correctUpdate(editor, { updateId, revision, body: "The website is slow for some readers." })).toMatchObject({ ok: true });
    const corrected = (await getIncident(incident.id))!.updates[0];
    expect(corrected.body).toBe("The website is slow for some readers.");
    expect(corrected.correctedAt).not.toBeNull();
    const entry = await db().auditLog.findFirstOrThrow({ where: { entityId: updateId, action: "update_corrected" } });
    expect(JSON.parse(entry.before!)).toEqual({ body: "Not public yet." });
    // The revision moved: a second correction from the same stale form is refused.
    expect((await correctUpdate(editor, { updateId, revision, body: "Another try" })).error).toMatch(/changed since you opened it/);
  });
});

describe("scheduled maintenance", () => {
  it("is announced, runs and completes, with the services under maintenance meanwhile", async () => {
    const forums = await serviceId("forums");
    await setServiceStatus(editor, { serviceId: forums, status: "operational" });
    const planned = await planMaintenance(editor, {
      title: "Forum database upgrade",
      impact: "minor",
      body: "The forums will be read-only for two hours.",
      scheduledStart: "2011-06-18T02:00",
      scheduledEnd: "2011-06-18T04:00",
      services: forums,
    });
    expect(planned).toMatchObject({ ok: true, message: "Maintenance announced." });
    const upcoming = (await statusApi("scheduled-maintenances/upcoming")).body.scheduled_maintenances as { name: string; scheduled_for: string; scheduled_until: string }[];
    expect(upcoming).toEqual([expect.objectContaining({ name: "Forum database upgrade", scheduled_for: "2011-06-18T02:00:00.000+01:00", scheduled_until: "2011-06-18T04:00:00.000+01:00" })]);

    const revision = async () => (await db().incident.findUniqueOrThrow({ where: { id: planned.incidentId! } })).revision;
    expect(await postUpdate(editor, { incidentId: planned.incidentId!, revision: await revision(), status: "investigating", body: "x" })).toMatchObject({ ok: false, fieldErrors: { status: "Choose one of the statuses offered." } });
    expect(await postUpdate(editor, { incidentId: planned.incidentId!, revision: await revision(), status: "in_progress", body: "Started.", affected: { [forums]: "under_maintenance" } })).toMatchObject({ ok: true });
    expect((await db().service.findUniqueOrThrow({ where: { id: forums } })).status).toBe("under_maintenance");
    expect(((await statusApi("scheduled-maintenances/active")).body.scheduled_maintenances as unknown[]).length).toBe(1);

    expect(await postUpdate(editor, { incidentId: planned.incidentId!, revision: await revision(), status: "completed", body: "Done.", affected: { [forums]: "operational" } })).toMatchObject({ ok: true, message: "Completed, and published." });
    expect((await getIncident(planned.incidentId!))!.resolvedAt).not.toBeNull();
    expect(await listOpenMaintenance()).toEqual([]);
  });

  it("refuses a window that ends before it starts", async () => {
    const result = await planMaintenance(editor, { title: "Backwards", body: "x", scheduledStart: "2011-06-18T04:00", scheduledEnd: "2011-06-18T02:00" });
    expect(result).toMatchObject({ ok: false, fieldErrors: { scheduledEnd: "The end must come after the start." } });
  });
});
