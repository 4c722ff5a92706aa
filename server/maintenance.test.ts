import { beforeAll, describe, expect, it, vi } from "vitest";
import { databaseProvider } from "@/lib/env";
import type { Actor } from "@/lib/views/actor";
import { createDb, db, isDatabaseUnavailable } from "@/server/db";
import { loadDemoStory } from "@/server/demo";
import { planMaintenance, postUpdate } from "@/server/incident-updates";
import { cancelMaintenance, COMPLETED_TEXT, getMaintenanceSchedule, rescheduleMaintenance, runDueMaintenance, startMaintenanceTicks, STARTED_TEXT } from "@/server/maintenance";
import { getPageSettings } from "@/server/settings";

// Maintenance that runs itself, against the real database, with `now` given: each test
// plans its windows in its own stretch of the future so no two tests' windows are due
// at once. The demo page's zone is Europe/London.

let editor: Actor;
const minutes = (n: number) => n * 60_000;
const at = (iso: string) => new Date(iso);
const silentLog = () => {};
const tick = (now: Date) => runDueMaintenance(now, { log: silentLog });
/** What a tick did to one window: other tests' windows may fall due at the same time. */
const tickFor = async (id: string, now: Date) => (await tick(now)).filter((event) => event.incidentId === id);

let serviceCount = 0;
/** A service of its own for each window, so restored statuses are this test's alone. */
async function newService(status = "operational") {
  serviceCount += 1;
  return (await db().service.create({ data: { slug: `maintained-${serviceCount}`, name: `Maintained ${serviceCount}`, status } })).id;
}

async function plan(input: Record<string, unknown>) {
  const { incidentId } = await planMaintenance.run(editor, { title: "Database upgrade", body: "The forums will be read-only.", ...input });
  return incidentId;
}

const window = (id: string) => db().incident.findUniqueOrThrow({ where: { id }, include: { updates: { orderBy: [{ createdAt: "asc" }, { id: "asc" }], include: { notification: true, changes: true } } } });
const statusOf = async (serviceId: string) => (await db().service.findUniqueOrThrow({ where: { id: serviceId } })).status;
const auditOf = (entityId: string, action: string) => db().auditLog.findMany({ where: { entityId, action } });

beforeAll(async () => {
  await loadDemoStory(db(), "https://status.example.com");
  const user = await db().user.create({ data: { email: "planner@example.com", role: "editor", passwordHash: "x" } });
  editor = { id: user.id, email: user.email, name: "", role: "editor", sessionId: "s" };
});

describe("planning", () => {
  it("stores what the window does by itself, from the console's fields", async () => {
    const result = await planMaintenance(editor, {
      title: "Console window",
      body: "x",
      scheduledStart: "2099-01-10T02:00",
      scheduledEnd: "2099-01-10T04:00",
      autoStart: "on",
      autoComplete: "on",
      remindBeforeMinutes: "custom",
      remindCustomMinutes: "90",
      notify: "no",
    });
    expect(result).toMatchObject({ ok: true, message: "Maintenance announced on the page; subscribers are not told." });
    const row = await window(result.incidentId!);
    expect(row).toMatchObject({ autoStart: true, autoComplete: true, remindBeforeMinutes: 90, notify: false, scheduledStart: at("2099-01-10T02:00:00Z") });
    expect(row.updates[0].notification).toBeNull();
  });

  it("takes the API's instants and booleans, and leaves the automation off unless asked", async () => {
    const id = await plan({ scheduledFor: "2099-06-10T02:00:00+01:00", scheduledUntil: "2099-06-10T04:00:00+01:00", autoStart: true, remindBeforeMinutes: 60 });
    expect(await window(id)).toMatchObject({ autoStart: true, autoComplete: false, remindBeforeMinutes: 60, notify: true, scheduledStart: at("2099-06-10T01:00:00Z"), scheduledEnd: at("2099-06-10T03:00:00Z") });
    const plain = await plan({ scheduledStart: "2031-06-11T02:00", scheduledEnd: "2031-06-11T03:00" });
    expect(await window(plain)).toMatchObject({ autoStart: false, autoComplete: false, remindBeforeMinutes: null });
  });

  it("refuses unclear times and reminders beside their fields", async () => {
    const refused = (input: Record<string, unknown>) => planMaintenance(editor, { title: "Bad", body: "x", ...input });
    expect(await refused({ scheduledStart: "", scheduledEnd: "2031-01-01T02:00" })).toMatchObject({ ok: false, fieldErrors: { scheduledStart: "Enter when it starts." } });
    expect(await refused({ scheduledFor: "2031-01-01T04:00:00Z", scheduledUntil: "2031-01-01T02:00:00Z" })).toMatchObject({ fieldErrors: { scheduledUntil: "The end must come after the start." } });
    expect(await refused({ scheduledFor: "tomorrow", scheduledUntil: "2031-01-01T02:00:00Z" })).toMatchObject({ fieldErrors: { scheduledFor: expect.stringMatching(/ISO 8601/) } });
    expect(await refused({ scheduledStart: "2031-01-01T02:00", scheduledFor: "2031-01-01T02:00:00Z", scheduledEnd: "2031-01-01T03:00" })).toMatchObject({ fieldErrors: { scheduledFor: expect.stringMatching(/once/) } });
    // Mixed shapes are compared once both are instants: 02:00 GMT is 02:00Z.
    expect(await refused({ scheduledStart: "2031-01-01T02:00", scheduledUntil: "2031-01-01T01:30:00Z" })).toMatchObject({ fieldErrors: { scheduledUntil: "The end must come after the start." } });
    expect(await refused({ scheduledStart: "2031-01-01T02:00", scheduledEnd: "2031-01-01T03:00", remindBeforeMinutes: "custom", remindCustomMinutes: "soon" })).toMatchObject({ fieldErrors: { remindCustomMinutes: expect.stringMatching(/whole minutes/) } });
    expect(await refused({ scheduledStart: "2031-01-01T02:00", scheduledEnd: "2031-01-01T03:00", remindBeforeMinutes: 20_000 })).toMatchObject({ fieldErrors: { remindBeforeMinutes: expect.stringMatching(/whole minutes/) } });
    expect(await db().incident.count({ where: { title: "Bad" } })).toBe(0);
  });
});

describe("a window that runs itself", () => {
  it("starts at its start and not before, completes at its end, and gives the services back", async () => {
    const degraded = await newService("degraded_performance");
    const fine = await newService();
    const id = await plan({ scheduledFor: "2032-01-10T02:00:00Z", scheduledUntil: "2032-01-10T04:00:00Z", autoStart: true, autoComplete: true, services: [degraded, fine] });
    const version = (await getPageSettings()).version;

    expect(await tickFor(id, at("2032-01-10T01:59:59Z"))).toEqual([]);
    expect((await window(id)).status).toBe("scheduled");

    expect(await tickFor(id, at("2032-01-10T02:00:00Z"))).toEqual([{ incidentId: id, title: "Database upgrade", event: "started" }]);
    const started = await window(id);
    expect(started.status).toBe("in_progress");
    const startUpdate = started.updates[1];
    expect(startUpdate).toMatchObject({ status: "in_progress", body: STARTED_TEXT, displayAt: at("2032-01-10T02:00:00Z") });
    expect(startUpdate.notification).not.toBeNull();
    expect(await statusOf(degraded)).toBe("under_maintenance");
    expect(await statusOf(fine)).toBe("under_maintenance");
    // Recorded in each service's history like any status change.
    expect(await db().statusChange.findMany({ where: { serviceId: fine }, select: { status: true, at: true, incidentId: true } })).toEqual([{ status: "under_maintenance", at: at("2032-01-10T02:00:00Z"), incidentId: id }]);
    expect(await auditOf(id, "maintenance_started_automatically")).toEqual([expect.objectContaining({ userId: null, apiKeyId: null, entityType: "maintenance" })]);
    expect((await getPageSettings()).version).toBe(version + 1);

    // A later tick before the end does nothing more.
    expect(await tickFor(id, at("2032-01-10T03:00:00Z"))).toEqual([]);

    expect(await tickFor(id, at("2032-01-10T04:00:30Z"))).toEqual([{ incidentId: id, title: "Database upgrade", event: "completed" }]);
    const done = await window(id);
    expect(done).toMatchObject({ status: "completed", resolvedAt: at("2032-01-10T04:00:30Z") });
    expect(done.updates.at(-1)).toMatchObject({ status: "completed", body: COMPLETED_TEXT });
    expect(done.updates.at(-1)!.notification).not.toBeNull();
    expect(await statusOf(degraded)).toBe("degraded_performance");
    expect(await statusOf(fine)).toBe("operational");
    expect(await auditOf(id, "maintenance_completed_automatically")).toHaveLength(1);
    expect((await getPageSettings()).version).toBe(version + 2);
    expect(await tickFor(id, at("2032-01-10T05:00:00Z"))).toEqual([]);
  });

  it("starts and completes in one tick, in order, after a worker slept through the whole window", async () => {
    const id = await plan({ scheduledFor: "2032-02-10T02:00:00Z", scheduledUntil: "2032-02-10T03:00:00Z", autoStart: true, autoComplete: true });
    expect((await tickFor(id, at("2032-02-10T06:00:00Z"))).map((event) => event.event)).toEqual(["started", "completed"]);
    expect((await window(id)).updates.map((update) => update.status)).toEqual(["scheduled", "in_progress", "completed"]);
  });

  it("leaves a service alone that an incident took over meanwhile, and one another running window still holds", async () => {
    const outage = await newService();
    const shared = await newService();
    const first = await plan({ scheduledFor: "2032-03-10T02:00:00Z", scheduledUntil: "2032-03-10T03:00:00Z", autoStart: true, autoComplete: true, services: [outage, shared] });
    const second = await plan({ scheduledFor: "2032-03-10T02:30:00Z", scheduledUntil: "2032-03-10T05:00:00Z", autoStart: true, autoComplete: true, services: [shared] });
    await tick(at("2032-03-10T02:45:00Z"));
    await db().service.update({ where: { id: outage }, data: { status: "major_outage" } });
    await tick(at("2032-03-10T03:00:00Z"));
    expect((await window(first)).status).toBe("completed");
    expect(await statusOf(outage)).toBe("major_outage");
    expect(await statusOf(shared)).toBe("under_maintenance");
    await tick(at("2032-03-10T05:00:00Z"));
    expect((await window(second)).status).toBe("completed");
    expect(await statusOf(shared)).toBe("operational");
  });

  it("completes by itself one that a person started, and only completes when asked to", async () => {
    const manual = await plan({ scheduledFor: "2032-04-10T02:00:00Z", scheduledUntil: "2032-04-10T03:00:00Z", autoComplete: true });
    const neither = await plan({ scheduledFor: "2032-04-10T02:00:00Z", scheduledUntil: "2032-04-10T03:00:00Z" });
    await tick(at("2032-04-10T02:30:00Z"));
    expect((await window(manual)).status).toBe("scheduled");
    for (const id of [manual, neither]) await postUpdate.run(editor, { incidentId: id, revision: (await window(id)).revision, status: "in_progress", body: "Started by hand." });
    await tick(at("2032-04-10T03:30:00Z"));
    expect((await window(manual)).status).toBe("completed");
    expect((await window(neither)).status).toBe("in_progress");
  });

  it("posts but tells no one when the window is not to notify", async () => {
    const id = await plan({ scheduledFor: "2032-05-10T02:00:00Z", scheduledUntil: "2032-05-10T03:00:00Z", autoStart: true, autoComplete: true, remindBeforeMinutes: 60, notify: false });
    await tick(at("2032-05-10T01:30:00Z"));
    await tick(at("2032-05-10T02:00:00Z"));
    await tick(at("2032-05-10T03:00:00Z"));
    const row = await window(id);
    expect(row.updates.map((update) => update.status)).toEqual(["scheduled", "in_progress", "completed"]);
    expect(await db().notification.count({ where: { update: { incidentId: id } } })).toBe(0);
    expect(row.remindedAt).toBeNull();
  });

  it("never runs a draft", async () => {
    const service = await newService();
    const { incidentId } = await planMaintenance.run(editor, { publish: "draft", title: "Draft", body: "x", scheduledFor: "2032-06-10T02:00:00Z", scheduledUntil: "2032-06-10T03:00:00Z", autoStart: true, autoComplete: true, remindBeforeMinutes: 60, services: service });
    await tick(at("2032-06-10T01:30:00Z"));
    await tick(at("2032-06-10T04:00:00Z"));
    const row = await window(incidentId);
    expect(row).toMatchObject({ status: "scheduled", remindedAt: null });
    expect(row.updates).toHaveLength(1);
    expect(await statusOf(service)).toBe("operational");
  });

  it("posts once when ticks run at once, from this process and from a second worker's client", async () => {
    const service = await newService();
    const id = await plan({ scheduledFor: "2032-07-10T02:00:00Z", scheduledUntil: "2032-07-10T03:00:00Z", autoStart: true, autoComplete: true, remindBeforeMinutes: 60, services: service });
    // A second worker's own client on PostgreSQL. SQLite's driver waits for the file lock
    // synchronously, blocking the event loop the first client needs to let go of it: two
    // SQLite clients only work from two processes, so here the ticks share one client.
    const url = process.env.DATABASE_URL!;
    const other = databaseProvider(url) === "postgresql" ? createDb(url) : db();
    try {
      const together = (now: Date) => Promise.all([tick(now), tick(now), runDueMaintenance(now, { database: other, log: silentLog })]);
      expect((await together(at("2032-07-10T01:15:00Z"))).flat().filter((event) => event.incidentId === id)).toHaveLength(1);
      expect((await together(at("2032-07-10T02:00:00Z"))).flat().filter((event) => event.incidentId === id)).toHaveLength(1);
      expect((await together(at("2032-07-10T03:00:00Z"))).flat().filter((event) => event.incidentId === id)).toHaveLength(1);
    } finally {
      if (other !== db()) await other.$disconnect();
    }
    expect((await window(id)).updates.map((update) => update.status)).toEqual(["scheduled", "scheduled", "in_progress", "completed"]);
    expect(await db().statusChange.count({ where: { serviceId: service } })).toBe(2);
  });
});

describe("reminders", () => {
  it("reminds once, in its period before the start, with the times in the page's zone", async () => {
    const id = await plan({ scheduledFor: "2033-06-10T02:00:00+01:00", scheduledUntil: "2033-06-10T04:00:00+01:00", remindBeforeMinutes: 60 });
    expect(await tickFor(id, at("2033-06-09T23:59:00Z"))).toEqual([]);
    expect(await tickFor(id, at("2033-06-10T01:00:00+01:00"))).toEqual([{ incidentId: id, title: "Database upgrade", event: "reminded" }]);
    expect(await tickFor(id, at("2033-06-10T01:30:00+01:00"))).toEqual([]);
    const row = await window(id);
    expect(row.remindedAt).toEqual(at("2033-06-10T00:00:00Z"));
    expect(row.status).toBe("scheduled");
    const reminder = row.updates[1];
    expect(reminder).toMatchObject({ status: "scheduled", body: "Reminder: this maintenance starts on 10 June 2033 at 02:00 BST and is expected to end on 10 June 2033 at 04:00 BST." });
    expect(reminder.notification).not.toBeNull();
    expect(await auditOf(id, "maintenance_reminder_sent")).toEqual([expect.objectContaining({ userId: null })]);
  });

  it("sends no second message when the announcement came inside the reminder period", async () => {
    const soon = new Date(Date.now() + minutes(30));
    const id = await plan({ scheduledFor: soon.toISOString(), scheduledUntil: new Date(soon.getTime() + minutes(60)).toISOString(), remindBeforeMinutes: 60 });
    await tick(new Date(soon.getTime() - minutes(10)));
    const row = await window(id);
    expect(row.remindedAt).not.toBeNull();
    expect(row.updates).toHaveLength(1);
  });
});

describe("rescheduling", () => {
  it("moves the times, tells subscribers, and owes the reminder again", async () => {
    const id = await plan({ scheduledFor: "2034-06-10T02:00:00Z", scheduledUntil: "2034-06-10T04:00:00Z", autoStart: true, remindBeforeMinutes: 60 });
    await tick(at("2034-06-10T01:30:00Z"));
    const revision = (await window(id)).revision;
    const result = await rescheduleMaintenance(editor, { incidentId: id, revision, scheduledStart: "2034-06-17T02:00", scheduledEnd: "2034-06-17T05:00" });
    expect(result).toMatchObject({ ok: true, message: "Rescheduled; subscribers are told." });
    const row = await window(id);
    expect(row).toMatchObject({ scheduledStart: at("2034-06-17T01:00:00Z"), scheduledEnd: at("2034-06-17T04:00:00Z"), startedAt: at("2034-06-17T01:00:00Z"), remindedAt: null, status: "scheduled" });
    const notice = row.updates.at(-1)!;
    expect(notice).toMatchObject({ status: "scheduled", body: "Rescheduled: this maintenance now starts on 17 June 2034 at 02:00 BST and is expected to end on 17 June 2034 at 05:00 BST." });
    expect(notice.notification).not.toBeNull();
    expect(await auditOf(id, "maintenance_rescheduled")).toEqual([expect.objectContaining({ userId: editor.id })]);

    // The old start passes quietly; the new one is kept, reminder first.
    expect(await tickFor(id, at("2034-06-10T02:00:00Z"))).toEqual([]);
    expect((await tickFor(id, at("2034-06-17T00:30:00Z"))).map((event) => event.event)).toEqual(["reminded"]);
    expect((await tickFor(id, at("2034-06-17T01:00:00Z"))).map((event) => event.event)).toEqual(["started"]);
  });

  it("takes the API's instants, and only the end once it has started", async () => {
    const id = await plan({ scheduledFor: "2034-07-10T02:00:00Z", scheduledUntil: "2034-07-10T04:00:00Z", autoStart: true, autoComplete: true });
    await tick(at("2034-07-10T02:00:00Z"));
    const { revision } = await window(id);
    await expect(rescheduleMaintenance.run(editor, { incidentId: id, revision, scheduledFor: "2034-07-10T03:00:00Z", scheduledUntil: "2034-07-10T06:00:00Z" })).rejects.toMatchObject({
      code: "invalid",
      fieldErrors: { scheduledFor: "It has already started: only its end can move." },
    });
    // The API may send only the time that moves.
    expect(await rescheduleMaintenance.run(editor, { incidentId: id, revision, scheduledUntil: "2034-07-10T06:00:00Z" })).toMatchObject({ message: "Rescheduled; subscribers are told." });
    const row = await window(id);
    expect(row.updates.at(-1)).toMatchObject({ status: "in_progress", body: "This maintenance is now expected to end on 10 July 2034 at 07:00 BST." });
    expect(await tickFor(id, at("2034-07-10T04:00:00Z"))).toEqual([]);
    expect((await tickFor(id, at("2034-07-10T06:00:00Z"))).map((event) => event.event)).toEqual(["completed"]);
  });

  it("refuses a stale revision, an end before the start, a window that is over, and strangers, changing nothing", async () => {
    const id = await plan({ scheduledFor: "2034-08-10T02:00:00Z", scheduledUntil: "2034-08-10T04:00:00Z" });
    const { revision } = await window(id);
    const before = (await window(id)).updates.length;
    expect(await rescheduleMaintenance(editor, { incidentId: id, revision: revision + 5, scheduledStart: "2034-08-11T02:00", scheduledEnd: "2034-08-11T03:00" })).toMatchObject({ ok: false, error: expect.stringMatching(/changed since you opened it/) });
    expect(await rescheduleMaintenance(editor, { incidentId: id, revision, scheduledStart: "2034-08-11T04:00", scheduledEnd: "2034-08-11T03:00" })).toMatchObject({ ok: false, fieldErrors: { scheduledEnd: "The end must come after the start." } });
    expect(await rescheduleMaintenance(editor, { incidentId: id, revision, scheduledStart: "2020-08-11T02:00", scheduledEnd: "2020-08-11T03:00" })).toMatchObject({ ok: false, fieldErrors: { scheduledEnd: "The end must be in the future." } });
    expect(await rescheduleMaintenance(editor, { incidentId: id, revision, scheduledFor: "2034-08-10T05:00:00Z" })).toMatchObject({ ok: false, fieldErrors: { scheduledFor: "The start must come before the end; move the end too." } });
    expect(await rescheduleMaintenance(editor, { incidentId: id, revision })).toMatchObject({ ok: false, fieldErrors: { scheduledStart: "Enter the new start, the new end, or both." } });
    await expect(rescheduleMaintenance(null, { incidentId: id, revision, scheduledStart: "2034-08-11T02:00", scheduledEnd: "2034-08-11T03:00" })).rejects.toThrow(/session has ended/);
    expect((await window(id)).updates).toHaveLength(before);

    await cancelMaintenance.run(editor, { incidentId: id, revision });
    const over = await window(id);
    expect(await rescheduleMaintenance(editor, { incidentId: id, revision: over.revision, scheduledStart: "2034-08-11T02:00", scheduledEnd: "2034-08-11T03:00" })).toMatchObject({ ok: false, error: "This maintenance is over: plan a new window instead." });
    expect(over.scheduledStart).toEqual(at("2034-08-10T02:00:00Z"));
  });

  it("keeps the start, and the reminder already sent, when the console sends it back as shown", async () => {
    const id = await plan({ scheduledFor: "2034-10-10T02:00:30Z", scheduledUntil: "2034-10-10T04:00:00Z", remindBeforeMinutes: 60 });
    await tick(at("2034-10-10T01:30:00Z"));
    const shown = (await getMaintenanceSchedule(editor, id))!;
    expect(shown.startLocal).toBe("2034-10-10T03:00");
    expect(await rescheduleMaintenance(editor, { incidentId: id, revision: shown.revision, scheduledStart: shown.startLocal, scheduledEnd: "2034-10-10T06:00" })).toMatchObject({ ok: true });
    const row = await window(id);
    expect(row).toMatchObject({ scheduledStart: at("2034-10-10T02:00:30Z"), scheduledEnd: at("2034-10-10T05:00:00Z"), remindedAt: at("2034-10-10T01:30:00Z") });
    expect(row.updates.at(-1)!.body).toBe("This maintenance is now expected to end on 10 October 2034 at 06:00 BST.");
  });

  it("changes a draft's times without posting or telling anyone", async () => {
    const { incidentId } = await planMaintenance.run(editor, { publish: "draft", title: "Draft move", body: "x", scheduledFor: "2034-09-10T02:00:00Z", scheduledUntil: "2034-09-10T04:00:00Z" });
    const { revision } = await window(incidentId);
    expect(await rescheduleMaintenance(editor, { incidentId, revision, scheduledFor: "2034-09-11T02:00:00Z", scheduledUntil: "2034-09-11T04:00:00Z" })).toMatchObject({ ok: true, message: "The draft's times are changed." });
    const row = await window(incidentId);
    expect(row.updates).toHaveLength(1);
    expect(row.scheduledStart).toEqual(at("2034-09-11T02:00:00Z"));
  });
});

describe("cancelling", () => {
  it("posts a final update saying so, tells subscribers, and stops it running", async () => {
    const id = await plan({ scheduledFor: "2035-01-10T02:00:00Z", scheduledUntil: "2035-01-10T04:00:00Z", autoStart: true, autoComplete: true });
    const { revision } = await window(id);
    const version = (await getPageSettings()).version;
    expect(await cancelMaintenance(editor, { incidentId: id, revision, body: "" })).toMatchObject({ ok: true, message: "Cancelled; subscribers are told." });
    const row = await window(id);
    expect(row.status).toBe("completed");
    expect(row.resolvedAt).not.toBeNull();
    expect(row.updates.at(-1)).toMatchObject({ status: "completed", body: "This scheduled maintenance has been cancelled." });
    expect(row.updates.at(-1)!.notification).not.toBeNull();
    expect(await auditOf(id, "maintenance_cancelled")).toEqual([expect.objectContaining({ userId: editor.id })]);
    expect((await getPageSettings()).version).toBe(version + 1);
    expect(await tickFor(id, at("2035-01-10T02:00:00Z"))).toEqual([]);
    expect(await cancelMaintenance(editor, { incidentId: id, revision: row.revision })).toMatchObject({ ok: false, error: "This maintenance is over already: there is nothing to cancel." });
  });

  it("gives a running window's services back, with the editor's words", async () => {
    const service = await newService("partial_outage");
    const id = await plan({ scheduledFor: "2035-02-10T02:00:00Z", scheduledUntil: "2035-02-10T04:00:00Z", autoStart: true, services: service });
    await tick(at("2035-02-10T02:00:00Z"));
    expect(await statusOf(service)).toBe("under_maintenance");
    const { revision } = await window(id);
    expect(await cancelMaintenance(editor, { incidentId: id, revision, body: "Called off: the vendor patch is not ready." })).toMatchObject({ ok: true });
    expect(await statusOf(service)).toBe("partial_outage");
    expect((await window(id)).updates.at(-1)).toMatchObject({ body: "Called off: the vendor patch is not ready." });
  });
});

describe("the console's view", () => {
  it("shows the schedule with the reschedule form's values in the page's zone, to editors only", async () => {
    const id = await plan({ scheduledFor: "2035-06-10T01:00:00Z", scheduledUntil: "2035-06-10T03:30:00Z", autoStart: true, remindBeforeMinutes: 1440 });
    expect(await getMaintenanceSchedule(editor, id)).toMatchObject({ startLocal: "2035-06-10T02:00", endLocal: "2035-06-10T04:30", autoStart: true, autoComplete: false, remindBeforeMinutes: 1440, status: "scheduled", published: true });
    await expect(getMaintenanceSchedule(null, id)).rejects.toThrow(/session has ended/);
  });
});

describe("the worker's maintenance loop", () => {
  // Nothing listens on port 1: a client for it fails as an outage does.
  const unreachableUrl = "postgresql://herald@127.0.0.1:1/herald";

  it("stops a tick when the database cannot be reached, as an outage", async () => {
    const unreachable = createDb(unreachableUrl);
    try {
      const error = await runDueMaintenance(at("2036-01-01T00:00:00Z"), { database: unreachable }).catch((caught: unknown) => caught);
      expect(isDatabaseUnavailable(error)).toBe(true);
    } finally {
      await unreachable.$disconnect();
    }
  });

  it("runs the due windows, and rides out a database that is briefly unreachable", async () => {
    const { incidentId: id } = await planMaintenance.run(editor, { title: "Loop window", body: "x", scheduledFor: "2036-01-10T02:00:00Z", scheduledUntil: "2036-01-10T03:00:00Z", autoStart: true });
    const unreachable = createDb(unreachableUrl);
    const logged: string[] = [];
    let calls = 0;
    const ticks = startMaintenanceTicks({
      intervalMs: 5,
      log: (message) => logged.push(message),
      clock: () => at("2036-01-10T02:00:00Z"),
      run: (now) => (++calls <= 3 ? runDueMaintenance(now, { database: unreachable }) : tick(now)),
    });
    try {
      await vi.waitFor(async () => expect((await window(id)).status).toBe("in_progress"), { timeout: 15_000, interval: 20 });
    } finally {
      await ticks.stop();
      await unreachable.$disconnect();
    }
    // Three failed ticks are said once; then that it works again, then what it did.
    const recovered = logged.indexOf("working again");
    expect(recovered).toBe(1);
    expect(logged[0]).not.toBe("");
    expect(logged.filter((message) => message.includes("Loop window"))).toEqual(["“Loop window” started automatically"]);
    expect((await window(id)).updates.filter((update) => update.status === "in_progress")).toHaveLength(1);
  });
});
