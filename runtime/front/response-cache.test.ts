import { describe, expect, it } from "vitest";
import { makeEntry, ResponseCache } from "./response-cache";

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
