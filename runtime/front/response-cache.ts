// The front's memory of public responses: what a reader gets while Next renders
// nothing, while the database is down, and under a flood. Everything a hit needs is
// computed once per entry, so answering is a map lookup and one write.
import { gzipSync } from "node:zlib";
import { etagOf, PUBLIC_CACHE_CONTROL } from "@/lib/http-cache";
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
  /** Served while the database is unreachable. */
  stale: Variant;
  /** When a reader last asked for it (0: never, in this process). */
  lastUsed: number;
  /** What it holds in memory, roughly. */
  bytes: number;
  /** Which render, in the order renders began, made it (0 for one restored from disk). */
  renderSeq?: number;
}

const GZIP_MIN_BYTES = 1024;
const CSP = { http: contentSecurityPolicy({}), https: contentSecurityPolicy({ https: true }) };

function variant(body: Buffer, contentType: string, headers: Record<string, string>, extra: Record<string, string>): Variant {
  const gzip = body.length >= GZIP_MIN_BYTES && /html|json|xml|svg|text/.test(contentType) ? gzipSync(body, { level: 6 }) : null;
  const etag = etagOf(body);
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
        "content-security-policy": https ? CSP.https : CSP.http,
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

export function makeEntry(status: number, headers: Record<string, string>, body: Buffer, version: number, staleBody: Buffer, storedAt = new Date()): CachedResponse {
  const contentType = headers["content-type"] ?? "";
  const fresh = variant(body, contentType, headers, {});
  const stale =
    staleBody === body
      ? variant(body, contentType, headers, { "x-herald-stale": "true", warning: '110 - "Response is Stale"' })
      : variant(staleBody, contentType, headers, { "x-herald-stale": "true", warning: '110 - "Response is Stale"' });
  return {
    status,
    headers,
    version,
    storedAt,
    lastModified: headers["last-modified"] ? new Date(headers["last-modified"]) : storedAt,
    fresh,
    stale,
    // Only a reader's request counts as use (ResponseCache.get), never a render.
    lastUsed: 0,
    bytes: ENTRY_OVERHEAD_BYTES + variantBytes(fresh, null) + variantBytes(stale, body),
  };
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
    for (const [oldestKey, oldest] of this.entries) {
      if (this.totalBytes <= this.maxBytes) break;
      if (oldestKey === key) continue;
      this.entries.delete(oldestKey);
      this.totalBytes -= oldest.bytes;
    }
    return true;
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
