import "server-only";
import { createHash } from "node:crypto";
import qs from "qs";
import type { Role } from "@/lib/constants";
import { pageId } from "@/lib/statuspage";
import type { ApiKeyActor } from "@/lib/views/actor";
import { authenticateApiKey } from "@/server/api-keys";
import { authorize } from "@/server/auth";
import { db } from "@/server/db";
import { AuthError, CHECK_FIELDS, MutationError } from "@/server/mutation-error";
import { getPageSettings } from "@/server/settings";

// The glue every write-API route runs through (Statuspage's manage API, served by
// Herald): key → throttle → page → role → body → idempotency → handler, and every
// refusal as the same JSON shape, `{ "error": "<sentence>", "fields"?: {...} }`.

export interface ApiRequestContext<P extends Record<string, string>> {
  request: Request;
  /** The authenticated key, already checked to have the route's role. */
  actor: ApiKeyActor;
  /** Route params, awaited. */
  params: P;
  /** A JSON object, or a form body decoded Rails-style (`incident[name]=x`); {} when none. */
  body: Record<string, unknown>;
  query: URLSearchParams;
}

export interface ApiRouteOptions {
  /** The least role a key needs. */
  role: Role;
  /** Whether the path carries `{pageId}` to check; true unless said otherwise. */
  page?: boolean;
  /** Whether a POST honours `Idempotency-Key`. */
  idempotent?: boolean;
}

/** A refusal a route or server function throws; apiRoute answers it with its status. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly fields?: Record<string, string>,
  ) {
    super(message);
    this.name = "ApiError";
  }
}

export function apiJson(body: unknown, status = 200, headers?: HeadersInit): Response {
  const response = new Response(JSON.stringify(body), { status, headers });
  response.headers.set("Content-Type", "application/json; charset=utf-8");
  response.headers.set("Cache-Control", "no-store");
  return response;
}

/** Error bodies are always `{ "error": "<sentence>", "fields"?: { "<field>": "<message>" } }`. */
export function apiError(status: number, message: string, fields?: Record<string, string>, headers?: HeadersInit): Response {
  return apiJson({ error: message, ...(fields && Object.keys(fields).length ? { fields } : {}) }, status, headers);
}

/** Herald's addition: `If-Match` with the object's ETag; a stale one is refused with 412. */
export function requireIfMatch(request: Request, etag: string): void {
  const header = request.headers.get("if-match");
  if (header === null || header.trim() === "*") return;
  // Weak comparison: W/"x" and "x" name the same revision.
  const bare = (tag: string) => tag.trim().replace(/^W\//i, "");
  if (header.split(",").some((tag) => bare(tag) === bare(etag))) return;
  throw new ApiError(412, "This was changed since you read it (If-Match does not match its ETag). Fetch it again, then retry your change.");
}

// --- keys --------------------------------------------------------------------------

/** One answer for a missing, wrong, revoked or expired key, so none can be told apart. */
export const UNAUTHENTICATED = "Send a valid API key in the Authorization header: `Authorization: OAuth <your key>`.";

/** The key in `Authorization: OAuth <key>` (Statuspage's form) or `Bearer <key>`, or null. */
export function keyFromHeader(header: string | null): string | null {
  const match = header?.match(/^\s*(?:OAuth|Bearer)\s+(\S+)\s*$/i);
  return match ? match[1] : null;
}

// --- throttle ------------------------------------------------------------------------

/** Per key, per process: bursts up to `burst`, then `refillPerSecond` a second. */
export const API_THROTTLE = { burst: 60, refillPerSecond: 5 } as const;

/** A token bucket per key; `now` is injectable so tests can move time. */
export class TokenBuckets {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(
    private readonly limits: { burst: number; refillPerSecond: number } = API_THROTTLE,
    private readonly now: () => number = Date.now,
  ) {}

  /** Takes one token for `id`: 0 when granted, else the whole seconds to wait. */
  take(id: string): number {
    const now = this.now();
    const bucket = this.buckets.get(id) ?? { tokens: this.limits.burst, at: now };
    bucket.tokens = Math.min(this.limits.burst, bucket.tokens + ((now - bucket.at) / 1000) * this.limits.refillPerSecond);
    bucket.at = now;
    this.buckets.set(id, bucket);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return 0;
    }
    // A full bucket holds nothing a later take needs: forget the idle ones now and then.
    if (this.buckets.size > 10_000) this.forgetFull(now);
    return Math.max(1, Math.ceil((1 - bucket.tokens) / this.limits.refillPerSecond));
  }

  private forgetFull(now: number) {
    for (const [id, bucket] of this.buckets) {
      if (bucket.tokens + ((now - bucket.at) / 1000) * this.limits.refillPerSecond >= this.limits.burst) this.buckets.delete(id);
    }
  }
}

const globalForThrottle = globalThis as unknown as { heraldApiThrottle?: TokenBuckets };
const throttle = () => (globalForThrottle.heraldApiThrottle ??= new TokenBuckets());

// --- bodies --------------------------------------------------------------------------

/** Larger bodies are refused with 413: an incident with its first update is a few KB. */
export const MAX_BODY_BYTES = 256 * 1024;

const FORM_OPTIONS: qs.IParseOptions = { depth: 5, arrayLimit: 200, parameterLimit: 2_000, allowPrototypes: false, allowDots: false };

async function readLimited(request: Request): Promise<Uint8Array<ArrayBuffer> | null> {
  const declared = Number(request.headers.get("content-length"));
  if (Number.isFinite(declared) && declared > MAX_BODY_BYTES) return null;
  if (!request.body) return new Uint8Array();
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > MAX_BODY_BYTES) {
      await reader.cancel();
      return null;
    }
    chunks.push(value);
  }
  return new Uint8Array(Buffer.concat(chunks));
}

/** The body as an object, and its text (for the idempotency fingerprint). */
export async function parseBody(request: Request): Promise<{ body: Record<string, unknown>; raw: string }> {
  const bytes = await readLimited(request);
  if (bytes === null) throw new ApiError(413, `The request body is too large: keep it under ${MAX_BODY_BYTES / 1024} KB.`);
  const raw = new TextDecoder().decode(bytes);
  if (raw.trim() === "") return { body: {}, raw: "" };
  const type = (request.headers.get("content-type") ?? "").split(";")[0].trim().toLowerCase();
  if (type === "application/json" || type.endsWith("+json")) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(raw);
    } catch {
      throw new ApiError(400, "The request body is not valid JSON.");
    }
    if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) throw new ApiError(400, "The request body must be a JSON object, e.g. {\"incident\": {…}}.");
    return { body: parsed as Record<string, unknown>, raw };
  }
  if (type === "application/x-www-form-urlencoded") return { body: qs.parse(raw, FORM_OPTIONS) as Record<string, unknown>, raw };
  if (type === "multipart/form-data") {
    let form: FormData;
    try {
      form = await new Response(bytes, { headers: { "content-type": request.headers.get("content-type")! } }).formData();
    } catch {
      throw new ApiError(400, "The multipart form body could not be read.");
    }
    const pairs = new URLSearchParams();
    for (const [name, value] of form.entries()) if (typeof value === "string") pairs.append(name, value);
    return { body: qs.parse(pairs.toString(), FORM_OPTIONS) as Record<string, unknown>, raw };
  }
  throw new ApiError(415, "Send the body as JSON (Content-Type: application/json) or as a form (application/x-www-form-urlencoded).");
}

// --- idempotency ---------------------------------------------------------------------

/** A stored answer is replayed for this long; older entries are ignored and pruned. */
export const IDEMPOTENCY_TTL_MS = 24 * 60 * 60_000;
/** A first request still running after this long is taken to have died mid-way. */
const IN_PROGRESS_MS = 2 * 60_000;
/** The placeholder's status while the first request runs. */
const PENDING = 0;

const code = (error: unknown) => (error as { code?: string } | null)?.code;

function fingerprintOf(request: Request, raw: string): string {
  return createHash("sha256").update(`${request.method} ${new URL(request.url).pathname}\n${raw}`).digest("hex");
}

/**
 * Runs `handle` at most once per (key, Idempotency-Key): a placeholder row is inserted
 * first, so a concurrent retry meets the unique key and is told to wait (409) instead of
 * writing twice. Only a success is kept to replay; after a refusal or a failure the row
 * goes, so the same key can be sent again once the request is fixed.
 */
async function idempotent(actor: ApiKeyActor, idempotencyKey: string, fingerprint: string, handle: () => Promise<Response>): Promise<Response> {
  const now = new Date();
  const where = { apiKeyId_key: { apiKeyId: actor.id, key: idempotencyKey } };
  await db().idempotentRequest.deleteMany({ where: { createdAt: { lt: new Date(now.getTime() - IDEMPOTENCY_TTL_MS) } } });
  try {
    await db().idempotentRequest.create({ data: { apiKeyId: actor.id, key: idempotencyKey, fingerprint, status: PENDING, body: "" } });
  } catch (error) {
    if (code(error) !== "P2002") throw error;
    const first = await db().idempotentRequest.findUnique({ where });
    if (!first) throw new ApiError(409, "A request with this Idempotency-Key was just finishing. Send it again.");
    if (first.fingerprint !== fingerprint) {
      throw new ApiError(422, "This Idempotency-Key was already used for a different request (another path or body). Use a new key for a new request.");
    }
    if (first.status === PENDING) {
      if (now.getTime() - first.createdAt.getTime() > IN_PROGRESS_MS) {
        throw new ApiError(409, "The first request with this Idempotency-Key did not finish, so whether it took effect is unknown. Check, then send it with a new key.");
      }
      throw new ApiError(409, "The first request with this Idempotency-Key is still being processed. Retry in a moment.");
    }
    return new Response(first.body, {
      status: first.status,
      headers: { "Content-Type": "application/json; charset=utf-8", "Cache-Control": "no-store", "Idempotent-Replayed": "true" },
    });
  }
  let response: Response;
  try {
    response = await handle();
  } catch (error) {
    await db().idempotentRequest.deleteMany({ where: { apiKeyId: actor.id, key: idempotencyKey } }).catch(() => undefined);
    throw error;
  }
  if (!response.ok) {
    await db().idempotentRequest.deleteMany({ where: { apiKeyId: actor.id, key: idempotencyKey } });
    return response;
  }
  const text = await response.text();
  await db().idempotentRequest.update({ where, data: { status: response.status, body: text } });
  return new Response(text, { status: response.status, headers: response.headers });
}

// --- errors --------------------------------------------------------------------------

/** The JSON answer for anything a handler throws. */
export function errorResponse(error: unknown): Response {
  if (error instanceof ApiError) return apiError(error.status, error.message, error.fields);
  if (error instanceof AuthError) return apiError(403, error.message);
  const refused = MutationError.from(error);
  if (refused?.code === "invalid") {
    const message = refused.message === CHECK_FIELDS ? "Some fields are not valid; see `fields` for each." : refused.message;
    return apiError(422, message, refused.fieldErrors);
  }
  if (refused) return apiError(refused.status, refused.message, refused.fieldErrors, refused.status === 503 ? { "Retry-After": "5" } : undefined);
  console.error("Write API request failed", error);
  return apiError(500, "Something went wrong on the server; nothing you could change caused it. Try again, and tell the page's owner if it keeps happening.");
}

// --- the route -----------------------------------------------------------------------

const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,255}$/;
const WITH_BODY = new Set(["POST", "PUT", "PATCH", "DELETE"]);

export function apiRoute<P extends Record<string, string>>(
  options: ApiRouteOptions,
  handle: (context: ApiRequestContext<P>) => Promise<Response>,
): (request: Request, context: { params: Promise<P> }) => Promise<Response> {
  return async function route(request, context) {
    try {
      const key = keyFromHeader(request.headers.get("authorization"));
      const actor = key ? await authenticateApiKey(key, request.headers.get("x-herald-client-ip") ?? "") : null;
      if (!actor) return apiError(401, UNAUTHENTICATED, undefined, { "WWW-Authenticate": 'OAuth realm="Herald"' });

      const wait = throttle().take(actor.id);
      if (wait > 0) return apiError(429, `Too many requests with this key. Wait ${wait} second${wait === 1 ? "" : "s"}, then retry.`, undefined, { "Retry-After": String(wait) });

      const params = await context.params;
      if (options.page !== false && params.pageId !== pageId(await getPageSettings())) {
        return apiError(404, "There is no page with this id here. Its id is in GET /api/v2/summary.json (page.id).");
      }
      authorize(actor, options.role);

      const { body, raw } = WITH_BODY.has(request.method) ? await parseBody(request) : { body: {}, raw: "" };
      const run = () => handle({ request, actor, params, body, query: new URL(request.url).searchParams });

      const idempotencyKey = request.headers.get("idempotency-key");
      if (!options.idempotent || request.method !== "POST" || idempotencyKey === null) return await run();
      if (!IDEMPOTENCY_KEY.test(idempotencyKey)) throw new ApiError(400, "The Idempotency-Key header must be 1 to 255 printable characters, without spaces.");
      return await idempotent(actor, idempotencyKey, fingerprintOf(request, raw), run);
    } catch (error) {
      return errorResponse(error);
    }
  };
}
