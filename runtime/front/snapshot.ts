// The last known public responses on disk, so an instance that starts while the
// database is down still has something true to show.
import { createHash } from "node:crypto";
import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import path from "node:path";
import { isSnapshotPath } from "@/lib/front";
import { makeEntry, type ResponseCache } from "./response-cache";

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

/** What the snapshot may hold, as JSON on disk. */
export const SNAPSHOT_MAX_BYTES = 16 * 1024 * 1024;

/**
 * Writes the most recently read responses whose keys `keep` accepts (canonical keys
 * only), up to `maxBytes` of JSON.
 */
export async function saveSnapshot(file: string, cache: ResponseCache, keep: (key: string) => boolean, maxBytes = SNAPSHOT_MAX_BYTES) {
  const parts: string[] = [];
  let bytes = 2;
  for (const [key, entry] of cache.newestFirst()) {
    if (!isSnapshotPath(key) || !keep(key)) continue;
    const record: SnapshotRecord = {
      key,
      status: entry.status,
      headers: entry.headers,
      body: entry.fresh.body.toString("base64"),
      staleBody: entry.stale.body.toString("base64"),
      storedAt: entry.storedAt.toISOString(),
    };
    const json = JSON.stringify(record);
    const size = Buffer.byteLength(json) + 1;
    if (bytes + size > maxBytes) break;
    parts.push(json);
    bytes += size;
  }
  await mkdir(path.dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  await writeFile(temporary, `[${parts.join(",")}]`);
  await rename(temporary, file);
}

/**
 * Restores the snapshot's responses whose keys `keep` accepts, the most recently read
 * first, up to `maxBytes` (a snapshot written by an older version may hold more). They
 * do not count as read.
 */
export async function loadSnapshot(file: string, cache: ResponseCache, keep: (key: string) => boolean, maxBytes = SNAPSHOT_MAX_BYTES): Promise<number> {
  let records: SnapshotRecord[];
  try {
    records = JSON.parse(await readFile(file, "utf8"));
    if (!Array.isArray(records)) return 0;
  } catch {
    return 0;
  }
  const kept: SnapshotRecord[] = [];
  let bytes = 2;
  for (const record of records) {
    if (typeof record?.key !== "string" || !isSnapshotPath(record.key) || !keep(record.key)) continue;
    bytes += Buffer.byteLength(JSON.stringify(record)) + 1;
    if (bytes > maxBytes) break;
    kept.push(record);
  }
  for (const record of kept.reverse()) {
    const entry = makeEntry(record.status, record.headers, Buffer.from(record.body, "base64"), SNAPSHOT_VERSION, Buffer.from(record.staleBody, "base64"), new Date(record.storedAt));
    cache.set(record.key, entry);
  }
  return kept.length;
}

/**
 * Writes the snapshot two seconds after a render was kept (several renders after a
 * change make one write), the canonical keys only.
 */
export function snapshotWriter(file: string, cache: ResponseCache, keep: (key: string) => boolean): () => void {
  let timer: NodeJS.Timeout | undefined;
  return () => {
    timer ??= setTimeout(() => {
      timer = undefined;
      saveSnapshot(file, cache, keep).catch((error) => console.error("front: could not save the snapshot:", (error as Error).message));
    }, 2_000).unref();
  };
}
