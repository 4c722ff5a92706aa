import { beforeAll, describe, expect, it } from "vitest";
import { planMaintenanceSchema } from "@/lib/schemas/admin";
import type { Actor } from "@/lib/views/actor";
import { db } from "@/server/db";
import { planMaintenance } from "@/server/incident-updates";
import { listOpenMaintenance } from "@/server/incidents";
import { runDueMaintenance } from "@/server/maintenance";
import { statusApi } from "@/server/status-api";

// "Show on the public page from a chosen time before": the upcoming lists leave a window
// out until then, and the maintenance clock makes the front re-render when it comes.

let editor: Actor;
const HOUR = 60 * 60_000;
const at = (iso: string) => new Date(iso);
const version = async () => (await db().pageSettings.findUniqueOrThrow({ where: { id: 1 } })).version;
const tick = (now: Date) => runDueMaintenance(now, { log: () => {} });
const titles = async (now: Date) => (await listOpenMaintenance(now)).map((window) => window.title);

beforeAll(async () => {
  await db().pageSettings.create({ data: { id: 1, name: "Example status", url: "https://status.example.com", timeZone: "UTC" } });
  const user = await db().user.create({ data: { email: "planner@example.com", role: "editor", passwordHash: "x" } });
  editor = { id: user.id, email: user.email, name: "", role: "editor", sessionId: "s" };
});

describe("the announce field", () => {
  const base = { title: "Window", body: "x", scheduledStart: "2099-01-10T02:00", scheduledEnd: "2099-01-10T04:00" };

  it("reads the console's choices and the API's minutes, and says what is wrong", () => {
    const minutes = (input: Record<string, unknown>) => planMaintenanceSchema.safeParse({ ...base, ...input });
    expect(minutes({ announceBeforeMinutes: "" }).success).toBe(true);
    expect(minutes({ announceBeforeMinutes: "10080" }).success).toBe(true);
    expect(minutes({ announceBeforeMinutes: "custom", announceCustomHours: "72" }).success).toBe(true);
    expect(minutes({ announceBeforeMinutes: null }).success).toBe(true);
    const custom = minutes({ announceBeforeMinutes: "custom", announceCustomHours: "" });
    expect(custom.success).toBe(false);
    expect(custom.error!.issues).toEqual([expect.objectContaining({ path: ["announceCustomHours"], message: "Enter whole hours between 1 and 2,160 (90 days)." })]);
    const tooFar = minutes({ announceBeforeMinutes: 200_000 });
    expect(tooFar.error!.issues).toEqual([expect.objectContaining({ path: ["announceBeforeMinutes"] })]);
    expect(minutes({ announceBeforeMinutes: "soon" }).success).toBe(false);
  });

  it("is stored by planMaintenance, and refused with the field named", async () => {
    const planned = await planMaintenance(editor, { ...base, announceBeforeMinutes: "custom", announceCustomHours: "36" });
    expect(planned).toMatchObject({ ok: true });
    expect((await db().incident.findUniqueOrThrow({ where: { id: planned.incidentId! } })).announceBeforeMinutes).toBe(36 * 60);
    await db().incident.delete({ where: { id: planned.incidentId! } });
    expect(await planMaintenance(editor, { ...base, announceBeforeMinutes: "custom", announceCustomHours: "0" })).toMatchObject({
      ok: false,
      fieldErrors: { announceCustomHours: "Enter whole hours between 1 and 2,160 (90 days)." },
    });
  });
});

describe("upcoming maintenance with an announce time", () => {
  it("joins the page's list and the API only from its announce time, and the front is told once", async () => {
    await planMaintenance.run(editor, { title: "At once", body: "x", scheduledFor: "2098-06-10T10:00:00Z", scheduledUntil: "2098-06-10T11:00:00Z" });
    await planMaintenance.run(editor, { title: "A day ahead", body: "x", scheduledFor: "2098-06-10T12:00:00Z", scheduledUntil: "2098-06-10T13:00:00Z", announceBeforeMinutes: 1440 });
    await planMaintenance.run(editor, { title: "Drafted", body: "x", scheduledFor: "2098-06-10T12:00:00Z", scheduledUntil: "2098-06-10T13:00:00Z", announceBeforeMinutes: 60, publish: "draft" });

    const announceAt = at("2098-06-09T12:00:00Z");
    expect(await titles(new Date(announceAt.getTime() - 1000))).toEqual(["At once"]);
    expect(await titles(announceAt)).toEqual(["At once", "A day ahead"]);
    // By the real clock, today: not yet, in the upcoming and summary answers alike.
    const upcoming = (await statusApi("scheduled-maintenances/upcoming")).body as { scheduled_maintenances: { name: string }[] };
    expect(upcoming.scheduled_maintenances.map((window) => window.name)).toEqual(["At once"]);
    const summary = (await statusApi("summary")).body as { scheduled_maintenances: { name: string }[] };
    expect(summary.scheduled_maintenances.map((window) => window.name)).toEqual(["At once"]);
    // The whole list of maintenance, like the window's own page, shows it from its announcement.
    const all = (await statusApi("scheduled-maintenances")).body as { scheduled_maintenances: { name: string }[] };
    expect(all.scheduled_maintenances.map((window) => window.name)).toContain("A day ahead");

    const before = await version();
    await tick(new Date(announceAt.getTime() - 5000));
    expect(await version()).toBe(before);
    await tick(new Date(announceAt.getTime() + 2000));
    expect(await version()).toBe(before + 1);
    // Every later tick, and another worker's, finds it done.
    await tick(new Date(announceAt.getTime() + 7000));
    await tick(new Date(announceAt.getTime() + 12 * HOUR));
    expect(await version()).toBe(before + 1);
  });

  it("needs no bump when a public change came after the announce time anyway", async () => {
    const start = new Date(Date.now() + 2 * HOUR);
    // Announced an hour ahead, planned two hours ahead: the next tick an hour from now is due.
    await planMaintenance.run(editor, { title: "Soon", body: "x", scheduledFor: start.toISOString(), scheduledUntil: new Date(start.getTime() + HOUR).toISOString(), announceBeforeMinutes: 60 });
    const announceAt = new Date(start.getTime() - HOUR);
    expect((await listOpenMaintenance()).map((window) => window.title)).not.toContain("Soon");
    // Another public change after the announce time (the settings' time is moved as a write would).
    await db().pageSettings.update({ where: { id: 1 }, data: { version: { increment: 1 }, updatedAt: new Date(announceAt.getTime() + 1000) } });
    const before = await version();
    await tick(new Date(announceAt.getTime() + 5000));
    expect(await version()).toBe(before);
  });
});
