import { beforeAll, describe, expect, it } from "vitest";
import * as oneIncident from "@/app/api/v1/pages/[pageId]/incidents/[incidentId]/route";
import { buildAtom, buildJsonFeed, postmortemEntryId } from "@/lib/feeds";
import { pageId } from "@/lib/statuspage";
import type { Actor } from "@/lib/views/actor";
import { createApiKeyRow } from "@/server/api-keys";
import { db } from "@/server/db";
import { getFeed } from "@/server/feeds";
import { getIncident } from "@/server/incidents";
import { openIncident, planMaintenance, postUpdate } from "@/server/incident-updates";
import { getAdminPostmortem, savePostmortem } from "@/server/postmortems";
import { getPageSettings } from "@/server/settings";
import { statusApi } from "@/server/status-api";

// A resolved incident's postmortem: a private draft, then published (page, feed, API),
// then revised; refused while the incident is open, for maintenance, and when stale.

const SITE = "https://status.example.com";
let editor: Actor;
let serviceId: string;
let incidentId: string;

const revisionOf = async (id: string) => (await db().incident.findUniqueOrThrow({ where: { id } })).revision;
const version = async () => (await getPageSettings()).version;
const v2Incident = async (id: string) => ((await statusApi("incidents")).body.incidents as Record<string, unknown>[]).find((incident) => incident.id === id)!;

async function v1Incident(id: string) {
  const { key } = await createApiKeyRow({ name: `reader ${Math.random()}`, role: "editor" });
  const page = pageId({ url: SITE });
  const response = await oneIncident.GET(new Request(`${SITE}/api/v1/pages/${page}/incidents/${id}`, { headers: { Authorization: `OAuth ${key}` } }), {
    params: Promise.resolve({ pageId: page, incidentId: id }),
  });
  return response.json();
}

beforeAll(async () => {
  await db().pageSettings.create({ data: { id: 1, name: "Example status", url: SITE, timeZone: "UTC" } });
  serviceId = (await db().service.create({ data: { slug: "login", name: "Login", position: 0 } })).id;
  const user = await db().user.create({ data: { email: "ops@example.com", role: "editor", passwordHash: "x" } });
  editor = { id: user.id, email: user.email, name: "", role: "editor", sessionId: "s" };
  incidentId = (await openIncident(editor, { title: "Login outage", impact: "major", status: "investigating", body: "Looking.", displayAt: "2024-03-01T10:00", services: serviceId, affected: {} })).incidentId!;
});

describe("savePostmortem", () => {
  it("refuses an incident that is still open, and maintenance", async () => {
    const audits = await db().auditLog.count();
    const open = await savePostmortem(editor, { incidentId, revision: await revisionOf(incidentId), intent: "draft", body: "Too early." });
    expect(open).toMatchObject({ ok: false, error: "Resolve the incident first: a postmortem is written once it is over.", values: { body: "Too early." } });
    const start = new Date(Date.now() + 86_400_000);
    const window = await planMaintenance(editor, {
      title: "Upgrade",
      impact: "none",
      body: "Planned.",
      scheduledFor: start.toISOString(),
      scheduledUntil: new Date(start.getTime() + 3_600_000).toISOString(),
      services: serviceId,
    });
    expect(window).toMatchObject({ ok: true });
    expect(await savePostmortem(editor, { incidentId: window.incidentId!, revision: 1, intent: "draft", body: "No." })).toMatchObject({ ok: false, error: expect.stringMatching(/not maintenance/) });
    expect(await db().auditLog.count()).toBe(audits + 1); // the window's own "planned"
    expect((await getAdminPostmortem(editor, incidentId))?.writable).toBe(false);
  });

  it("saves a draft the public never sees: audited, the public version unmoved", async () => {
    await postUpdate(editor, { incidentId, revision: await revisionOf(incidentId), status: "resolved", body: "Fixed.", affected: {} });
    const before = await version();
    const result = await savePostmortem(editor, { incidentId, revision: await revisionOf(incidentId), intent: "draft", body: "## What happened\n\nA **bad** deploy. Draft words." });
    expect(result).toMatchObject({ ok: true, message: "Draft saved: only the console sees it." });
    expect(await version()).toBe(before);
    expect(await db().auditLog.count({ where: { entityId: incidentId, action: "postmortem_drafted" } })).toBe(1);
    expect((await getAdminPostmortem(editor, incidentId))).toMatchObject({ writable: true, body: expect.stringContaining("Draft words"), publishedAt: null });

    expect((await getIncident(incidentId))?.postmortem).toBeNull();
    expect(await v2Incident(incidentId)).toMatchObject({ postmortem_body: null, postmortem_published_at: null });
    expect(await v1Incident(incidentId)).toMatchObject({ postmortem_body: null, postmortem_published_at: null });
    const feed = (await getFeed())!;
    expect(feed.entries.map((entry) => entry.id)).not.toContain(postmortemEntryId(incidentId));
    expect(JSON.stringify(buildJsonFeed(feed.channel, feed.entries))).not.toContain("Draft words");
  });

  it("refuses a stale form and an empty text, writing nothing", async () => {
    const audits = await db().auditLog.count();
    const revision = await revisionOf(incidentId);
    expect(await savePostmortem(editor, { incidentId, revision: revision - 1, intent: "publish", body: "Stale." })).toMatchObject({ ok: false, error: expect.stringMatching(/changed since you opened it/) });
    expect(await savePostmortem(editor, { incidentId, revision, intent: "publish", body: "   " })).toMatchObject({ ok: false, fieldErrors: { body: "Enter the postmortem." } });
    expect(await savePostmortem(editor, { incidentId, revision, intent: "revise", body: "Not yet published." })).toMatchObject({ ok: false, error: expect.stringMatching(/not published yet/) });
    await expect(savePostmortem(null, { incidentId, revision, intent: "publish", body: "x" })).rejects.toThrow(/session has ended/);
    expect(await db().auditLog.count()).toBe(audits);
  });

  it("publishes it: on the read model, its own feed entry, and both APIs' postmortem fields", async () => {
    const before = await version();
    const body = "## What happened\n\nA **bad** deploy. <img src=x onerror=alert(1)>";
    expect(await savePostmortem(editor, { incidentId, revision: await revisionOf(incidentId), intent: "publish", body })).toMatchObject({ ok: true, message: expect.stringMatching(/published/) });
    expect(await version()).toBe(before + 1);
    expect(await db().auditLog.count({ where: { entityId: incidentId, action: "postmortem_published" } })).toBe(1);

    const postmortem = (await getIncident(incidentId))!.postmortem!;
    expect(postmortem.html).toContain("<strong>bad</strong>");
    expect(postmortem.html).not.toContain("<img");
    expect(postmortem.updatedAt).toEqual(postmortem.publishedAt);

    const feed = (await getFeed())!;
    const entry = feed.entries.find((candidate) => candidate.id === postmortemEntryId(incidentId))!;
    expect(entry).toMatchObject({ title: "Login outage: Postmortem", url: `${SITE}/incidents/${incidentId}#postmortem`, categories: ["Login"] });
    expect(feed.entries[0]).toBe(entry);
    expect(buildAtom(feed.channel, feed.entries)).toContain(`<id>urn:herald:incident:${incidentId}:postmortem</id>`);

    const v2 = await v2Incident(incidentId);
    expect(v2.postmortem_body).toBe(body);
    expect(v2.postmortem_published_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+00:00$/);
    expect((await v1Incident(incidentId)).postmortem_body).toBe(body);
  });

  it("revises it: the same entry, its updated time moved, shown as revised; a draft save is refused now", async () => {
    const first = (await getIncident(incidentId))!.postmortem!;
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(await savePostmortem(editor, { incidentId, revision: await revisionOf(incidentId), intent: "draft", body: "Back to draft?" })).toMatchObject({ ok: false, error: expect.stringMatching(/published meanwhile/) });
    const result = await savePostmortem(editor, { incidentId, revision: await revisionOf(incidentId), intent: "revise", body: "## What happened\n\nA bad deploy, rolled back at 10:40." });
    expect(result).toMatchObject({ ok: true, message: expect.stringMatching(/revised/) });
    const revision = await db().auditLog.findFirstOrThrow({ where: { entityId: incidentId, action: "postmortem_revised" } });
    expect(JSON.parse(revision.before!).body).toMatch(/<img/);
    expect(JSON.parse(revision.after!).body).toMatch(/rolled back/);

    const revised = (await getIncident(incidentId))!.postmortem!;
    expect(revised.publishedAt).toEqual(first.publishedAt);
    expect(revised.updatedAt.getTime()).toBeGreaterThan(first.publishedAt.getTime());
    const entries = (await getFeed())!.entries.filter((entry) => entry.id === postmortemEntryId(incidentId));
    expect(entries).toHaveLength(1);
    expect(entries[0].text).toContain("rolled back at 10:40");
    expect(entries[0].updatedAt).toEqual(revised.updatedAt);
    expect(entries[0].publishedAt).toEqual(first.publishedAt);
  });

  it("will not publish the postmortem of a draft incident", async () => {
    const draft = (await openIncident(editor, { title: "Quiet", impact: "minor", status: "resolved", body: "Over.", publish: "draft", services: serviceId, affected: {} })).incidentId!;
    expect(await savePostmortem(editor, { incidentId: draft, revision: await revisionOf(draft), intent: "publish", body: "Early." })).toMatchObject({ ok: false, error: expect.stringMatching(/Publish the incident first/) });
    expect(await savePostmortem(editor, { incidentId: draft, revision: await revisionOf(draft), intent: "draft", body: "Early." })).toMatchObject({ ok: true });
  });
});
