import { beforeAll, describe, expect, it } from "vitest";
import * as oneIncident from "@/app/api/v1/pages/[pageId]/incidents/[incidentId]/route";
import * as correction from "@/app/api/v1/pages/[pageId]/incidents/[incidentId]/incident_updates/[incidentUpdateId]/route";
import * as activeMaintenance from "@/app/api/v1/pages/[pageId]/incidents/active_maintenance/route";
import * as incidents from "@/app/api/v1/pages/[pageId]/incidents/route";
import * as scheduled from "@/app/api/v1/pages/[pageId]/incidents/scheduled/route";
import * as unresolved from "@/app/api/v1/pages/[pageId]/incidents/unresolved/route";
import * as upcoming from "@/app/api/v1/pages/[pageId]/incidents/upcoming/route";
import { pageId } from "@/lib/statuspage";
import { createApiKeyRow } from "@/server/api-keys";
import { db } from "@/server/db";
import { getIncident } from "@/server/incidents";
import { UNAUTHENTICATED } from "@/server/manage-api/http";
import { apiRequest } from "@/server/manage-api/test-request";

// The write API's incidents, called through the route handlers against a real database:
// JSON and form bodies, who may do what, refusals a person can read, and the same rows,
// audit entries and notifications the console's own forms produce.

const SITE = "https://status.example.com";
let page: string;
let editor: { key: string; id: string };
let admin: { key: string; id: string };
let api: string;
let db1: string;

beforeAll(async () => {
  await db().pageSettings.create({ data: { id: 1, name: "Status", url: SITE, timeZone: "Europe/London" } });
  page = pageId({ url: SITE });
  api = (await db().service.create({ data: { slug: "api", name: "API", position: 0 } })).id;
  db1 = (await db().service.create({ data: { slug: "database", name: "Database", position: 1 } })).id;
  editor = await createApiKeyRow({ name: "pager", role: "editor" });
  admin = await createApiKeyRow({ name: "ops admin", role: "admin" });
});

type Init = { key?: string | null; json?: unknown; form?: string; headers?: Record<string, string> };

function request(method: string, path: string, { key = editor.key, ...init }: Init = {}) {
  return apiRequest(`${SITE}/api/v1/pages/${page}/incidents${path}`, { method, key, ...init });
}

const at = <P extends Record<string, string>>(params: P) => ({ params: Promise.resolve({ pageId: page, ...params }) });

async function create(incident: Record<string, unknown>, init: Init = {}) {
  const response = await incidents.POST(request("POST", "", { json: { incident }, ...init }), at({}));
  return { response, body: await response.json() };
}

const get = async (id: string) => (await oneIncident.GET(request("GET", `/${id}`), at({ incidentId: id }))).json();

describe("POST incidents", () => {
  it("opens an incident from JSON: 201, the object, its ETag, the components' statuses, the key in the audit log", async () => {
    const { response, body } = await create({ name: "Elevated API errors", status: "identified", body: "A bad deploy.", components: { [api]: "partial_outage" } });
    expect(response.status).toBe(201);
    expect(response.headers.get("ETag")).toBe(`W/"${body.id}-1"`);
    expect(body).toMatchObject({
      name: "Elevated API errors",
      status: "identified",
      impact: "major",
      impact_override: "major",
      page_id: page,
      draft: false,
      deliver_notifications: true,
      backfilled: false,
      postmortem_body: null,
      metadata: {},
      scheduled_for: null,
      components: [{ id: api, status: "partial_outage" }],
      incident_updates: [{ status: "identified", body: "A bad deploy.", affected_components: [{ code: api, old_status: "operational", new_status: "partial_outage" }], deliver_notifications: true }],
    });
    expect((await db().service.findUniqueOrThrow({ where: { id: api } })).status).toBe("partial_outage");
    expect(await db().notification.count({ where: { update: { incidentId: body.id } } })).toBe(1);
    const entry = await db().auditLog.findFirstOrThrow({ where: { entityId: body.id, action: "opened" } });
    expect(entry).toMatchObject({ apiKeyId: editor.id, userId: null });
    // Published at once: the public read model has it.
    expect(await getIncident(body.id)).not.toBeNull();
  });

  it("opens one from a Rails-style form, with component ids and booleans as text", async () => {
    const form = `incident[name]=Login+slow&incident[status]=investigating&incident[impact_override]=minor&incident[component_ids][]=${db1}&incident[deliver_notifications]=false`;
    const response = await incidents.POST(request("POST", "", { form }), at({}));
    const body = await response.json();
    expect(response.status).toBe(201);
    expect(body).toMatchObject({ name: "Login slow", impact: "minor", deliver_notifications: false, components: [{ id: db1 }] });
    expect(body.incident_updates[0]).toMatchObject({ body: "We are investigating this issue.", deliver_notifications: false });
    // deliver_notifications=false: subscribers and webhooks hear nothing.
    expect(await db().notification.count({ where: { update: { incidentId: body.id } } })).toBe(0);
  });

  it("refuses invalid fields with 422 naming each, writing nothing", async () => {
    const before = await db().incident.count();
    const { response, body } = await create({ status: "on_fire", components: { [api]: "sideways" } });
    expect(response.status).toBe(422);
    expect(body.fields).toMatchObject({
      "incident.name": "Enter the incident's name.",
      "incident.status": expect.stringMatching(/^Choose one of: investigating/),
      [`incident.components.${api}`]: expect.stringMatching(/^Choose one of: operational/),
    });
    const unknown = await create({ name: "x", component_ids: ["nope"] });
    expect([unknown.response.status, unknown.body.fields]).toEqual([422, { "incident.component_ids": "No component has the id nope." }]);
    const unwrapped = await incidents.POST(request("POST", "", { json: { name: "x" } }), at({}));
    expect([unwrapped.status, (await unwrapped.json()).fields]).toEqual([422, { incident: 'Send the fields inside "incident", e.g. {"incident": {"name": "…"}}.' }]);
    expect(await db().incident.count()).toBe(before);
  });

  it("backfills a past incident: resolved, dated then, never notified, statuses untouched", async () => {
    const { response, body } = await create({ name: "Outage last week", backfilled: true, backfill_date: "2026-11-20", component_ids: [api], body: "It happened." });
    expect(response.status).toBe(201);
    expect(body).toMatchObject({ status: "resolved", backfilled: true, deliver_notifications: false, started_at: "2026-11-20T00:00:00.000+00:00" });
    expect(await db().notification.count({ where: { update: { incidentId: body.id } } })).toBe(0);
    expect((await db().service.findUniqueOrThrow({ where: { id: api } })).status).toBe("partial_outage");
    const refused = await create({ name: "x", backfilled: true });
    expect(refused.body.fields).toEqual({ "incident.backfill_date": "A backfilled incident needs backfill_date (when it happened)." });
  });

  it("saves a draft the public never sees, and publishes it with draft: false", async () => {
    const { body } = await create({ name: "Quiet draft", components: { [db1]: "degraded_performance" }, draft: true });
    expect(body.draft).toBe(true);
    expect(await getIncident(body.id)).toBeNull();
    expect((await db().service.findUniqueOrThrow({ where: { id: db1 } })).status).toBe("operational");
    const published = await oneIncident.PATCH(request("PATCH", `/${body.id}`, { json: { incident: { draft: false } } }), at({ incidentId: body.id }));
    expect(published.status).toBe(200);
    expect((await published.json()).draft).toBe(false);
    expect(await getIncident(body.id)).not.toBeNull();
    expect((await db().service.findUniqueOrThrow({ where: { id: db1 } })).status).toBe("degraded_performance");
  });

  it("plans maintenance from scheduled_for, with its automation settings", async () => {
    const start = new Date(Date.now() + 2 * 86_400_000);
    const end = new Date(start.getTime() + 3_600_000);
    const { response, body } = await create({
      name: "Database upgrade",
      status: "scheduled",
      scheduled_for: start.toISOString(),
      scheduled_until: end.toISOString(),
      scheduled_remind_prior: true,
      scheduled_auto_in_progress: true,
      scheduled_auto_completed: "true",
      scheduled_announce_prior: 1440,
      component_ids: [db1],
    });
    expect(response.status).toBe(201);
    expect(body).toMatchObject({ status: "scheduled", scheduled_remind_prior: true, scheduled_auto_in_progress: true, scheduled_auto_completed: true, components: [{ id: db1 }] });
    expect(Math.abs(Date.parse(body.scheduled_for) - start.getTime())).toBeLessThan(1000);
    const row = await db().incident.findUniqueOrThrow({ where: { id: body.id } });
    expect(row).toMatchObject({ kind: "maintenance", autoStart: true, autoComplete: true, remindBeforeMinutes: 60, announceBeforeMinutes: 1440 });
    const refused = await create({ name: "x", status: "scheduled" });
    expect(Object.keys(refused.body.fields)).toEqual(["incident.scheduled_for", "incident.scheduled_until"]);
    // Announcing ahead is maintenance's, within 90 days.
    const early = await create({ name: "x", scheduled_for: start.toISOString(), scheduled_until: end.toISOString(), scheduled_announce_prior: 90 * 24 * 60 + 1 });
    expect(early.body.fields).toEqual({ "incident.scheduled_announce_prior": "At most 129600 minutes (90 days) before the start." });
    const incident = await create({ name: "x", scheduled_announce_prior: 60 });
    expect(incident.body.fields).toEqual({ "incident.scheduled_announce_prior": expect.stringContaining("Only scheduled maintenance is announced ahead") });
  });

  it("creates one incident for an Idempotency-Key however often it is sent", async () => {
    const headers = { "Idempotency-Key": "deploy-42" };
    const first = await create({ name: "Retried" }, { headers });
    const second = await create({ name: "Retried" }, { headers });
    expect(second.response.headers.get("Idempotent-Replayed")).toBe("true");
    expect(second.body.id).toBe(first.body.id);
    expect(await db().incident.count({ where: { title: "Retried" } })).toBe(1);
  });
});

describe("keys and pages", () => {
  it("answers 401 alike for a missing, wrong, revoked or expired key", async () => {
    const revoked = await createApiKeyRow({ name: "old", role: "editor" });
    await db().apiKey.update({ where: { id: revoked.id }, data: { revokedAt: new Date() } });
    const expired = await createApiKeyRow({ name: "lapsed", role: "editor", expiresAt: new Date(Date.now() - 60_000) });
    for (const key of [null, "hrld_guess", revoked.key, expired.key]) {
      const response = await incidents.GET(request("GET", "", { key }), at({}));
      expect([response.status, await response.json()]).toEqual([401, { error: UNAUTHENTICATED }]);
    }
  });

  it("answers 404 for another page's id and for an unknown incident", async () => {
    const wrongPage = await incidents.GET(request("GET", ""), { params: Promise.resolve({ pageId: "abcdefabcdef" }) });
    expect(wrongPage.status).toBe(404);
    const missing = await oneIncident.GET(request("GET", "/nope"), at({ incidentId: "nope" }));
    expect([missing.status, (await missing.json()).error]).toEqual([404, "There is no incident with this id. It may have been deleted."]);
  });
});

describe("GET incidents", () => {
  it("lists everything newest first, drafts included, searching names and update text", async () => {
    const all = await (await incidents.GET(request("GET", ""), at({}))).json();
    expect(all.map((incident: { name: string }) => incident.name)).toEqual(expect.arrayContaining(["Elevated API errors", "Quiet draft", "Database upgrade"]));
    const byBody = await (await incidents.GET(request("GET", "?q=BAD+Deploy"), at({}))).json();
    expect(byBody.map((incident: { name: string }) => incident.name)).toEqual(["Elevated API errors"]);
    const paged = await (await incidents.GET(request("GET", "?limit=1&page=2"), at({}))).json();
    expect(paged).toHaveLength(1);
    expect(paged[0].id).toBe(all[1].id);
    const bad = await incidents.GET(request("GET", "?limit=0"), at({}));
    expect([bad.status, (await bad.json()).fields]).toEqual([422, { limit: "limit starts at 1." }]);
    // A NUL made PostgreSQL fail the query (500); it is refused like any bad field.
    const nul = await incidents.GET(request("GET", "?q=a%00b"), at({}));
    expect([nul.status, (await nul.json()).fields]).toEqual([422, { q: "q cannot contain control characters." }]);
  });

  it("lists unresolved incidents and maintenance by where it stands", async () => {
    const names = async (handler: typeof unresolved.GET) => (await (await handler(request("GET", "/x"), at({}))).json()).map((incident: { name: string }) => incident.name);
    const open = await names(unresolved.GET);
    expect(open).toContain("Elevated API errors");
    expect(open).not.toContain("Outage last week");
    expect(open).not.toContain("Database upgrade");
    expect(await names(scheduled.GET)).toEqual(["Database upgrade"]);
    expect(await names(upcoming.GET)).toEqual(["Database upgrade"]);
    expect(await names(activeMaintenance.GET)).toEqual([]);
  });
});

describe("PATCH incidents/{id}", () => {
  let id: string;
  beforeAll(async () => {
    id = (await create({ name: "Payments failing", components: { [api]: "major_outage" } })).body.id;
  });
  const patch = (init: Init) => oneIncident.PATCH(request("PATCH", `/${id}`, init), at({ incidentId: id }));

  it("changes all or nothing: a refused status leaves the new name unwritten too", async () => {
    const before = await db().incident.findUniqueOrThrow({ where: { id } });
    const audits = await db().auditLog.count();
    const response = await patch({ json: { incident: { name: "Renamed by a failing request", status: "completed" } } });
    expect(response.status).toBe(422);
    expect((await response.json()).fields).toHaveProperty(["incident.status"]);
    const after = await db().incident.findUniqueOrThrow({ where: { id } });
    expect({ title: after.title, revision: after.revision }).toEqual({ title: before.title, revision: before.revision });
    expect(await db().auditLog.count()).toBe(audits);
  });

  it("posts the next update from a form body, components too", async () => {
    const response = await patch({ form: `incident[status]=monitoring&incident[body]=Fix+deployed.&incident[components][${api}]=operational` });
    const body = await response.json();
    expect(response.status).toBe(200);
    expect(body.status).toBe("monitoring");
    expect(body.incident_updates[0]).toMatchObject({ status: "monitoring", body: "Fix deployed.", affected_components: [{ code: api, new_status: "operational" }] });
    expect(body.monitoring_at).not.toBeNull();
    expect(response.headers.get("ETag")).toBe(`W/"${id}-2"`);
    expect(await db().notification.count({ where: { update: { incidentId: id } } })).toBe(2);
  });

  it("edits the name and impact (audited), and posts nothing", async () => {
    const updates = await db().incidentUpdate.count({ where: { incidentId: id } });
    const body = await (await patch({ json: { incident: { name: "Card payments failing", impact_override: "minor" } } })).json();
    expect(body).toMatchObject({ name: "Card payments failing", impact: "minor" });
    expect(await db().incidentUpdate.count({ where: { incidentId: id } })).toBe(updates);
    const entry = await db().auditLog.findFirstOrThrow({ where: { entityId: id, action: "edited" } });
    expect(entry.apiKeyId).toBe(editor.id);
    expect(JSON.parse(entry.before!)).toEqual({ title: "Payments failing", impact: "critical" });
    expect(JSON.parse(entry.after!)).toEqual({ title: "Card payments failing", impact: "minor" });
  });

  it("refuses a stale If-Match with 412 and accepts the current one (PUT too)", async () => {
    const current = (await oneIncident.GET(request("GET", `/${id}`), at({ incidentId: id }))).headers.get("ETag")!;
    const stale = await patch({ json: { incident: { status: "resolved" } }, headers: { "If-Match": `W/"${id}-1"` } });
    expect(stale.status).toBe(412);
    expect((await get(id)).status).toBe("monitoring");
    const fresh = await oneIncident.PUT(request("PUT", `/${id}`, { json: { incident: { status: "resolved", deliver_notifications: false } }, headers: { "If-Match": current } }), at({ incidentId: id }));
    expect(fresh.status).toBe(200);
    const body = await fresh.json();
    expect(body.status).toBe("resolved");
    expect(body.incident_updates[0]).toMatchObject({ body: "This incident has been resolved.", deliver_notifications: false });
    expect(body.resolved_at).not.toBeNull();
  });

  it("refuses a status that does not fit the kind, and a schedule on an incident", async () => {
    const wrongKind = await patch({ json: { incident: { status: "in_progress" } } });
    expect([wrongKind.status, (await wrongKind.json()).fields]).toEqual([422, { "incident.status": "Choose one of the statuses offered." }]);
    const schedule = await patch({ json: { incident: { scheduled_for: new Date().toISOString() } } });
    expect(schedule.status).toBe(422);
  });

  it("moves a maintenance window", async () => {
    const start = new Date(Date.now() + 86_400_000);
    const end = new Date(start.getTime() + 7_200_000);
    const { body: window } = await create({ name: "Network work", scheduled_for: start.toISOString(), scheduled_until: end.toISOString() });
    const later = new Date(end.getTime() + 3_600_000);
    const response = await oneIncident.PATCH(request("PATCH", `/${window.id}`, { json: { incident: { scheduled_until: later.toISOString() } } }), at({ incidentId: window.id }));
    expect(response.status).toBe(200);
    expect(Math.abs(Date.parse((await response.json()).scheduled_until) - later.getTime())).toBeLessThan(1000);
  });
});

describe("incident_updates/{id}", () => {
  it("corrects an update's text and display time", async () => {
    const { body: incident } = await create({ name: "Typo", body: "Teh API is down." });
    const updateId = incident.incident_updates[0].id;
    const displayAt = new Date(Date.now() - 3_600_000);
    displayAt.setMilliseconds(0);
    const response = await correction.PATCH(
      request("PATCH", `/${incident.id}/incident_updates/${updateId}`, { json: { incident_update: { body: "The API is down.", display_at: displayAt.toISOString() } } }),
      at({ incidentId: incident.id, incidentUpdateId: updateId }),
    );
    expect(response.status).toBe(200);
    const update = await response.json();
    expect(update).toMatchObject({ id: updateId, body: "The API is down." });
    expect(Date.parse(update.display_at)).toBe(displayAt.getTime());
    expect(await db().auditLog.count({ where: { entityId: updateId, action: "update_corrected", apiKeyId: editor.id } })).toBe(1);
    const future = await correction.PATCH(
      request("PATCH", `/${incident.id}/incident_updates/${updateId}`, { form: `incident_update[display_at]=${encodeURIComponent(new Date(Date.now() + 86_400_000).toISOString())}` }),
      at({ incidentId: incident.id, incidentUpdateId: updateId }),
    );
    expect([future.status, (await future.json()).fields]).toEqual([422, { "incident_update.display_at": "A display time cannot be in the future." }]);
    const other = await correction.PATCH(request("PATCH", `/${incident.id}/incident_updates/nope`, { json: { incident_update: { body: "x" } } }), at({ incidentId: incident.id, incidentUpdateId: "nope" }));
    expect(other.status).toBe(404);
  });
});

describe("DELETE incidents/{id}", () => {
  it("needs an admin key; answers with the incident as it was; it leaves the public pages", async () => {
    const { body: incident } = await create({ name: "Mistake" });
    const refused = await oneIncident.DELETE(request("DELETE", `/${incident.id}`), at({ incidentId: incident.id }));
    expect([refused.status, (await refused.json()).error]).toEqual([403, "This needs the admin role; pager has the editor role."]);
    const version = (await db().pageSettings.findUniqueOrThrow({ where: { id: 1 } })).version;
    const response = await oneIncident.DELETE(request("DELETE", `/${incident.id}`, { key: admin.key }), at({ incidentId: incident.id }));
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ id: incident.id, name: "Mistake" });
    expect(await db().incident.findUnique({ where: { id: incident.id } })).toBeNull();
    expect(await getIncident(incident.id)).toBeNull();
    expect((await db().pageSettings.findUniqueOrThrow({ where: { id: 1 } })).version).toBeGreaterThan(version);
    expect(await db().auditLog.count({ where: { entityId: incident.id, action: "deleted", apiKeyId: admin.id } })).toBe(1);
  });
});
