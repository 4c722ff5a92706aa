import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/views/actor";
import { db } from "@/server/db";
import { loadDemoStory } from "@/server/demo";
import { getFeed } from "@/server/feeds";
import { editIncident, incidentServiceIds } from "@/server/incident-edits";
import { openIncident, postUpdate } from "@/server/incident-updates";
import { getPageSettings } from "@/server/settings";

// The console's "Edit incident": the incident's own fields change, audited and refused
// when stale; services join and leave without any status being rewritten.

let editor: Actor;
const serviceId = async (slug: string) => (await db().service.findUniqueOrThrow({ where: { slug } })).id;
const revisionOf = async (id: string) => (await db().incident.findUniqueOrThrow({ where: { id } })).revision;

beforeAll(async () => {
  await loadDemoStory(db(), "https://status.example.com");
  const user = await db().user.create({ data: { email: "edits@example.com", role: "editor", passwordHash: "x" } });
  editor = { id: user.id, email: user.email, name: "", role: "editor", sessionId: "s" };
});

describe("editIncident from the console", () => {
  let incidentId: string;
  let forums: string;
  let website: string;

  beforeAll(async () => {
    forums = await serviceId("forums");
    website = await serviceId("website");
    const opened = await openIncident(editor, { title: "Forum posts slow", impact: "minor", status: "investigating", body: "Posts take minutes.", affected: { [forums]: "degraded_performance" } });
    incidentId = opened.incidentId!;
  });

  it("changes the title, impact and services in one audited, public change, posting nothing", async () => {
    const version = (await getPageSettings()).version;
    const updates = await db().incidentUpdate.count({ where: { incidentId } });
    const result = await editIncident(editor, { incidentId, revision: await revisionOf(incidentId), title: "Forums read-only", impact: "major", services: [forums, website] });
    expect(result).toMatchObject({ ok: true, changed: true, message: "Saved. The public page, feeds and API show the change." });
    const incident = await db().incident.findUniqueOrThrow({ where: { id: incidentId } });
    expect(incident).toMatchObject({ title: "Forums read-only", impact: "major" });
    expect((await incidentServiceIds(editor, incidentId)).sort()).toEqual([forums, website].sort());
    expect(await db().incidentUpdate.count({ where: { incidentId } })).toBe(updates);
    // Joining the incident set no status: the website is as it was.
    expect((await db().service.findUniqueOrThrow({ where: { id: website } })).status).toBe("operational");
    const entry = await db().auditLog.findFirstOrThrow({ where: { entityId: incidentId, action: "edited" }, orderBy: { at: "desc" } });
    expect(entry.userId).toBe(editor.id);
    expect(JSON.parse(entry.before!)).toEqual({ title: "Forum posts slow", impact: "minor", services: [forums] });
    expect(JSON.parse(entry.after!)).toEqual({ title: "Forums read-only", impact: "major", services: [forums, website].sort() });
    expect((await getPageSettings()).version).toBe(version + 1);
  });

  it("gives the incident's feed entries the new title, and marks its updates changed now (what a feed's `updated` can read)", async () => {
    const entry = (await getFeed())!.entries.find((candidate) => candidate.title.startsWith("Forums read-only"))!;
    expect(entry.title).toBe("Forums read-only: Investigating");
    const update = await db().incidentUpdate.findFirstOrThrow({ where: { incidentId } });
    expect(update.updatedAt.getTime()).toBeGreaterThan(update.createdAt.getTime());
  });

  it("moves the feed entries' updated time when the incident is renamed later", async () => {
    const hourAgo = new Date(Date.now() - 3_600_000);
    await db().incidentUpdate.updateMany({ where: { incidentId }, data: { createdAt: hourAgo, displayAt: hourAgo, updatedAt: hourAgo } });
    const services = await incidentServiceIds(editor, incidentId);
    const before = Date.now();
    expect(await editIncident(editor, { incidentId, revision: await revisionOf(incidentId), title: "Forums read-only for now", impact: "major", services })).toMatchObject({ ok: true, changed: true });
    const entry = (await getFeed())!.entries.find((candidate) => candidate.title.startsWith("Forums read-only for now"))!;
    expect(entry.publishedAt).toEqual(hourAgo);
    expect(entry.updatedAt.getTime()).toBeGreaterThanOrEqual(before);
    await editIncident(editor, { incidentId, revision: await revisionOf(incidentId), title: "Forums read-only", impact: "major", services });
  });

  it("removes a service without touching its status or its history", async () => {
    const history = await db().statusChange.count({ where: { serviceId: forums } });
    const result = await editIncident(editor, { incidentId, revision: await revisionOf(incidentId), title: "Forums read-only", impact: "major", services: [website] });
    expect(result).toMatchObject({ ok: true, changed: true });
    expect(await incidentServiceIds(editor, incidentId)).toEqual([website]);
    expect((await db().service.findUniqueOrThrow({ where: { id: forums } })).status).toBe("degraded_performance");
    expect(await db().statusChange.count({ where: { serviceId: forums } })).toBe(history);
  });

  it("refuses a stale edit and writes nothing; an edit that changes nothing claims nothing", async () => {
    const stale = await revisionOf(incidentId);
    await postUpdate(editor, { incidentId, revision: stale, status: "identified", body: "Found it.", affected: {} });
    const version = (await getPageSettings()).version;
    const refused = await editIncident(editor, { incidentId, revision: stale, title: "A stale title", impact: "major", services: [website] });
    expect(refused).toMatchObject({ ok: false, error: expect.stringContaining("changed since you opened it") });
    expect((await db().incident.findUniqueOrThrow({ where: { id: incidentId } })).title).toBe("Forums read-only");
    expect((await getPageSettings()).version).toBe(version);
    const current = await revisionOf(incidentId);
    expect(await editIncident(editor, { incidentId, revision: current, title: "Forums read-only", impact: "major", services: [website] })).toMatchObject({ ok: true, changed: false, message: "Nothing changed." });
    expect(await revisionOf(incidentId)).toBe(current);
  });

  it("explains a bad title next to the field, refuses unknown services, and lets no stranger in", async () => {
    const revision = await revisionOf(incidentId);
    expect(await editIncident(editor, { incidentId, revision, title: "   ", services: [website] })).toMatchObject({ ok: false, fieldErrors: { title: "Enter the incident's name." } });
    expect(await editIncident(editor, { incidentId, revision, services: [website, "no-such-service"] })).toMatchObject({ ok: false, error: "One of the services no longer exists. Reload the page." });
    await expect(editIncident(null, { incidentId, revision, title: "Mine now" })).rejects.toThrow(/session has ended/);
    await expect(incidentServiceIds(null, incidentId)).rejects.toThrow(/session has ended/);
    expect(await incidentServiceIds(editor, incidentId)).toEqual([website]);
  });
});
