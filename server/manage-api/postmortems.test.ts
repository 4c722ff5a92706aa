import { beforeAll, describe, expect, it } from "vitest";
import * as postmortemRoute from "@/app/api/v1/pages/[pageId]/incidents/[incidentId]/postmortem/route";
import * as publishRoute from "@/app/api/v1/pages/[pageId]/incidents/[incidentId]/postmortem/publish/route";
import * as revertRoute from "@/app/api/v1/pages/[pageId]/incidents/[incidentId]/postmortem/revert/route";
import { pageId } from "@/lib/statuspage";
import type { Actor } from "@/lib/views/actor";
import { createApiKeyRow } from "@/server/api-keys";
import { db } from "@/server/db";
import { getIncident } from "@/server/incidents";
import { openIncident, postUpdate } from "@/server/incident-updates";
import { apiRequest } from "@/server/manage-api/test-request";

// The write API's postmortem (Statuspage's PUT …/postmortem, …/publish, …/revert), called
// through the route handlers against a real database: the console's rules, Statuspage's
// field names, and subscribers told once at most.

const SITE = "https://status.example.com";
let page: string;
let key: string;
let editor: Actor;

beforeAll(async () => {
  await db().pageSettings.create({ data: { id: 1, name: "Status", url: SITE, timeZone: "Europe/London" } });
  page = pageId({ url: SITE });
  key = (await createApiKeyRow({ name: "pager", role: "editor" })).key;
  const user = await db().user.create({ data: { email: "ops@example.com", role: "editor", passwordHash: "x" } });
  editor = { id: user.id, email: user.email, name: "", role: "editor", sessionId: "s" };
});

type Init = { json?: unknown; form?: string; headers?: Record<string, string> };

function request(method: string, id: string, suffix = "", init: Init = {}) {
  return apiRequest(`${SITE}/api/v1/pages/${page}/incidents/${id}/postmortem${suffix}`, { method, key, ...init });
}

const at = (incidentId: string) => ({ params: Promise.resolve({ pageId: page, incidentId }) });

async function call(handler: (request: Request, context: ReturnType<typeof at>) => Promise<Response>, method: string, id: string, suffix = "", init: Init = {}) {
  const response = await handler(request(method, id, suffix, init), at(id));
  return { response, body: await response.json() };
}

const put = (id: string, init: Init) => call(postmortemRoute.PUT, "PUT", id, "", init);
const publish = (id: string, init: Init = {}) => call(publishRoute.PUT, "PUT", id, "/publish", init);
const revert = (id: string, init: Init = {}) => call(revertRoute.PUT, "PUT", id, "/revert", init);
const told = (id: string) => db().notification.count({ where: { postmortemOfId: id } });

async function incident(title: string, resolve = true) {
  const id = (await openIncident(editor, { title, impact: "major", status: "investigating", body: "Looking.", services: [], affected: {} })).incidentId!;
  if (resolve) {
    const { revision } = await db().incident.findUniqueOrThrow({ where: { id } });
    await postUpdate(editor, { incidentId: id, revision, status: "resolved", body: "Fixed.", affected: {} });
  }
  return id;
}

describe("the write API's postmortem", () => {
  it("refuses a postmortem while the incident is open, and publishing before any text", async () => {
    const open = await incident("Still open", false);
    const refused = await put(open, { json: { postmortem: { body_draft: "Too early." } } });
    expect(refused.response.status).toBe(422);
    expect(refused.body.error).toBe("Resolve the incident first: a postmortem is written once it is over.");
    const empty = await incident("Nothing written");
    expect((await publish(empty)).body).toEqual({ error: "There is no postmortem to publish yet: PUT its text to …/postmortem (postmortem[body_draft]) first." });
    expect((await put(empty, { json: { postmortem: { body_draft: "  " } } })).body).toMatchObject({ fields: { "postmortem.body_draft": "Enter the postmortem." } });
    expect((await put(empty, { json: { body_draft: "Not wrapped." } })).response.status).toBe(422);
  });

  it("saves a draft, publishes it telling subscribers, revises it telling no one, and reverts it", async () => {
    const id = await incident("Database failover");
    const draft = await put(id, { form: `postmortem[body_draft]=${encodeURIComponent("## What happened\r\n\r\nA failover.")}` });
    expect(draft.response.status).toBe(200);
    expect(draft.body).toMatchObject({ body: null, body_updated_at: null, body_draft: "## What happened\n\nA failover.", published_at: null, notify_subscribers: false, notify_twitter: false });
    expect((await getIncident(id))!.postmortem).toBeNull();

    // A stale If-Match changes nothing.
    const etag = draft.response.headers.get("etag")!;
    expect((await publish(id, { headers: { "If-Match": 'W/"stale-1"' } })).response.status).toBe(412);
    const published = await publish(id, { json: { postmortem: { notify_subscribers: true, notify_twitter: true } }, headers: { "If-Match": etag } });
    expect(published.response.status).toBe(200);
    expect(published.body).toMatchObject({ body: "## What happened\n\nA failover.", notify_subscribers: true, published_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}[+-]\d\d:\d\d$/) });
    expect(await told(id)).toBe(1);
    expect((await getIncident(id))!.postmortem?.body).toBe("## What happened\n\nA failover.");
    expect((await publish(id)).response.status).toBe(409);

    const revised = await put(id, { json: { postmortem: { body_draft: "A failover at 10:02." } } });
    expect(revised.body).toMatchObject({ body: "A failover at 10:02.", body_draft: "A failover at 10:02.", published_at: published.body.published_at });
    expect(await db().auditLog.count({ where: { entityId: id, action: "postmortem_revised" } })).toBe(1);

    const reverted = await revert(id);
    expect(reverted.body).toMatchObject({ body: null, body_draft: "A failover at 10:02.", published_at: null });
    expect((await getIncident(id))!.postmortem).toBeNull();
    expect((await revert(id)).body).toEqual({ error: "This postmortem is not published, so there is nothing to revert." });

    // Published again: public, and the subscribers already told are not told again.
    const again = await publish(id, { form: "postmortem[notify_subscribers]=true" });
    expect(again.body).toMatchObject({ body: "A failover at 10:02.", notify_subscribers: true });
    expect(await told(id)).toBe(1);
    const audits = await db().auditLog.findMany({ where: { entityId: id, action: "postmortem_published" }, orderBy: { at: "asc" } });
    expect(audits.map((entry) => JSON.parse(entry.after!).subscribersTold)).toEqual([true, false]);
  });

  it("publishes without telling anyone unless asked", async () => {
    const id = await incident("Search slow");
    await put(id, { json: { postmortem: { body_draft: "A full disk." } } });
    expect((await publish(id)).body).toMatchObject({ body: "A full disk.", notify_subscribers: false });
    expect(await told(id)).toBe(0);
  });
});
