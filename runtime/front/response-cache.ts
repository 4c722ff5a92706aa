// The front's memory of public responses: what a reader gets while Next renders
// nothing, while the database is down, and under a flood. Everything a hit needs is
// computed once per entry, so answering is a map lookup and one write.
import { gzipSync } from "node:zlib";
import { etagOf, PUBLIC_CACHE_CONTROL } from "@/lib/http-cache";
import { liveScriptHash } from "@/lib/live-page";
import { contentSecurityPolicy, HSTS } from "@/lib/security-headers";

interface Variant {
  body: Buffer;
  gzip: Buffer | null;
  etag: string;
  /** Flat header lists for writeHead, by `${gzip}|${https}`. */
  heads: Map<string, string[]>;
}

export interface CachedResponse {
  status: number;
  /** Next's headers as kept (for the snapshot on disk). */
  headers: Record<string, string>;
  /** The data version it was rendered from. */
  version: number;
  storedAt: Date;
  lastModified: Date;
  fresh: Variant;
  /** Served while the database is unreachable; built on first use (makeEntry). */
  readonly stale: Variant;
  /** When a reader last asked for it (0: never, in this process). */
  lastUsed: number;
  /** What it holds in memory, roughly. */
  bytes: number;
  /** Which render, in the order renders began, made it (0 for one restored from disk). */
  renderSeq?: number;
  /** Told when the entry grows (its stale variant built), so the cache counts it. */
  grew?: (bytes: number) => void;
}

const GZIP_MIN_BYTES = 1024;
const POLICIES = new Map<string | null, { http: string; https: string }>();

/** A page's policy allows exactly the live script its tag names (lib/live-page.ts), or no script. */
function policiesFor(body: Buffer, contentType: string) {
  const scriptHash = contentType.startsWith("text/html") ? liveScriptHash(body.toString("latin1")) : null;
  let policies = POLICIES.get(scriptHash);
  if (!policies) {
    const options = scriptHash === null ? {} : { scriptHash };
    policies = { http: contentSecurityPolicy(options), https: contentSecurityPolicy({ ...options, https: true }) };
    POLICIES.set(scriptHash, policies);
  }
  return policies;
}

function variant(body: Buffer, contentType: string, headers: Record<string, string>, extra: Record<string, string>): Variant {
  const gzip = body.length >= GZIP_MIN_BYTES && /html|json|xml|svg|text/.test(contentType) ? gzipSync(body, { level: 6 }) : null;
  const etag = etagOf(body);
  const csp = policiesFor(body, contentType);
  const heads = new Map<string, string[]>();
  for (const zipped of [false, true]) {
    if (zipped && !gzip) continue;
    for (const https of [false, true]) {
      const all: Record<string, string> = {
        ...headers,
        ...extra,
        etag,
        "cache-control": PUBLIC_CACHE_CONTROL,
        vary: "Accept-Encoding",
        "content-security-policy": https ? csp.https : csp.http,
        "content-length": String(zipped ? gzip!.length : body.length),
      };
      if (zipped) all["content-encoding"] = "gzip";
      if (https) all["strict-transport-security"] = HSTS;
      heads.set(`${zipped}|${https}`, Object.entries(all).flat());
    }
  }
  return { body, gzip, etag, heads };
}

/** Roughly what an entry costs beyond its buffers: the key, header lists, objects. */
const ENTRY_OVERHEAD_BYTES = 1024;

function variantBytes(variant: Variant, shared: Buffer | null): number {
  let bytes = (variant.body === shared ? 0 : variant.body.length) + (variant.gzip?.length ?? 0);
  for (const head of variant.heads.values()) for (const part of head) bytes += part.length;
  return bytes;
}

const STALE_HEADERS = { "x-herald-stale": "true", warning: '110 - "Response is Stale"' };

/**
 * An entry for a response. The "may be out of date" variant (`staleBody`, or a function
 * making it) is built the first time it is served: only while the database is
 * unreachable, so the whole public set costs its fresh bytes alone the rest of the time.
 */
export function makeEntry(status: number, headers: Record<string, string>, body: Buffer, version: number, staleBody: Buffer | (() => Buffer), storedAt = new Date()): CachedResponse {
  const contentType = headers["content-type"] ?? "";
  const fresh = variant(body, contentType, headers, {});
  let stale: Variant | undefined;
  const entry: CachedResponse = {
    status,
    headers,
    version,
    storedAt,
    lastModified: headers["last-modified"] ? new Date(headers["last-modified"]) : storedAt,
    fresh,
    get stale() {
      if (!stale) {
        stale = variant(typeof staleBody === "function" ? staleBody() : staleBody, contentType, headers, STALE_HEADERS);
        const added = variantBytes(stale, body);
        entry.bytes += added;
        entry.grew?.(added);
      }
      return stale;
    },
    // Only a reader's request counts as use (ResponseCache.get), never a render.
    lastUsed: 0,
    bytes: ENTRY_OVERHEAD_BYTES + variantBytes(fresh, null),
  };
  return entry;
}

/** What the responses in memory may take: a few thousand pages. */
export const DEFAULT_CACHE_BYTES = 64 * 1024 * 1024;

/**
 * The responses in memory, bounded by bytes. The map's order is the eviction order: a
 * reader's use moves an entry to the end, a re-render replaces it where it stands, and
 * the least recently read go first.
 */
export class ResponseCache {
  private entries = new Map<string, CachedResponse>();
  private totalBytes = 0;
  private pinned: ReadonlySet<string> = new Set();

  constructor(private readonly maxBytes = DEFAULT_CACHE_BYTES) {}

  /** A reader's lookup: counts as use. */
  get(key: string, now = Date.now()): CachedResponse | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    // Moved to the end at most once a second: the hottest keys are read thousands of times a second.
    if (now - entry.lastUsed >= 1_000) {
      this.entries.delete(key);
      this.entries.set(key, entry);
    }
    entry.lastUsed = now;
    return entry;
  }

  /** The entry without counting it as used. */
  peek(key: string): CachedResponse | undefined {
    return this.entries.get(key);
  }

  /**
   * Keeps a render. A re-render is no use: it keeps the entry's place and last use. A
   * slower render begun before the kept one's (lower renderSeq) is refused: false.
   */
  set(key: string, entry: CachedResponse): boolean {
    const previous = this.entries.get(key);
    if (previous) {
      if ((previous.renderSeq ?? 0) > (entry.renderSeq ?? 0)) return false;
      entry.lastUsed = Math.max(entry.lastUsed, previous.lastUsed);
      this.totalBytes -= previous.bytes;
    }
    this.entries.set(key, entry);
    this.totalBytes += entry.bytes;
    // Counted while it is this key's entry; the next set() evicts if that went over.
    entry.grew = (bytes) => {
      if (this.entries.get(key) === entry) this.totalBytes += bytes;
    };
    if (this.totalBytes > this.maxBytes) this.evict(key);
    return true;
  }

  /**
   * The whole public set: kept while anything else can go, so a reader of old pages
   * never pushes out a page the snapshot and an outage need.
   */
  pin(keys: ReadonlySet<string>) {
    this.pinned = keys;
  }

  /** Drops every entry whose key `keep` refuses. */
  prune(keep: (key: string) => boolean) {
    for (const [key, entry] of this.entries) {
      if (keep(key)) continue;
      this.entries.delete(key);
      this.totalBytes -= entry.bytes;
    }
  }

  /** The least recently read first: others, then (only if that was not enough) the pinned. */
  private evict(keep: string) {
    for (const spare of [false, true]) {
      for (const [oldestKey, oldest] of this.entries) {
        if (this.totalBytes <= this.maxBytes) return;
        if (oldestKey === keep || (!spare && this.pinned.has(oldestKey))) continue;
        this.entries.delete(oldestKey);
        this.totalBytes -= oldest.bytes;
      }
    }
  }

  /** Every entry, the most recently read first. */
  *newestFirst(): Generator<[string, CachedResponse]> {
    const all = [...this.entries];
    for (let index = all.length - 1; index >= 0; index--) yield all[index];
  }

  /** Up to `limit` keys read since `since`, most recent first: what to re-render after a change. */
  recentlyUsed(limit: number, since: number): string[] {
    const keys: string[] = [];
    for (const [key, entry] of this.newestFirst()) {
      if (keys.length >= limit) break;
      if (entry.lastUsed >= since) keys.push(key);
    }
    return keys;
  }

  get size() {
    return this.entries.size;
  }

  get bytes() {
    return this.totalBytes;
  }
}
