import { createHash, randomBytes } from "node:crypto";
import { readdirSync, statSync } from "node:fs";
import path from "node:path";
import { expect, test, type APIRequestContext } from "@playwright/test";
import { execute } from "./database";

// Every console route, found from the file tree, asked by people who must not read it:
// no cookie, a made-up cookie, a session still owing its second factor, and a role below
// the route's. Each is asked as a full request and as a forged client navigation (the
// RSC request Next's router sends, with a state tree that makes Next render only the
// page, without the (console) layout). None may get the route's data. An owner asking
// the same way does get it, so the markers are real and the forged navigation renders.

type Role = "editor" | "admin" | "owner";

/** What each console route needs, and a string that only its authorised answer holds. */
const ROUTES: Record<string, { role: Role; marker: (data: Markers, forged: boolean) => string } | "public"> = {
  "/admin/login": "public",
  "/admin/login/verify": "public",
  // The set-up form is a client component: its button in the document, its name in the RSC payload.
  "/admin/two-factor": { role: "editor", marker: (_, forged) => (forged ? "TwoFactorSetupForm" : "Set up two-factor authentication") },
  "/admin": { role: "editor", marker: (data) => data.hiddenService },
  "/admin/account": { role: "editor", marker: () => "Sign out everywhere" },
  "/admin/api-keys": { role: "admin", marker: (data) => data.apiKey },
  "/admin/audit": { role: "admin", marker: (data) => data.auditMarker },
  "/admin/deliveries": { role: "editor", marker: () => "is mailed to the confirmed subscribers who chose its services" },
  "/admin/deliveries/progress": { role: "editor", marker: (data) => data.draftTitle },
  "/admin/incidents/[id]": { role: "editor", marker: (data) => data.draftBody },
  "/admin/incidents/new": { role: "editor", marker: (data) => data.hiddenService },
  "/admin/integrations": { role: "admin", marker: (data) => data.hiddenService },
  "/admin/maintenance/new": { role: "editor", marker: (data) => data.hiddenService },
  "/admin/services": { role: "admin", marker: (data) => data.hiddenService },
  "/admin/settings": { role: "owner", marker: () => "Africa/Abidjan" },
  "/admin/subscribers": { role: "admin", marker: (data) => data.subscriber },
  "/admin/subscribers/export": { role: "admin", marker: (data) => data.subscriber },
  "/admin/templates": { role: "editor", marker: (data) => data.template },
  "/admin/users": { role: "owner", marker: (data) => data.users.editor },
  "/admin/webhooks": { role: "admin", marker: (data) => data.webhook },
};

/** The URL paths of every page and route handler under app/admin, with segments as written. */
function consoleRoutes(): { route: string; kind: "page" | "handler" }[] {
  const found: { route: string; kind: "page" | "handler" }[] = [];
  const walk = (dir: string, segments: string[]) => {
    for (const name of readdirSync(dir).sort()) {
      const full = path.join(dir, name);
      if (statSync(full).isDirectory()) walk(full, /^\(.*\)$/.test(name) ? segments : [...segments, name]);
      else if (/^page\.tsx?$/.test(name)) found.push({ route: `/${segments.join("/")}`, kind: "page" });
      else if (/^route\.tsx?$/.test(name)) found.push({ route: `/${segments.join("/")}`, kind: "handler" });
    }
  };
  walk(path.join(process.cwd(), "app", "admin"), ["admin"]);
  return found;
}

interface Markers {
  draftId: string;
  draftTitle: string;
  draftBody: string;
  hiddenService: string;
  auditMarker: string;
  subscriber: string;
  webhook: string;
  template: string;
  apiKey: string;
  users: Record<Role | "pending", string>;
}

const tag = randomBytes(4).toString("hex");
const data: Markers = {
  draftId: `walkerdraft${tag}`,
  draftTitle: `Walker draft ${tag}`,
  draftBody: `Walker draft body ${tag}`,
  hiddenService: `Walker hidden service ${tag}`,
  auditMarker: `walker-audit-${tag}`,
  subscriber: `walker-${tag}@reader.example`,
  webhook: `https://hooks.example/walker-${tag}`,
  template: `Walker template ${tag}`,
  apiKey: `Walker API key ${tag}`,
  users: {
    owner: `walker-owner-${tag}@sega.example`,
    admin: `walker-admin-${tag}@sega.example`,
    editor: `walker-editor-${tag}@sega.example`,
    pending: `walker-pending-${tag}@sega.example`,
  },
};
const tokens: Record<Role | "pending", string> = {
  owner: randomBytes(20).toString("hex"),
  admin: randomBytes(20).toString("hex"),
  editor: randomBytes(20).toString("hex"),
  pending: randomBytes(20).toString("hex"),
};

const sql = (value: string) => `'${value.replace(/'/g, "''")}'`;
const iso = (ms: number) => sql(new Date(ms).toISOString());

test.beforeAll(async () => {
  const now = Date.now();
  const statements = [
    `INSERT INTO "Service" ("id","slug","name","hidden","createdAt","updatedAt") VALUES (${sql(`walkersvc${tag}`)}, ${sql(`walker-${tag}`)}, ${sql(data.hiddenService)}, true, ${iso(now)}, ${iso(now)})`,
    `INSERT INTO "Incident" ("id","kind","title","impact","status","startedAt","revision","createdAt","updatedAt") VALUES (${sql(data.draftId)}, 'incident', ${sql(data.draftTitle)}, 'minor', 'investigating', ${iso(now)}, 1, ${iso(now)}, ${iso(now)})`,
    `INSERT INTO "IncidentUpdate" ("id","incidentId","status","body","displayAt","createdAt","updatedAt") VALUES (${sql(`${data.draftId}u`)}, ${sql(data.draftId)}, 'investigating', ${sql(data.draftBody)}, ${iso(now)}, ${iso(now)}, ${iso(now)})`,
    // Shown on the deliveries pages; already fanned out, so no worker sends anything for it.
    `INSERT INTO "Notification" ("id","updateId","createdAt","endpointsAdded","expandedAt") VALUES (${sql(`walkernote${tag}`)}, ${sql(`${data.draftId}u`)}, ${iso(now)}, true, ${iso(now)})`,
    `INSERT INTO "Subscriber" ("id","email","confirmedAt","manageNonce","createdAt") VALUES (${sql(`walkersub${tag}`)}, ${sql(data.subscriber)}, ${iso(now)}, 'x', ${iso(now)})`,
    `INSERT INTO "WebhookEndpoint" ("id","url","secret","enabled","createdAt","updatedAt") VALUES (${sql(`walkerhook${tag}`)}, ${sql(data.webhook)}, 'unreadable', false, ${iso(now)}, ${iso(now)})`,
    `INSERT INTO "IncidentTemplate" ("id","name","title","body","status","impact","notify","createdAt","updatedAt") VALUES (${sql(`walkertemplate${tag}`)}, ${sql(data.template)}, 'Walker', 'Walker', 'investigating', 'minor', true, ${iso(now)}, ${iso(now)})`,
    `INSERT INTO "ApiKey" ("id","name","role","prefix","hash","createdAt") VALUES (${sql(`walkerkey${tag}`)}, ${sql(data.apiKey)}, 'editor', 'hrld_walker', ${sql(createHash("sha256").update(`walker-key-${tag}`).digest("hex"))}, ${iso(now)})`,
  ];
  for (const who of ["owner", "admin", "editor", "pending"] as const) {
    const id = `walker${who}${tag}`;
    const role = who === "pending" ? "owner" : who;
    // A session owing its second factor belongs to a user who has one (the value is never read).
    const totp = who === "pending" ? sql("walker-seed") : "NULL";
    statements.push(
      `INSERT INTO "User" ("id","email","passwordHash","role","passwordChangedAt","totpSecret","createdAt","updatedAt") VALUES (${sql(id)}, ${sql(data.users[who])}, 'x', ${sql(role)}, ${iso(now - 3_600_000)}, ${totp}, ${iso(now)}, ${iso(now)})`,
      `INSERT INTO "Session" ("id","userId","createdAt","lastSeenAt","expiresAt","twoFactorVerified") VALUES (${sql(createHash("sha256").update(tokens[who]).digest("hex"))}, ${sql(id)}, ${iso(now)}, ${iso(now)}, ${iso(now + 3_600_000)}, ${who === "pending" ? "false" : "true"})`,
    );
  }
  statements.push(`INSERT INTO "AuditLog" ("id","at","userId","action","entityType","entityId","after") VALUES (${sql(`walkeraudit${tag}`)}, ${iso(now)}, ${sql(`walkerowner${tag}`)}, 'changed', 'settings', '1', ${sql(`{"note":"${data.auditMarker}"}`)})`);
  await execute(...statements);
});

test.afterAll(async () => {
  // The other admin specs count services, incidents and subscribers: leave none of ours behind.
  await execute(
    `DELETE FROM "Notification" WHERE "id" = ${sql(`walkernote${tag}`)}`,
    `DELETE FROM "IncidentUpdate" WHERE "incidentId" = ${sql(data.draftId)}`,
    `DELETE FROM "Incident" WHERE "id" = ${sql(data.draftId)}`,
    `DELETE FROM "Service" WHERE "id" = ${sql(`walkersvc${tag}`)}`,
    `DELETE FROM "Subscriber" WHERE "id" = ${sql(`walkersub${tag}`)}`,
    `DELETE FROM "WebhookEndpoint" WHERE "id" = ${sql(`walkerhook${tag}`)}`,
    `DELETE FROM "IncidentTemplate" WHERE "id" = ${sql(`walkertemplate${tag}`)}`,
    `DELETE FROM "ApiKey" WHERE "id" = ${sql(`walkerkey${tag}`)}`,
    `DELETE FROM "AuditLog" WHERE "id" = ${sql(`walkeraudit${tag}`)}`,
    `DELETE FROM "Session" WHERE "userId" LIKE ${sql(`walker%${tag}`)}`,
    `DELETE FROM "User" WHERE "id" LIKE ${sql(`walker%${tag}`)}`,
  );
});

/** Next's router state tree for a page reached from a sibling console page: the layouts above are kept, only the page is rendered. */
function forgedTree(target: string): string {
  const segments = target.split("/").filter(Boolean).slice(1); // below /admin
  const from = segments[0] === "account" ? "audit" : "account";
  const tree = ["", { children: ["admin", { children: ["(console)", { children: [from, { children: ["__PAGE__", {}] }] }] }] }];
  return encodeURIComponent(JSON.stringify(tree));
}

const ROLE_BELOW: Record<Role, Role | null> = { editor: null, admin: "editor", owner: "admin" };

async function ask(request: APIRequestContext, url: string, cookie: string | null, forged: boolean) {
  const headers: Record<string, string> = {};
  if (cookie !== null) headers.cookie = `herald_session=${cookie}`;
  if (forged) Object.assign(headers, { rsc: "1", "next-router-state-tree": forgedTree(url), "next-url": url });
  let response = await request.get(url, { headers, maxRedirects: 0 });
  // Next answers an RSC request without its cache-busting `_rsc` parameter with a redirect
  // to one; the router follows it with the same headers (Playwright would drop the cookie).
  const location = response.headers()["location"];
  if (forged && response.status() === 307 && location?.includes("_rsc=")) response = await request.get(location, { headers, maxRedirects: 0 });
  return { status: response.status(), body: await response.text() };
}

test("every console route refuses its data to everyone without the right session, however it is asked", async ({ request }) => {
  const routes = consoleRoutes();
  expect(routes.length).toBeGreaterThan(10);
  const unclassified = routes.filter(({ route }) => !(route in ROUTES)).map(({ route }) => route);
  expect(unclassified, "a new console route: add it to ROUTES with its role and a marker of its data").toEqual([]);

  const secrets = [data.draftBody, data.draftTitle, data.hiddenService, data.auditMarker, data.subscriber, data.webhook, data.template, ...Object.values(data.users)];
  const leaks: string[] = [];
  for (const { route, kind } of routes) {
    const rule = ROUTES[route];
    if (rule === "public") continue;
    const url = route.replace("[id]", data.draftId);
    const shapes = kind === "page" ? [false, true] : [false];
    for (const forged of shapes) {
      const marker = rule.marker(data, forged);
      // The owner gets the data, both ways: the markers and the forged navigation are real.
      const owner = await ask(request, url, tokens.owner, forged);
      expect(owner.body, `${url} as the owner${forged ? " (client navigation)" : ""}`).toContain(marker);
      // The forged navigation rendered the page alone: the layout (its navigation) was skipped, so only the page's own check stands.
      if (forged && kind === "page" && !route.startsWith("/admin/two-factor")) expect(owner.body, `${url}: the forged navigation skipped the layout`).not.toContain("Herald admin");

      const intruders: [string, string | null][] = [
        ["no cookie", null],
        ["a made-up cookie", randomBytes(20).toString("hex")],
        ["a session owing its second factor", tokens.pending],
      ];
      const below = ROLE_BELOW[rule.role];
      if (below) intruders.push([`the ${below} role`, tokens[below]]);
      for (const [who, cookie] of intruders) {
        const answer = await ask(request, url, cookie, forged);
        const seen = [marker, ...secrets].filter((secret) => answer.body.includes(secret) && !(who === "the admin role" && secret === data.users.admin) && !(who === "the editor role" && secret === data.users.editor));
        if (seen.length > 0) leaks.push(`${url} ${forged ? "(client navigation) " : ""}with ${who}: ${answer.status}, shows ${seen.join(", ")}`);
      }
    }
  }
  expect(leaks).toEqual([]);
});

test("a garbled or oversized form post gets a 4xx that says so, never a 500", async ({ request, baseURL }) => {
  const form = await (await request.get("/subscribe")).text();
  const actionId = /&quot;id&quot;:&quot;([0-9a-f]+)&quot;/.exec(form)?.[1];
  expect(actionId, "the subscribe form carries its server action's id").toBeTruthy();
  const post = (data: string | Buffer, contentType: string) =>
    request.post("/subscribe", { headers: { "next-action": actionId!, "content-type": contentType, origin: baseURL! }, data, maxRedirects: 0 });

  for (const [body, type] of [
    ["garbage[", "text/plain;charset=UTF-8"],
    ['{"a":', "text/plain;charset=UTF-8"],
    ["--xyz\r\nbroken", "multipart/form-data; boundary=xyz"],
  ] as const) {
    const answer = await post(body, type);
    expect(answer.status(), `${type}: ${body}`).toBe(400);
    expect(await answer.text()).toContain("This form could not be read, so nothing was saved.");
  }
  const huge = await post(Buffer.alloc(3 * 1024 * 1024, "a"), "text/plain;charset=UTF-8");
  expect(huge.status()).toBe(413);
  expect(await huge.text()).toContain("This request is too large");
});
