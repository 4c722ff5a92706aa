import { beforeAll, describe, expect, it } from "vitest";
import { pageId } from "@/lib/statuspage";
import { createApiKeyRow } from "@/server/api-keys";
import { db } from "@/server/db";
import { apiError, apiJson, apiRoute, ApiError, keyFromHeader, MAX_BODY_BYTES, parseBody, requireIfMatch, TokenBuckets, UNAUTHENTICATED } from "@/server/manage-api/http";
import { MutationError } from "@/server/mutation";

// The glue every write-API route runs through: keys, throttle, page, role, bodies,
// idempotency and errors, each answered as JSON a person can read.

const URL_BASE = "https://status.example.com";
let page: string;
let editorKey: string;
let adminKey: string;

beforeAll(async () => {
  await db().pageSettings.create({ data: { id: 1, name: "Status", url: URL_BASE, timeZone: "UTC" } });
  page = pageId({ url: URL_BASE });
  editorKey = (await createApiKeyRow({ name: "ci editor", role: "editor" })).key;
  adminKey = (await createApiKeyRow({ name: "ci admin", role: "admin" })).key;
});

const call = (init: RequestInit & { key?: string | null; path?: string } = {}) => {
  const { key = editorKey, path = "/x", ...rest } = init;
  const headers = new Headers(rest.headers);
  if (key) headers.set("Authorization", `OAuth ${key}`);
  return new Request(`${URL_BASE}/api/v1/pages/${page}${path}`, { ...rest, headers });
};
const params = (pageIdValue = page) => ({ params: Promise.resolve({ pageId: pageIdValue }) });
const echo = apiRoute<{ pageId: string }>({ role: "editor" }, async ({ actor, body, query }) => apiJson({ actor: actor.name, body, q: query.get("q") }));

describe("keyFromHeader", () => {
  it("reads Statuspage's OAuth scheme and Bearer, nothing else", () => {
    expect(keyFromHeader("OAuth abc")).toBe("abc");
    expect(keyFromHeader("bearer abc")).toBe("abc");
    expect(keyFromHeader("Basic abc")).toBeNull();
    expect(keyFromHeader("OAuth")).toBeNull();
    expect(keyFromHeader(null)).toBeNull();
  });
});

describe("TokenBuckets", () => {
  it("allows a burst, then asks to wait until a token refills", () => {
    let now = 0;
    const buckets = new TokenBuckets({ burst: 3, refillPerSecond: 0.5 }, () => now);
    expect([buckets.take("k"), buckets.take("k"), buckets.take("k")]).toEqual([0, 0, 0]);
    expect(buckets.take("k")).toBe(2);
    expect(buckets.take("other")).toBe(0);
    now = 1_000;
    expect(buckets.take("k")).toBe(1);
    now = 2_000;
    expect(buckets.take("k")).toBe(0);
  });
});

describe("requireIfMatch", () => {
  const request = (value?: string) => new Request(URL_BASE, { headers: value ? { "If-Match": value } : {} });
  it("passes without the header, with *, and with the same tag weak or strong", () => {
    expect(() => requireIfMatch(request(), 'W/"a-1"')).not.toThrow();
    expect(() => requireIfMatch(request("*"), 'W/"a-1"')).not.toThrow();
    expect(() => requireIfMatch(request('"a-1"'), 'W/"a-1"')).not.toThrow();
    expect(() => requireIfMatch(request('W/"a-0", W/"a-1"'), 'W/"a-1"')).not.toThrow();
  });
  it("refuses a stale tag with 412", () => {
    try {
      requireIfMatch(request('W/"a-1"'), 'W/"a-2"');
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ApiError);
      expect((error as ApiError).status).toBe(412);
    }
  });
});

describe("parseBody", () => {
  const post = (body: BodyInit, type?: string) => new Request(URL_BASE, { method: "POST", body, headers: type ? { "Content-Type": type } : {} });
  it("decodes Rails-style forms into nested objects and lists", async () => {
    const { body } = await parseBody(post("incident[name]=DB+down&incident[component_ids][]=a&incident[component_ids][]=b&incident[components][a]=major_outage", "application/x-www-form-urlencoded"));
    expect(body).toEqual({ incident: { name: "DB down", component_ids: ["a", "b"], components: { a: "major_outage" } } });
  });
  it("reads multipart forms the same way", async () => {
    const form = new FormData();
    form.append("incident[name]", "DB down");
    const { body } = await parseBody(new Request(URL_BASE, { method: "POST", body: form }));
    expect(body).toEqual({ incident: { name: "DB down" } });
  });
  it("refuses malformed JSON, non-objects, other types and oversized bodies", async () => {
    await expect(parseBody(post("{", "application/json"))).rejects.toMatchObject({ status: 400 });
    await expect(parseBody(post("[1]", "application/json"))).rejects.toMatchObject({ status: 400 });
    await expect(parseBody(post("<x/>", "application/xml"))).rejects.toMatchObject({ status: 415 });
    await expect(parseBody(post(JSON.stringify({ a: "x".repeat(MAX_BODY_BYTES) }), "application/json"))).rejects.toMatchObject({ status: 413 });
  });
  it("takes an empty body as {}", async () => {
    expect((await parseBody(post("", "application/json"))).body).toEqual({});
  });
});

describe("apiRoute", () => {
  it("answers a valid key with its handler, the body parsed", async () => {
    const response = await echo(call({ method: "POST", path: "/x?q=1", body: '{"a":1}', headers: { "Content-Type": "application/json" } }), params());
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toBe("application/json; charset=utf-8");
    expect(response.headers.get("Cache-Control")).toBe("no-store");
    expect(await response.json()).toEqual({ actor: "ci editor", body: { a: 1 }, q: "1" });
  });

  it("gives the same 401 for a missing, wrong, revoked or expired key", async () => {
    const revoked = await createApiKeyRow({ name: "revoked", role: "admin" });
    await db().apiKey.update({ where: { id: revoked.id }, data: { revokedAt: new Date() } });
    const expired = await createApiKeyRow({ name: "expired", role: "admin", expiresAt: new Date(Date.now() - 1000) });
    for (const key of [null, "hrld_wrong", revoked.key, expired.key]) {
      const response = await echo(call({ key }), params());
      expect(response.status).toBe(401);
      expect(await response.json()).toEqual({ error: UNAUTHENTICATED });
    }
    const basic = await echo(new Request(`${URL_BASE}/x`, { headers: { Authorization: `Basic ${editorKey}` } }), params());
    expect(basic.status).toBe(401);
  });

  it("records where the key was last used from", async () => {
    const fresh = await createApiKeyRow({ name: "traced", role: "editor" });
    await echo(call({ key: fresh.key, headers: { "X-Herald-Client-Ip": "203.0.113.9" } }), params());
    expect(await db().apiKey.findUniqueOrThrow({ where: { id: fresh.id } })).toMatchObject({ lastUsedFrom: "203.0.113.9" });
  });

  it("answers 404 for another page's id", async () => {
    const response = await echo(call(), params("000000000000"));
    expect(response.status).toBe(404);
    expect((await response.json()).error).toMatch(/no page with this id/);
  });

  it("answers 403 naming the role a key lacks", async () => {
    const adminOnly = apiRoute<{ pageId: string }>({ role: "admin" }, async () => apiJson({}));
    const refused = await adminOnly(call(), params());
    expect(refused.status).toBe(403);
    expect((await refused.json()).error).toBe("This needs the admin role; ci editor has the editor role.");
    expect((await adminOnly(call({ key: adminKey }), params())).status).toBe(200);
  });

  it("turns thrown errors into JSON: refusals 422 with fields, others by status, bugs 500", async () => {
    const throwing = (error: unknown) => apiRoute<{ pageId: string }>({ role: "editor" }, async () => Promise.reject(error));
    const invalid = await throwing(new MutationError("invalid", "Check the highlighted fields.", { "incident.name": "Enter the incident's name." }))(call(), params());
    expect(invalid.status).toBe(422);
    expect(await invalid.json()).toEqual({ error: "Some fields are not valid; see `fields` for each.", fields: { "incident.name": "Enter the incident's name." } });
    const missing = await throwing(new MutationError("not_found", "That incident no longer exists."))(call(), params());
    expect([missing.status, await missing.json()]).toEqual([404, { error: "That incident no longer exists." }]);
    const down = await throwing(Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432")))(call(), params());
    expect(down.status).toBe(503);
    const original = console.error;
    console.error = () => {};
    try {
      const bug = await throwing(new TypeError("x is undefined"))(call(), params());
      expect(bug.status).toBe(500);
      expect((await bug.json()).error).not.toMatch(/undefined/);
    } finally {
      console.error = original;
    }
  });

  it("answers 429 with Retry-After once a key's burst is spent", async () => {
    const { key } = await createApiKeyRow({ name: "greedy", role: "editor" });
    let last: Response | undefined;
    for (let i = 0; i < 100 && last?.status !== 429; i++) last = await echo(call({ key }), params());
    expect(last!.status).toBe(429);
    expect(Number(last!.headers.get("Retry-After"))).toBeGreaterThan(0);
    // Other keys are not slowed by it.
    expect((await echo(call(), params())).status).toBe(200);
  });
});

describe("Idempotency-Key", () => {
  let runs = 0;
  const create = apiRoute<{ pageId: string }>({ role: "editor", idempotent: true }, async ({ body }) => {
    runs++;
    if (body.fail) return apiError(422, "No.");
    return apiJson({ run: runs, body }, 201);
  });
  const send = (key: string, body: unknown) =>
    create(call({ method: "POST", body: JSON.stringify(body), headers: { "Content-Type": "application/json", "Idempotency-Key": key } }), params());

  it("replays the first answer to a retry, running the handler once", async () => {
    const first = await send("k-1", { a: 1 });
    const again = await send("k-1", { a: 1 });
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.headers.get("Idempotent-Replayed")).toBe("true");
    expect(await again.json()).toEqual(await first.json());
    expect(await db().idempotentRequest.count({ where: { key: "k-1" } })).toBe(1);
  });

  it("refuses the same key with a different request", async () => {
    await send("k-2", { a: 1 });
    const other = await send("k-2", { a: 2 });
    expect(other.status).toBe(422);
    expect((await other.json()).error).toMatch(/already used for a different request/);
  });

  it("runs concurrent retries once: the other is told to wait", async () => {
    const before = runs;
    const answers = await Promise.all([send("k-3", { b: 1 }), send("k-3", { b: 1 })]);
    expect(runs - before).toBe(1);
    // The loser either waited for a replay or was told the first is still running.
    const fresh = answers.filter((answer) => answer.status === 201 && !answer.headers.has("Idempotent-Replayed"));
    expect(fresh).toHaveLength(1);
    expect(answers.every((answer) => answer.status === 201 || answer.status === 409)).toBe(true);
  });

  it("keeps nothing after a refusal, so the fixed request may reuse the key", async () => {
    expect((await send("k-4", { fail: true })).status).toBe(422);
    const fixed = await send("k-4", { fail: false });
    expect(fixed.status).toBe(201);
    expect(fixed.headers.get("Idempotent-Replayed")).toBeNull();
  });

  it("ignores entries older than a day", async () => {
    await send("k-5", { c: 1 });
    await db().idempotentRequest.updateMany({ where: { key: "k-5" }, data: { createdAt: new Date(Date.now() - 25 * 60 * 60_000) } });
    const later = await send("k-5", { c: 2 });
    expect(later.status).toBe(201);
    expect(later.headers.get("Idempotent-Replayed")).toBeNull();
  });
});
