import { mkdtempSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { PublicRoutes } from "@/lib/front";
import { makeEntry, ResponseCache } from "./response-cache";
import { loadSnapshot, saveSnapshot, SNAPSHOT_VERSION } from "./snapshot";

const page = (bytes: number, version = 1) => {
  const body = Buffer.alloc(bytes, "a");
  return makeEntry(200, { "content-type": "text/plain" }, body, version, body);
};

const keysIn = (file: string) => (JSON.parse(readFileSync(file, "utf8")) as { entries: { key: string }[] }).entries.map((record) => record.key);

describe("the snapshot on disk", () => {
  const dir = mkdtempSync(path.join(tmpdir(), "herald-snapshot-"));

  it("holds the whole public set first, then the most recently read, canonical keys only, up to a number of bytes", async () => {
    const cache = new ResponseCache();
    for (let index = 0; index < 50; index++) {
      cache.set(`/incidents/i${index}`, page(10_000));
      cache.get(`/incidents/i${index}`, 1_000 + index);
    }
    cache.set("/?cb=1", page(100));
    cache.get("/?cb=1", 5_000);
    // Rendered ahead of any reader: never read, still first.
    cache.set("/history?month=2011-05", page(100));
    const file = path.join(dir, "snapshot.json");
    await saveSnapshot(file, cache, (key) => !key.includes("?cb"), { first: ["/history?month=2011-05", "/incidents/i3"], maxBytes: 3_000 });
    expect(statSync(file).size).toBeLessThanOrEqual(3_000);
    const keys = keysIn(file);
    expect(keys.length).toBeGreaterThan(4);
    expect(keys).not.toContain("/?cb=1");
    expect(keys.slice(0, 4)).toEqual(["/history?month=2011-05", "/incidents/i3", "/incidents/i49", "/incidents/i48"]);
    expect(new Set(keys).size).toBe(keys.length);

    // Restored: in the same order of importance, not counted as read, labelled as no real version.
    const restored = new ResponseCache();
    expect((await loadSnapshot(file, restored, () => true)).count).toBe(keys.length);
    expect([...restored.newestFirst()].map(([key]) => key)).toEqual(keys);
    expect([...restored.newestFirst()].every(([, entry]) => entry.lastUsed === 0 && entry.version === SNAPSHOT_VERSION)).toBe(true);
    expect(restored.peek("/incidents/i3")!.fresh.body.equals(Buffer.alloc(10_000, "a"))).toBe(true);
  });

  it("keeps what existed, and marks pages again on the way back", async () => {
    const routes: PublicRoutes = { incidents: new Set(["cm1", "cm0"]), services: new Set(["forums"]), earliestMonth: "2011-04", currentMonth: "2011-06", defaultLocale: "en" };
    const cache = new ResponseCache();
    const html = Buffer.from(`<html><body><main id="main"><h1>Sega Pass</h1>${"<p>update</p>".repeat(200)}</main></body></html>`);
    cache.set("/", makeEntry(200, { "content-type": "text/html; charset=utf-8" }, html, 7, html, new Date("2011-06-17T14:00:00Z")));
    const file = path.join(dir, "routes.json");
    await saveSnapshot(file, cache, () => true, { routes });
    const restored = new ResponseCache();
    const { routes: back } = await loadSnapshot(file, restored, () => true);
    expect(back).toEqual(routes);
    expect([...back!.incidents]).toEqual(["cm1", "cm0"]);
    const entry = restored.peek("/")!;
    expect(entry.fresh.body.equals(html)).toBe(true);
    expect(entry.stale.body.toString()).toContain("This page may be out of date");
    expect(entry.stale.body.toString()).toContain("2011-06-17T14:00:00.000Z");
  });

  it("remembers which language had the plain addresses; a snapshot from before languages had English", async () => {
    const routes: PublicRoutes = { incidents: new Set(), services: new Set(), earliestMonth: null, currentMonth: "2011-06", defaultLocale: "ja" };
    const cache = new ResponseCache();
    cache.set("/en", page(100));
    const file = path.join(dir, "locale.json");
    await saveSnapshot(file, cache, () => true, { routes });
    const restored = new ResponseCache();
    expect((await loadSnapshot(file, restored, () => true)).routes).toEqual(routes);
    expect(restored.peek("/en")).toBeDefined();

    const saved = JSON.parse(readFileSync(file, "utf8"));
    delete saved.routes.defaultLocale;
    writeFileSync(file, JSON.stringify(saved));
    expect((await loadSnapshot(file, new ResponseCache(), () => true)).routes?.defaultLocale).toBe("en");
  });

  it("brings the subscribe form back only into the build that drew it", async () => {
    const cache = new ResponseCache();
    cache.set("/subscribe", page(100));
    cache.set("/", page(100));
    const file = path.join(dir, "build.json");
    await saveSnapshot(file, cache, () => true, { build: "build-a" });
    const same = new ResponseCache();
    expect((await loadSnapshot(file, same, () => true, { build: "build-a" })).count).toBe(2);
    const other = new ResponseCache();
    expect((await loadSnapshot(file, other, () => true, { build: "build-b" })).count).toBe(1);
    expect(other.peek("/subscribe")).toBeUndefined();
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
    const { count, routes } = await loadSnapshot(file, cache, (key) => !key.includes("?"), { maxBytes: 1_000_000 });
    expect(routes).toBeNull();
    expect(count).toBeGreaterThan(5);
    expect(count).toBeLessThan(20);
    const keys = [...cache.newestFirst()].map(([key]) => key);
    expect(keys.every((key) => key.startsWith("/incidents/"))).toBe(true);
    expect(keys[0]).toBe("/incidents/i1");
  });
});
