import { mkdtempSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadSnapshot, makeEntry, ResponseCache, saveSnapshot } from "./front-cache";

const page = (bytes: number, version = 1) => {
  const body = Buffer.alloc(bytes, "a");
  return makeEntry(200, { "content-type": "text/plain" }, body, version, body);
};

describe("ResponseCache", () => {
  it("is bounded by bytes, not by a count of entries", () => {
    const cache = new ResponseCache(1024 * 1024);
    for (let index = 0; index < 200; index++) cache.set(`/page-${index}`, page(20_000));
    expect(cache.bytes).toBeLessThanOrEqual(1024 * 1024);
    expect(cache.size).toBeGreaterThan(20);
    expect(cache.size).toBeLessThan(60);
    // The newest stayed, the oldest went.
    expect(cache.peek("/page-199")).toBeDefined();
    expect(cache.peek("/page-0")).toBeUndefined();
  });

  it("evicts the least recently read first", () => {
    const size = page(10_000).bytes;
    const cache = new ResponseCache(size * 3 + 100);
    cache.set("/a", page(10_000));
    cache.set("/b", page(10_000));
    cache.set("/c", page(10_000));
    cache.get("/a");
    cache.set("/d", page(10_000));
    expect(cache.peek("/a")).toBeDefined();
    expect(cache.peek("/b")).toBeUndefined();
    expect([cache.peek("/c"), cache.peek("/d")].every(Boolean)).toBe(true);
  });

  it("does not count a re-render as a read", () => {
    const size = page(10_000).bytes;
    const cache = new ResponseCache(size * 2 + 100);
    cache.set("/old", page(10_000));
    cache.set("/read", page(10_000));
    cache.get("/read", 1_000);
    expect(cache.peek("/old")!.lastUsed).toBe(0);
    // A change re-renders both: /old keeps its place (first to go) and its last read.
    cache.set("/old", page(10_000, 2));
    cache.set("/read", page(10_000, 2));
    expect(cache.peek("/old")!.lastUsed).toBe(0);
    expect(cache.peek("/read")!.lastUsed).toBe(1_000);
    expect(cache.recentlyUsed(10, 1)).toEqual(["/read"]);
    cache.set("/new", page(10_000));
    expect(cache.peek("/old")).toBeUndefined();
    expect(cache.peek("/read")).toBeDefined();
  });

  it("refuses a slower render begun before the one it keeps", () => {
    const cache = new ResponseCache();
    const newer = Object.assign(page(10, 3), { renderSeq: 9 });
    const older = Object.assign(page(10, 2), { renderSeq: 4 });
    expect(cache.set("/", newer)).toBe(true);
    expect(cache.set("/", older)).toBe(false);
    expect(cache.peek("/")!.version).toBe(3);
  });

  it("lists what to re-render after a change: recent reads, newest first, bounded", () => {
    const cache = new ResponseCache();
    for (let index = 0; index < 100; index++) {
      cache.set(`/p${index}`, page(10));
      cache.get(`/p${index}`, 10_000 + index);
    }
    cache.get("/p5", 20_000);
    expect(cache.recentlyUsed(3, 0)).toEqual(["/p5", "/p99", "/p98"]);
    expect(cache.recentlyUsed(50, 10_097)).toEqual(["/p5", "/p99", "/p98", "/p97"]);
  });
});

describe("the snapshot on disk", () => {
  const dir = mkdtempSync(path.join(tmpdir(), "herald-snapshot-"));

  it("holds canonical keys only, the most recently read first, up to a number of bytes", async () => {
    const cache = new ResponseCache();
    for (let index = 0; index < 50; index++) {
      cache.set(`/incidents/i${index}`, page(10_000));
      cache.get(`/incidents/i${index}`, 1_000 + index);
    }
    cache.set("/?cb=1", page(100));
    cache.get("/?cb=1", 5_000);
    const file = path.join(dir, "snapshot.json");
    await saveSnapshot(file, cache, (key) => !key.includes("?"), 200_000);
    expect(statSync(file).size).toBeLessThanOrEqual(200_000);
    const keys = (JSON.parse(readFileSync(file, "utf8")) as { key: string }[]).map((record) => record.key);
    expect(keys.length).toBeGreaterThan(3);
    expect(keys).not.toContain("/?cb=1");
    expect(keys.slice(0, 3)).toEqual(["/incidents/i49", "/incidents/i48", "/incidents/i47"]);

    // Restored: in the same order, not counted as read.
    const restored = new ResponseCache();
    expect(await loadSnapshot(file, restored, () => true)).toBe(keys.length);
    expect([...restored.newestFirst()].map(([key]) => key)).toEqual(keys);
    expect([...restored.newestFirst()].every(([, entry]) => entry.lastUsed === 0)).toBe(true);
  });

  it("restores from an older, larger snapshot only canonical keys, up to a number of bytes", async () => {
    const file = path.join(dir, "old.json");
    const body = Buffer.alloc(30_000, "b").toString("base64");
    const records = Array.from({ length: 300 }, (_, index) => ({
      key: index % 2 === 0 ? `/?cb=${index}` : `/incidents/i${index}`,
      status: 200,
      headers: { "content-type": "text/html" },
      body,
      staleBody: body,
      storedAt: new Date().toISOString(),
    }));
    writeFileSync(file, JSON.stringify(records));
    const cache = new ResponseCache();
    const count = await loadSnapshot(file, cache, (key) => !key.includes("?"), 1_000_000);
    expect(count).toBeGreaterThan(5);
    expect(count).toBeLessThan(20);
    const keys = [...cache.newestFirst()].map(([key]) => key);
    expect(keys.every((key) => key.startsWith("/incidents/"))).toBe(true);
    expect(keys[0]).toBe("/incidents/i1");
  });
});
