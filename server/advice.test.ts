import { beforeAll, describe, expect, it } from "vitest";
import * as oneIncident from "@/app/api/v1/pages/[pageId]/incidents/[incidentId]/route";
import * as incidents from "@/app/api/v1/pages/[pageId]/incidents/route";
import { buildAtom } from "@/lib/feeds";
import { pageId } from "@/lib/statuspage";
import type { Actor } from "@/lib/views/actor";
import { setAdvice } from "@/server/advice";
import { createApiKeyRow } from "@/server/api-keys";
import { db } from "@/server/db";
import { loadNotificationContent } from "@/server/delivery/notification-content";
import { getFeed } from "@/server/feeds";
import { getIncident, listOpenIncidents } from "@/server/incidents";
import { openIncident, postUpdate } from "@/server/incident-updates";
import { getPageSettings } from "@/server/settings";
import { statusApi } from "@/server/status-api";

// The pinned "What you should do": written by editors, refused when stale or too long,
// audited, and then first on the public read model, the API, every feed entry and mail.

const SITE = "https://status.example.com";
const ADVICE = "**Your password has been reset.** Change it anywhere else you used it.";
let editor: Actor;
let incidentId: string;
let serviceId: string;

const revisionOf = async (id: string) => (await db().incident.findUniqueOrThrow({ where: { id } })).revision;
const version = async () => (await getPageSettings()).version;

beforeAll(async () => {
  await db().pageSettings.create({ data: { id: 1, name: "Example status", url: SITE, timeZone: "UTC" } });
  serviceId = (await db().service.create({ data: { slug: "login", name: "Login", position: 0 } })).id;
  const user = await db().user.create({ data: { email: "ops@example.com", role: "editor", passwordHash: "x" } });
  editor = { id: user.id, email: user.email, name: "", role: "editor", sessionId: "s" };
  const opened = await openIncident(editor, { title: "Accounts breached", impact: "critical", status: "identified", body: "Someone got in.", displayAt: "2024-03-01T10:00", services: serviceId, affected: {} });
  incidentId = opened.incidentId!;
});

describe("setAdvice", () => {
  it("pins the advice: written with its audit entry (before and after), public at once, rendered by the one sanitiser", async () => {
    const before = await version();
    const result = await setAdvice(editor, { incidentId, revision: await revisionOf(incidentId), advice: `  ${ADVICE} <script>alert(1)</script>  ` });
    expect(result).toMatchObject({ ok: true, message: expect.stringMatching(/^Advice saved/) });
    expect(await version()).toBe(before + 1);
    const entry = await db().auditLog.findFirstOrThrow({ where: { entityId: incidentId, action: "advice_set" } });
    expect(JSON.parse(entry.before!)).toEqual({ advice: null });
    expect(JSON.parse(entry.after!)).toEqual({ advice: `${ADVICE} <script>alert(1)</script>` });
    expect(entry.userId).toBe(editor.id);

    const [open] = await listOpenIncidents();
    expect(open.advice?.html).toContain("<strong>Your password has been reset.</strong>");
    expect(open.advice?.html).not.toContain("<script>");
    expect(open.advice?.updatedAt.getTime()).toBeGreaterThan(Date.now() - 60_000);
  });

  it("refuses a stale form, too long a text and control characters, writing nothing", async () => {
    const before = await version();
    const audits = await db().auditLog.count();
    const revision = await revisionOf(incidentId);
    const stale = await setAdvice(editor, { incidentId, revision: revision - 1, advice: "Something else." });
    expect(stale).toMatchObject({ ok: false, error: expect.stringMatching(/changed since you opened it/), values: { advice: "Something else." } });
    expect(await setAdvice(editor, { incidentId, revision, advice: "x".repeat(1_001) })).toMatchObject({ ok: false, fieldErrors: { advice: expect.stringMatching(/under 1,000 characters/) } });
    expect(await setAdvice(editor, { incidentId, revision, advice: "Bell\u0007" })).toMatchObject({ ok: false, fieldErrors: { advice: expect.stringMatching(/control characters/) } });
    expect(await setAdvice(editor, { incidentId: "no-such-incident", revision, advice: "Hello." })).toMatchObject({ ok: false, error: "That incident no longer exists." });
    await expect(setAdvice(null, { incidentId, revision, advice: "Hello." })).rejects.toThrow(/session has ended/);
    expect(await version()).toBe(before);
    expect(await db().auditLog.count()).toBe(audits);
    expect((await getIncident(incidentId))?.advice?.body).toMatch(/^\*\*Your password/);
  });

  it("leads every feed entry of the incident, and a later change moves the entries' updated time", async () => {
    const feed = (await getFeed())!;
    const [entry] = feed.entries;
    expect(entry.html.indexOf("<h2>What you should do</h2>")).toBe("<section>".length);
    expect(entry.html.indexOf("Your password has been reset")).toBeLessThan(entry.html.indexOf("Someone got in."));
    expect(entry.text).toMatch(/^What you should do:\nYour password has been reset\. Change it anywhere else you used it\./);
    // The update was displayed in 2024; the advice set now changed the entry now.
    expect(entry.publishedAt.toISOString()).toBe("2024-03-01T10:00:00.000Z");
    expect(entry.updatedAt.getTime()).toBeGreaterThan(Date.now() - 60_000);
    expect(buildAtom(feed.channel, feed.entries)).toContain("&lt;h2&gt;What you should do&lt;/h2&gt;");
  });

  it("starts the notification mail with the advice: a boxed section in HTML, a plain one in text", async () => {
    await postUpdate(editor, { incidentId, revision: await revisionOf(incidentId), status: "identified", body: "We reset every password.", affected: {} });
    const notification = await db().notification.findFirstOrThrow({ where: { update: { incidentId, body: "We reset every password." } } });
    const content = (await loadNotificationContent(notification.id))!;
    expect(content.advice).toMatch(/^\*\*Your password has been reset/);
    expect(content.text).toMatch(/^WHAT YOU SHOULD DO\nYour password has been reset\. Change it anywhere else you used it\./);
    expect(content.text.indexOf("WHAT YOU SHOULD DO")).toBeLessThan(content.text.indexOf("Accounts breached"));
    const box = content.html.indexOf('<div role="region" aria-labelledby="advice"');
    expect(box).toBeGreaterThan(0);
    expect(box).toBeLessThan(content.html.indexOf("<h1"));
    expect(content.html).toContain("<strong>Your password has been reset.</strong>");
    expect(content.html).not.toContain("<script>");
  });

  it("clears it: gone from the read model, the API and the mail, and the feed entries move again", async () => {
    const feedBefore = (await getFeed())!.entries[0].updatedAt;
    await new Promise((resolve) => setTimeout(resolve, 5));
    const result = await setAdvice(editor, { incidentId, revision: await revisionOf(incidentId), intent: "clear", advice: "ignored: the clear button empties it" });
    expect(result).toMatchObject({ ok: true, message: "Advice cleared." });
    expect(await db().auditLog.count({ where: { entityId: incidentId, action: "advice_cleared" } })).toBe(1);
    expect((await getIncident(incidentId))?.advice).toBeNull();
    const [apiIncident] = (await statusApi("incidents")).body.incidents as Record<string, unknown>[];
    expect(apiIncident.advice).toBeNull();
    const [entry] = (await getFeed())!.entries;
    expect(entry.html).not.toContain("What you should do");
    expect(entry.updatedAt.getTime()).toBeGreaterThan(feedBefore.getTime());
    expect(await setAdvice(editor, { incidentId, revision: await revisionOf(incidentId), advice: "" })).toMatchObject({ ok: true, message: "There is no advice to clear." });
  });

  it("keeps a draft's advice private: audited, but the public version stays", async () => {
    const draft = await openIncident(editor, { title: "Quiet draft", impact: "minor", status: "investigating", body: "Not yet.", publish: "draft", services: serviceId, affected: {} });
    const before = await version();
    const result = await setAdvice(editor, { incidentId: draft.incidentId!, revision: await revisionOf(draft.incidentId!), advice: "Secret advice." });
    expect(result).toMatchObject({ ok: true, message: expect.stringMatching(/when the incident is published/) });
    expect(await version()).toBe(before);
    expect(await db().auditLog.count({ where: { entityId: draft.incidentId!, action: "advice_set" } })).toBe(1);
    expect(JSON.stringify((await statusApi("incidents")).body)).not.toContain("Secret advice");
    expect((await getFeed())!.entries.map((entry) => entry.html).join()).not.toContain("Secret advice");
  });
});

describe("the write API's incident[advice]", () => {
  let key: string;
  const page = pageId({ url: SITE });
  const at = <P extends Record<string, string>>(params: P) => ({ params: Promise.resolve({ pageId: page, ...params }) });
  const send = (method: string, path: string, init: { json?: unknown; form?: string }) =>
    new Request(`${SITE}/api/v1/pages/${page}/incidents${path}`, {
      method,
      headers: { Authorization: `OAuth ${key}`, "Content-Type": init.form !== undefined ? "application/x-www-form-urlencoded" : "application/json" },
      body: init.form ?? JSON.stringify(init.json),
    });

  beforeAll(async () => {
    key = (await createApiKeyRow({ name: "pager", role: "editor" })).key;
  });

  it("sets it on POST in the incident's own transaction, and a refused advice leaves no incident behind", async () => {
    const created = await incidents.POST(send("POST", "", { json: { incident: { name: "Login outage", advice: "Use the app meanwhile." } } }), at({}));
    expect(created.status).toBe(201);
    const body = await created.json();
    expect(body).toMatchObject({ advice: "Use the app meanwhile.", postmortem_body: null, postmortem_published_at: null });
    expect((await getIncident(body.id))?.advice?.body).toBe("Use the app meanwhile.");

    const count = await db().incident.count();
    const refused = await incidents.POST(send("POST", "", { json: { incident: { name: "Never written", advice: "x".repeat(1_001) } } }), at({}));
    expect(refused.status).toBe(422);
    expect((await refused.json()).fields).toHaveProperty(["incident.advice"]);
    expect(await db().incident.count()).toBe(count);
  });

  it("changes and clears it on PATCH (form-encoded too), all steps or none", async () => {
    const id = (await (await incidents.POST(send("POST", "", { json: { incident: { name: "Forums down" } } }), at({}))).json()).id as string;
    const patched = await oneIncident.PATCH(send("PATCH", `/${id}`, { form: "incident[advice]=Read+the+FAQ.&incident[name]=Forums+offline" }), at({ incidentId: id }));
    expect(patched.status).toBe(200);
    expect(await patched.json()).toMatchObject({ name: "Forums offline", advice: "Read the FAQ." });

    const refused = await oneIncident.PATCH(send("PATCH", `/${id}`, { json: { incident: { name: "Renamed by a refused request", advice: "Bad\u0000" } } }), at({ incidentId: id }));
    expect(refused.status).toBe(422);
    expect((await db().incident.findUniqueOrThrow({ where: { id } })).title).toBe("Forums offline");

    const cleared = await oneIncident.PATCH(send("PATCH", `/${id}`, { json: { incident: { advice: null } } }), at({ incidentId: id }));
    expect(await cleared.json()).toMatchObject({ advice: null });
    expect(await db().auditLog.count({ where: { entityId: id, action: { in: ["advice_set", "advice_cleared"] } } })).toBe(2);
  });
});
