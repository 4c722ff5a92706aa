import { beforeAll, describe, expect, it } from "vitest";
import * as groupRoute from "@/app/api/v1/pages/[pageId]/component-groups/[id]/route";
import * as groupsRoute from "@/app/api/v1/pages/[pageId]/component-groups/route";
import * as componentRoute from "@/app/api/v1/pages/[pageId]/components/[componentId]/route";
import * as componentsRoute from "@/app/api/v1/pages/[pageId]/components/route";
import * as openApiRoute from "@/app/api/v1/openapi.json/route";
import { pageId } from "@/lib/statuspage";
import { createApiKeyRow } from "@/server/api-keys";
import { db } from "@/server/db";
import { loadDemoStory } from "@/server/demo";
import { listServiceGroups } from "@/server/services";
import { getPageSettings } from "@/server/settings";
import { statusApi } from "@/server/status-api";
import { apiRequest } from "@/server/manage-api/test-request";

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
type Handler = (request: Request, context: { params: Promise<any> }) => Promise<Response>; // eslint-disable-line @typescript-eslint/no-explicit-any

let page: string;

beforeAll(async () => {
  await loadDemoStory(db(), "https://status.example.com");
  page = pageId(await getPageSettings());
});

/** Keys for one block of tests, so the per-key throttle never decides a test. */
let made = 0;
async function keys() {
  made++;
  return { editor: (await createApiKeyRow({ name: `Monitoring ${made}`, role: "editor" })).key, admin: (await createApiKeyRow({ name: `Terraform ${made}`, role: "admin" })).key };
}

interface Call {
  method?: string;
  key?: string;
  json?: unknown;
  form?: string;
  headers?: Record<string, string>;
  params?: Record<string, string>;
  query?: string;
}

async function call(handler: Handler, { params = {}, query = "", ...init }: Call) {
  const pageParam = params.pageId ?? page;
  const response = await handler(apiRequest(`http://localhost/api/v1/pages/${pageParam}/components${query}`, init), {
    params: Promise.resolve({ pageId: pageParam, ...params }),
  });
  const text = await response.text();
  return { status: response.status, body: (text ? JSON.parse(text) : null) as Json, headers: response.headers };
}

const publicComponents = async () => (await statusApi("components")).body.components as Json[];
const publicVersion = async () => (await db().pageSettings.findUniqueOrThrow({ where: { id: 1 } })).version;
const serviceId = async (slug: string) => (await db().service.findUniqueOrThrow({ where: { slug } })).id;
const groupIdNamed = async (name: string) => (await db().serviceGroup.findFirstOrThrow({ where: { name } })).id;

describe("keys", () => {
  it("refuses a request without a key, with a wrong one or a revoked one, with 401", async () => {
    const { editor } = await keys();
    expect(await call(componentsRoute.GET, {})).toMatchObject({ status: 401, body: { error: expect.stringMatching(/Authorization: OAuth/) } });
    expect((await call(componentsRoute.GET, { key: "hrld_nothing" })).status).toBe(401);
    const revoked = await createApiKeyRow({ name: "Old", role: "admin" });
    await db().apiKey.update({ where: { id: revoked.id }, data: { revokedAt: new Date() } });
    expect((await call(componentsRoute.GET, { key: revoked.key })).status).toBe(401);
    expect((await call(componentsRoute.GET, { key: editor, headers: { Authorization: `Bearer ${editor}` } })).status).toBe(200);
  });

  it("answers 404 for another page's id", async () => {
    const { editor } = await keys();
    expect(await call(componentsRoute.GET, { key: editor, params: { pageId: "0123456789ab" } })).toMatchObject({ status: 404, body: { error: expect.stringMatching(/no page/) } });
  });
});

describe("components", () => {
  let editor: string;
  let admin: string;
  beforeAll(async () => ({ editor, admin } = await keys()));

  it("lists every component in page order, each group before its members, hidden ones included", async () => {
    await db().service.update({ where: { slug: "payments" }, data: { hidden: true } });
    const { status, body } = await call(componentsRoute.GET, { key: editor });
    expect(status).toBe(200);
    const pass = body.find((entry: Json) => entry.name === "Sega Pass");
    expect(pass).toMatchObject({ group: true, page_id: page, group_id: null, components: [await serviceId("sega-pass-login"), await serviceId("sega-pass-password-reset")] });
    const login = body.find((entry: Json) => entry.id === pass.components[0]);
    expect(login).toEqual({
      id: login.id,
      page_id: page,
      group_id: pass.id,
      created_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}[+-]\d\d:\d\d$/),
      updated_at: expect.any(String),
      group: false,
      name: "Sega Pass login",
      description: "Signing in to Sega Pass and to the sites that use it.",
      position: 1,
      status: expect.any(String),
      showcase: true,
      only_show_if_degraded: false,
      automation_email: null,
      start_date: expect.stringMatching(/^\d{4}-\d\d-\d\d$/),
      hidden: false,
    });
    expect(body.indexOf(login)).toBe(body.indexOf(pass) + 1);
    expect(body.find((entry: Json) => entry.name === "Payments")).toMatchObject({ hidden: true });
    expect((await publicComponents()).some((entry) => entry.name === "Payments")).toBe(false);
    await db().service.update({ where: { slug: "payments" }, data: { hidden: false } });

    const paged = await call(componentsRoute.GET, { key: editor, query: "?per_page=2&page=2" });
    expect(paged.body.map((entry: Json) => entry.id)).toEqual(body.slice(2, 4).map((entry: Json) => entry.id));
    expect(await call(componentsRoute.GET, { key: editor, query: "?per_page=500" })).toMatchObject({ status: 422, body: { fields: { per_page: "Send per_page from 1 to 100." } } });
  });

  it("gets one component with its ETag, and sends a group's id to the groups' endpoint", async () => {
    const id = await serviceId("forums");
    const { status, body, headers } = await call(componentRoute.GET, { key: editor, params: { componentId: id } });
    expect(status).toBe(200);
    expect(body).toMatchObject({ id, name: "Forums", group: false });
    expect(headers.get("etag")).toMatch(/^".+"$/);
    expect((await call(componentRoute.GET, { key: editor, params: { componentId: "nope" } })).status).toBe(404);
    const group = await call(componentRoute.GET, { key: editor, params: { componentId: await groupIdNamed("Community") } });
    expect(group).toMatchObject({ status: 404, body: { error: expect.stringMatching(/component-groups/) } });
  });

  it("creates a component from JSON (admin only), at the end of its group, on the public page", async () => {
    const community = await groupIdNamed("Community");
    const before = await publicVersion();
    const refused = await call(componentsRoute.POST, { method: "POST", key: editor, json: { component: { name: "Chat" } } });
    expect(refused).toMatchObject({ status: 403, body: { error: expect.stringMatching(/needs the admin role/) } });

    const { status, body, headers } = await call(componentsRoute.POST, {
      method: "POST",
      key: admin,
      json: { component: { name: "Game servers (EU)", description: "Online play", status: "degraded_performance", group_id: community, showcase: true } },
    });
    expect(status).toBe(201);
    expect(headers.get("etag")).toBeTruthy();
    expect(body).toMatchObject({ name: "Game servers (EU)", description: "Online play", status: "degraded_performance", group_id: community, position: 2, hidden: false, group: false });
    const row = await db().service.findUniqueOrThrow({ where: { id: body.id }, include: { statusChanges: true } });
    expect(row.slug).toBe("game-servers-eu");
    expect(row.statusChanges.map((change) => change.status)).toEqual(["degraded_performance"]);
    expect((await publicComponents()).find((entry) => entry.id === body.id)).toMatchObject({ status: "degraded_performance", group_id: community });
    expect(await publicVersion()).toBe(before + 1);
    const audit = await db().auditLog.findFirstOrThrow({ where: { entityId: body.id, action: "created" } });
    expect(audit.apiKeyId).not.toBeNull();

    // The same name again gets its own address.
    const twin = await call(componentsRoute.POST, { method: "POST", key: admin, json: { component: { name: "Game servers (EU)" } } });
    expect(twin.status).toBe(201);
    expect((await db().service.findUniqueOrThrow({ where: { id: twin.body.id } })).slug).toBe("game-servers-eu-2");
    expect(twin.body).toMatchObject({ group_id: null, status: "operational", description: null });
  });

  it("creates a hidden component from a Rails-style form", async () => {
    const web = await groupIdNamed("Web and payments");
    const { status, body } = await call(componentsRoute.POST, {
      method: "POST",
      key: admin,
      form: `component[name]=Billing+API&component[hidden]=true&component[group_id]=${web}&component[status]=major_outage`,
    });
    expect(status).toBe(201);
    expect(body).toMatchObject({ name: "Billing API", hidden: true, group_id: web, status: "major_outage" });
    expect((await publicComponents()).some((entry) => entry.id === body.id)).toBe(false);
    expect((await listServiceGroups()).flatMap((group) => group.services).some((service) => service.id === body.id)).toBe(false);
  });

  it("refuses invalid components with 422 and a message per field, writing nothing", async () => {
    const count = await db().service.count();
    const bad = await call(componentsRoute.POST, {
      method: "POST",
      key: admin,
      json: { component: { name: "x".repeat(101), status: "broken", group_id: "no-such-group", hidden: "maybe" } },
    });
    expect(bad.status).toBe(422);
    expect(bad.body.fields).toMatchObject({
      "component.name": "Keep the component's name under 100 characters.",
      "component.status": expect.stringMatching(/^Choose one of: operational/),
      "component.hidden": "Send true or false.",
    });
    const unknownGroup = await call(componentsRoute.POST, { method: "POST", key: admin, json: { component: { name: "Chat", group_id: "no-such-group" } } });
    expect(unknownGroup).toMatchObject({ status: 422, body: { fields: { "component.group_id": "There is no component group with this id." } } });
    const unwrapped = await call(componentsRoute.POST, { method: "POST", key: admin, json: { name: "Chat" } });
    expect(unwrapped).toMatchObject({ status: 422, body: { fields: { component: expect.stringMatching(/inside "component"/) } } });
    const blank = await call(componentsRoute.POST, { method: "POST", key: admin, form: "component[name]=+++" });
    expect(blank).toMatchObject({ status: 422, body: { fields: { "component.name": "Enter the component's name." } } });
    expect(await db().service.count()).toBe(count);
  });

  it("changes a status with an editor key, through the status history, and the public read model follows", async () => {
    const id = await serviceId("forums");
    const before = await publicVersion();
    const { status, body } = await call(componentRoute.PATCH, { method: "PATCH", key: editor, params: { componentId: id }, json: { component: { status: "partial_outage" } } });
    expect(status).toBe(200);
    expect(body).toMatchObject({ id, status: "partial_outage" });
    expect(await publicVersion()).toBe(before + 1);
    const summary = (await statusApi("summary")).body as Json;
    expect(summary.components.find((entry: Json) => entry.id === id)).toMatchObject({ status: "partial_outage" });
    expect(summary.status.indicator).not.toBe("none");
    const latest = await db().statusChange.findFirstOrThrow({ where: { serviceId: id }, orderBy: { at: "desc" } });
    expect(latest.status).toBe("partial_outage");
    expect(await db().auditLog.findFirst({ where: { entityId: id, action: "status_changed", apiKeyId: { not: null } } })).not.toBeNull();

    // The form spelling, with PUT.
    const put = await call(componentRoute.PUT, { method: "PUT", key: editor, params: { componentId: id }, form: "component[status]=operational" });
    expect(put).toMatchObject({ status: 200, body: { status: "operational" } });
  });

  it("needs an admin key for anything but the status; an admin's change applies all at once", async () => {
    const id = await serviceId("forums");
    const refused = await call(componentRoute.PATCH, { method: "PATCH", key: editor, params: { componentId: id }, json: { component: { status: "major_outage", name: "Boards" } } });
    expect(refused).toMatchObject({ status: 403, body: { error: expect.stringMatching(/needs the admin role/) } });
    expect((await db().service.findUniqueOrThrow({ where: { id } })).status).toBe("operational");

    const changed = await call(componentRoute.PATCH, {
      method: "PATCH",
      key: admin,
      params: { componentId: id },
      form: "component[name]=Boards&component[status]=major_outage&component[description]=&component[hidden]=0",
    });
    expect(changed).toMatchObject({ status: 200, body: { name: "Boards", status: "major_outage", description: null, hidden: false } });
    expect((await publicComponents()).find((entry) => entry.id === id)).toMatchObject({ name: "Boards", status: "major_outage" });

    const invalid = await call(componentRoute.PATCH, { method: "PATCH", key: admin, params: { componentId: id }, json: { component: { position: 0, name: "" } } });
    expect(invalid).toMatchObject({ status: 422, body: { fields: { "component.position": "Positions start at 1 (first).", "component.name": "Enter the component's name." } } });
    expect((await db().service.findUniqueOrThrow({ where: { id } })).name).toBe("Boards");
  });

  it("moves a component between groups and within one, and the public order follows", async () => {
    const id = await serviceId("forums");
    const pass = await groupIdNamed("Sega Pass");
    const moved = await call(componentRoute.PATCH, { method: "PATCH", key: admin, params: { componentId: id }, json: { component: { group_id: pass, position: 1 } } });
    expect(moved).toMatchObject({ status: 200, body: { group_id: pass, position: 1 } });
    const order = (await listServiceGroups()).find((group) => group.id === pass)!.services.map((service) => service.slug);
    expect(order).toEqual(["forums", "sega-pass-login", "sega-pass-password-reset"]);

    // Out of its group: a top-level entry, placed first on the page.
    const alone = await call(componentRoute.PATCH, { method: "PATCH", key: admin, params: { componentId: id }, json: { component: { group_id: null, position: 1 } } });
    expect(alone).toMatchObject({ status: 200, body: { group_id: null, position: 1 } });
    expect((await listServiceGroups())[0].services.map((service) => service.slug)).toEqual(["forums"]);
    const listed = await call(componentsRoute.GET, { key: editor });
    expect(listed.body[0]).toMatchObject({ id, position: 1 });
  });

  it("refuses a change made from a stale ETag with 412, and takes a fresh one", async () => {
    const id = await serviceId("website");
    const read = await call(componentRoute.GET, { key: editor, params: { componentId: id } });
    const etag = read.headers.get("etag")!;
    const first = await call(componentRoute.PATCH, { method: "PATCH", key: editor, params: { componentId: id }, headers: { "If-Match": etag }, json: { component: { status: "degraded_performance" } } });
    expect(first.status).toBe(200);
    expect(first.headers.get("etag")).not.toBe(etag);
    const stale = await call(componentRoute.PATCH, { method: "PATCH", key: editor, params: { componentId: id }, headers: { "If-Match": etag }, json: { component: { status: "major_outage" } } });
    expect(stale).toMatchObject({ status: 412, body: { error: expect.stringMatching(/changed since you read it/) } });
    expect((await db().service.findUniqueOrThrow({ where: { id } })).status).toBe("degraded_performance");
    const staleDelete = await call(componentRoute.DELETE, { method: "DELETE", key: admin, params: { componentId: id }, headers: { "If-Match": etag } });
    expect(staleDelete.status).toBe(412);
    expect(await db().service.count({ where: { id } })).toBe(1);
  });

  it("deletes a component (admin only) with 204, and then it is gone", async () => {
    const id = await serviceId("game-servers-eu-2");
    expect((await call(componentRoute.DELETE, { method: "DELETE", key: editor, params: { componentId: id } })).status).toBe(403);
    const etag = (await call(componentRoute.GET, { key: admin, params: { componentId: id } })).headers.get("etag")!;
    const deleted = await call(componentRoute.DELETE, { method: "DELETE", key: admin, params: { componentId: id }, headers: { "If-Match": etag } });
    expect(deleted).toMatchObject({ status: 204, body: null });
    expect((await call(componentRoute.GET, { key: admin, params: { componentId: id } })).status).toBe(404);
    expect((await call(componentRoute.DELETE, { method: "DELETE", key: admin, params: { componentId: id } })).status).toBe(404);
    expect(await db().auditLog.count({ where: { entityId: id, action: "deleted", apiKeyId: { not: null } } })).toBe(1);
  });
});

describe("component groups", () => {
  let editor: string;
  let admin: string;
  let groupId: string;
  beforeAll(async () => ({ editor, admin } = await keys()));

  it("lists groups in page order with their members", async () => {
    const { status, body } = await call(groupsRoute.GET, { key: editor });
    expect(status).toBe(200);
    const pass = body.find((group: Json) => group.name === "Sega Pass");
    expect(pass).toEqual({
      id: await groupIdNamed("Sega Pass"),
      page_id: page,
      name: "Sega Pass",
      description: pass.description,
      position: expect.any(Number),
      components: [await serviceId("sega-pass-login"), await serviceId("sega-pass-password-reset")],
      created_at: expect.any(String),
      updated_at: expect.any(String),
    });
    expect(body.map((group: Json) => group.position)).toEqual([...body.map((group: Json) => group.position)].sort((a, b) => a - b));
  });

  it("creates a group from JSON with its members in order (admin only)", async () => {
    const [website, payments] = [await serviceId("website"), await serviceId("payments")];
    expect((await call(groupsRoute.POST, { method: "POST", key: editor, json: { component_group: { name: "Shop", components: [payments] } } })).status).toBe(403);
    const { status, body, headers } = await call(groupsRoute.POST, {
      method: "POST",
      key: admin,
      json: { description: "Buying things", component_group: { name: "Shop", components: [payments, website] } },
    });
    expect(status).toBe(201);
    expect(headers.get("etag")).toBeTruthy();
    expect(body).toMatchObject({ name: "Shop", description: "Buying things", components: [payments, website] });
    groupId = body.id;
    const shop = (await listServiceGroups()).find((group) => group.id === groupId)!;
    expect(shop.services.map((service) => service.slug)).toEqual(["payments", "website"]);
    // The group they came from is now empty, so the public page no longer shows it.
    expect((await listServiceGroups()).some((group) => group.name === "Web and payments")).toBe(false);
  });

  it("creates a group from a form, and refuses unknown components with 422", async () => {
    const login = await serviceId("sega-pass-login");
    const made = await call(groupsRoute.POST, { method: "POST", key: admin, form: `component_group[name]=Accounts&component_group[components][]=${login}&component_group[description]=Sign-in` });
    expect(made).toMatchObject({ status: 201, body: { name: "Accounts", description: "Sign-in", components: [login] } });
    const count = await db().serviceGroup.count();
    const bad = await call(groupsRoute.POST, { method: "POST", key: admin, json: { component_group: { name: "Ghosts", components: ["no-such-component"] } } });
    expect(bad).toMatchObject({ status: 422, body: { fields: { "component_group.components": "There is no component with the id no-such-component." } } });
    const unnamed = await call(groupsRoute.POST, { method: "POST", key: admin, json: { component_group: { components: "x y" } } });
    expect(unnamed).toMatchObject({ status: 422, body: { fields: { "component_group.name": "Enter the group's name.", "component_group.components": expect.any(String) } } });
    expect(await db().serviceGroup.count()).toBe(count);
  });

  it("replaces the membership and moves the group; components left out stand alone", async () => {
    const [website, payments] = [await serviceId("website"), await serviceId("payments")];
    expect((await call(groupRoute.PATCH, { method: "PATCH", key: editor, params: { id: groupId }, json: { component_group: { name: "Store" } } })).status).toBe(403);
    const etag = (await call(groupRoute.GET, { key: editor, params: { id: groupId } })).headers.get("etag")!;
    const { status, body } = await call(groupRoute.PATCH, {
      method: "PATCH",
      key: admin,
      params: { id: groupId },
      headers: { "If-Match": etag },
      json: { component_group: { name: "Store", components: [website], position: 1 } },
    });
    expect(status).toBe(200);
    expect(body).toMatchObject({ name: "Store", components: [website], position: 1 });
    expect((await db().service.findUniqueOrThrow({ where: { id: payments } })).groupId).toBeNull();
    const groups = await listServiceGroups();
    expect(groups[0]).toMatchObject({ id: groupId, name: "Store" });
    expect(groups.at(-1)!.services.map((service) => service.id)).toEqual([payments]);

    const stale = await call(groupRoute.PUT, { method: "PUT", key: admin, params: { id: groupId }, headers: { "If-Match": etag }, json: { component_group: { name: "Shop again" } } });
    expect(stale.status).toBe(412);
    const put = await call(groupRoute.PUT, { method: "PUT", key: admin, params: { id: groupId }, form: `component_group[components][]=${website}&component_group[components][]=${payments}` });
    expect(put).toMatchObject({ status: 200, body: { name: "Store", components: [website, payments] } });
  });

  it("deletes a group with 200 and the group as it was; its components stay, ungrouped", async () => {
    const [website, payments] = [await serviceId("website"), await serviceId("payments")];
    expect((await call(groupRoute.DELETE, { method: "DELETE", key: editor, params: { id: groupId } })).status).toBe(403);
    const { status, body } = await call(groupRoute.DELETE, { method: "DELETE", key: admin, params: { id: groupId } });
    expect(status).toBe(200);
    expect(body).toMatchObject({ id: groupId, name: "Store", components: [website, payments] });
    expect((await call(groupRoute.GET, { key: admin, params: { id: groupId } })).status).toBe(404);
    expect(await db().service.count({ where: { id: { in: [website, payments] }, groupId: null } })).toBe(2);
  });
});

describe("the OpenAPI document's route", () => {
  it("answers without a key, cacheably, with a 304 for a copy already held", async () => {
    const first = await openApiRoute.GET(new Request("http://localhost/api/v1/openapi.json"));
    expect(first.status).toBe(200);
    const document = await first.json();
    expect(document).toMatchObject({ openapi: "3.1.0", servers: [{ url: "https://status.example.com" }] });
    expect(document.paths["/api/v1/pages/{page_id}/components"].post.operationId).toBe("createComponent");
    const etag = first.headers.get("etag")!;
    const again = await openApiRoute.GET(new Request("http://localhost/api/v1/openapi.json", { headers: { "If-None-Match": etag } }));
    expect(again.status).toBe(304);
  });
});
