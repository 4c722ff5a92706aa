// The front's memory of public responses: what a reader gets while Next renders
// nothing, while the database is down, and under a flood. Everything a hit needs is
// computed once per entry, so answering is a map lookup and one write.
import { createHash } from "node:crypto";
import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { etagOf, PUBLIC_CACHE_CONTROL } from "@/lib/http-cache";
import { contentSecurityPolicy, HSTS } from "@/lib/security-headers";
import { isSnapshotPath } from "@/lib/front";

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
  lastUsed: number;
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
    lastUsed: Date.now(),
  };
}

/** A bounded map; the least recently used entry goes first. */
export class ResponseCache {
  private entries = new Map<string, CachedResponse>();

  constructor(private readonly maxEntries = 5000) {}

  get(key: string): CachedResponse | undefined {
    const entry = this.entries.get(key);
    if (entry) entry.lastUsed = Date.now();
    return entry;
  }

  /** The entry without counting it as used. */
  peek(key: string): CachedResponse | undefined {
    return this.entries.get(key);
  }

  set(key: string, entry: CachedResponse) {
    this.entries.delete(key);
    this.entries.set(key, entry);
    if (this.entries.size > this.maxEntries) {
      let oldestKey: string | undefined;
      let oldest = Infinity;
      for (const [candidate, value] of this.entries) {
        if (value.lastUsed < oldest) {
          oldest = value.lastUsed;
          oldestKey = candidate;
        }
      }
      if (oldestKey !== undefined) this.entries.delete(oldestKey);
    }
  }

  /** The most recently used entries, for the snapshot on disk. */
  mostRecent(limit: number): [string, CachedResponse][] {
    return [...this.entries].sort(([, a], [, b]) => b.lastUsed - a.lastUsed).slice(0, limit);
  }

  /** Keys used since `since`, for re-rendering the hot ones after a change. */
  keysUsedSince(since: number): string[] {
    return [...this.entries].filter(([, entry]) => entry.lastUsed >= since).map(([key]) => key);
  }

  get size() {
    return this.entries.size;
  }
}

// The last known public responses on disk, so an instance that starts while the
// database is down still has something true to show.
interface SnapshotRecord {
  key: string;
  status: number;
  headers: Record<string, string>;
  body: string;
  staleBody: string;
  storedAt: string;
}

/** One snapshot per database, so a snapshot never shows another database's pages. */
export function snapshotPath(dir: string, databaseUrl: string): string {
  const id = createHash("sha256").update(databaseUrl).digest("hex").slice(0, 12);
  return path.join(dir, ".herald", `front-snapshot-${id}.json`);
}

/** Never equal to a real data version: snapshot entries serve only when nothing fresher can be had. */
export const SNAPSHOT_VERSION = -2;

export async function saveSnapshot(file: string, cache: ResponseCache, limit = 300) {
  const records: SnapshotRecord[] = cache.mostRecent(limit).filter(([key]) => isSnapshotPath(key)).map(([key, entry]) => ({
    key,
    status: entry.status,
    headers: entry.headers,
    body: entry.fresh.body.toString("base64"),
    staleBody: entry.stale.body.toString("base64"),
    storedAt: entry.storedAt.toISOString(),
  }));
  await mkdir(path.dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  await writeFile(temporary, JSON.stringify(records));
  await rename(temporary, file);
}

export async function loadSnapshot(file: string, cache: ResponseCache): Promise<number> {
  let records: SnapshotRecord[];
  try {
    records = JSON.parse(await readFile(file, "utf8"));
  } catch {
    return 0;
  }
  for (const record of records.reverse()) {
    const entry = makeEntry(record.status, record.headers, Buffer.from(record.body, "base64"), SNAPSHOT_VERSION, Buffer.from(record.staleBody, "base64"), new Date(record.storedAt));
    cache.set(record.key, entry);
  }
  return records.length;
}
