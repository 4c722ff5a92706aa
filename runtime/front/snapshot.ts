// The last known public responses on disk, so an instance that starts while the
// database is down still has the whole public site to show: every page, feed, API
// answer and badge of the last full re-render, then what readers read besides, with
// what existed then (ids, slugs, months), so unknown addresses still share one 404.
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import path from "node:path";
import { gunzipSync, gzipSync } from "node:zlib";
import { isSnapshotPath, markStale, type PublicRoutes } from "@/lib/front";
import { DEFAULT_LOCALE, localeOr } from "@/lib/i18n/locales";
import { makeEntry, type CachedResponse, type ResponseCache } from "./response-cache";

/** One response on disk: its body gzipped; the "may be out of date" variant is derived again on load. */
interface SnapshotRecord {
  key: string;
  status: number;
  headers: Record<string, string>;
  gzip: string;
  storedAt: string;
}

/** What an older version wrote: a bare array of these. */
interface LegacyRecord {
  key: string;
  status: number;
  headers: Record<string, string>;
  body: string;
  staleBody: string;
  storedAt: string;
}

interface SnapshotFile {
  format: 2;
  /** The Next build that rendered it: the subscribe form's action ids belong to it. */
  build: string | null;
  /** Without defaultLocale when an older version wrote it: every page was in English then. */
  routes: { incidents: string[]; services: string[]; earliestMonth: string | null; currentMonth: string; defaultLocale?: string } | null;
  entries: SnapshotRecord[];
}

/** One snapshot per database, so a snapshot never shows another database's pages. */
export function snapshotPath(dir: string, databaseUrl: string): string {
  const id = createHash("sha256").update(databaseUrl).digest("hex").slice(0, 12);
  return path.join(dir, ".herald", `front-snapshot-${id}.json`);
}

/** The id of the Next build in `dir`, null when there is none. */
export function readBuildId(dir: string): string | null {
  try {
    return readFileSync(path.join(dir, ".next", "BUILD_ID"), "utf8").trim();
  } catch {
    return null;
  }
}

/** Never equal to a real data version: snapshot entries serve only when nothing fresher can be had. */
export const SNAPSHOT_VERSION = -2;

/** What the snapshot may hold, as JSON on disk (bodies are gzipped: a few thousand pages). */
export const SNAPSHOT_MAX_BYTES = 64 * 1024 * 1024;

export interface SaveOptions {
  /** Keys that go first, in this order (the whole public set); then the most recently read. */
  first?: readonly string[];
  routes?: PublicRoutes | null;
  build?: string | null;
  maxBytes?: number;
}

function record(key: string, entry: CachedResponse): SnapshotRecord {
  return {
    key,
    status: entry.status,
    headers: entry.headers,
    gzip: (entry.fresh.gzip ?? gzipSync(entry.fresh.body)).toString("base64"),
    storedAt: entry.storedAt.toISOString(),
  };
}

/**
 * Writes `options.first`, then the most recently read responses, whose keys `keep`
 * accepts (canonical keys only), up to `maxBytes` of JSON. Returns how many it wrote.
 */
export async function saveSnapshot(file: string, cache: ResponseCache, keep: (key: string) => boolean, options: SaveOptions = {}): Promise<number> {
  const { first = [], routes = null, build = null, maxBytes = SNAPSHOT_MAX_BYTES } = options;
  const head: Omit<SnapshotFile, "entries"> = {
    format: 2,
    build,
    routes: routes && {
      incidents: [...routes.incidents],
      services: [...routes.services],
      earliestMonth: routes.earliestMonth,
      currentMonth: routes.currentMonth,
      defaultLocale: routes.defaultLocale,
    },
  };
  const headJson = JSON.stringify(head);
  const parts: string[] = [];
  let bytes = headJson.length + 16;
  const seen = new Set<string>();
  function* candidates(): Generator<[string, CachedResponse | undefined]> {
    for (const key of first) yield [key, cache.peek(key)];
    yield* cache.newestFirst();
  }
  for (const [key, entry] of candidates()) {
    if (!entry || seen.has(key) || !keep(key)) continue;
    seen.add(key);
    const json = JSON.stringify(record(key, entry));
    const size = Buffer.byteLength(json) + 1;
    if (bytes + size > maxBytes) break;
    parts.push(json);
    bytes += size;
  }
  await mkdir(path.dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  await writeFile(temporary, `${headJson.slice(0, -1)},"entries":[${parts.join(",")}]}`);
  await rename(temporary, file);
  return parts.length;
}

function restoredEntry(record: SnapshotRecord | LegacyRecord): CachedResponse {
  const storedAt = new Date(record.storedAt);
  if ("body" in record) {
    return makeEntry(record.status, record.headers, Buffer.from(record.body, "base64"), SNAPSHOT_VERSION, Buffer.from(record.staleBody, "base64"), storedAt);
  }
  const body = gunzipSync(Buffer.from(record.gzip, "base64"));
  const html = (record.headers["content-type"] ?? "").startsWith("text/html");
  const staleBody = html ? () => Buffer.from(markStale(body.toString("utf8"), storedAt)) : body;
  return makeEntry(record.status, record.headers, body, SNAPSHOT_VERSION, staleBody, storedAt);
}

export interface Restored {
  count: number;
  /** What existed when it was written; null for a snapshot from an older version. */
  routes: PublicRoutes | null;
}

/**
 * Restores the snapshot's responses whose keys `keep` accepts, up to `maxBytes` (a
 * snapshot written by an older version may hold more); the subscribe form only when
 * `build` drew it. They do not count as read.
 */
export async function loadSnapshot(file: string, cache: ResponseCache, keep: (key: string) => boolean, options: { build?: string | null; maxBytes?: number } = {}): Promise<Restored> {
  const { build = null, maxBytes = SNAPSHOT_MAX_BYTES } = options;
  let parsed: SnapshotFile | LegacyRecord[];
  try {
    parsed = JSON.parse(await readFile(file, "utf8"));
  } catch {
    return { count: 0, routes: null };
  }
  const records: (SnapshotRecord | LegacyRecord)[] = Array.isArray(parsed) ? parsed : Array.isArray(parsed?.entries) ? parsed.entries : [];
  const sameBuild = !Array.isArray(parsed) && build !== null && parsed.build === build;
  const kept: (SnapshotRecord | LegacyRecord)[] = [];
  let bytes = 2;
  for (const record of records) {
    if (typeof record?.key !== "string" || !(sameBuild || isSnapshotPath(record.key)) || !keep(record.key)) continue;
    bytes += Buffer.byteLength(JSON.stringify(record)) + 1;
    if (bytes > maxBytes) break;
    kept.push(record);
  }
  // Set oldest first, so the first written are the last to be evicted.
  for (const record of kept.reverse()) cache.set(record.key, restoredEntry(record));
  const saved = Array.isArray(parsed) ? null : parsed.routes;
  const routes: PublicRoutes | null = saved
    ? {
        incidents: new Set(saved.incidents),
        services: new Set(saved.services),
        earliestMonth: saved.earliestMonth,
        currentMonth: saved.currentMonth,
        defaultLocale: localeOr(saved.defaultLocale, DEFAULT_LOCALE),
      }
    : null;
  return { count: kept.length, routes };
}

/**
 * Calls `save` two seconds after a render was kept (several renders after a change make
 * one write), never twice at once and at most every `minIntervalMs`: a full re-render
 * keeps hundreds of responses, and each write holds them all.
 */
export function snapshotWriter(save: () => Promise<void>, minIntervalMs = 10_000): () => void {
  let timer: NodeJS.Timeout | undefined;
  let lastStarted = -Infinity;
  let writing = false;
  let again = false;
  const run = () => {
    timer = undefined;
    if (writing) {
      again = true;
      return;
    }
    writing = true;
    lastStarted = Date.now();
    save()
      .catch((error) => console.error("front: could not save the snapshot:", (error as Error).message))
      .finally(() => {
        writing = false;
        if (again) {
          again = false;
          schedule();
        }
      });
  };
  const schedule = () => {
    timer ??= setTimeout(run, Math.max(2_000, lastStarted + minIntervalMs - Date.now())).unref();
  };
  return schedule;
}
