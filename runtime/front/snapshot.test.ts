import { mkdtempSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { makeEntry, ResponseCache } from "./response-cache";
import { loadSnapshot, saveSnapshot } from "./snapshot";

const page = (bytes: number, version = 1) => {
  const body = Buffer.alloc(bytes, "a");
  return makeEntry(200, { "content-type": "text/plain" }, body, version, body);
};

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
