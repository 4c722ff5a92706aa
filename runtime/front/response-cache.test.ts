import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { markStale } from "@/lib/front";
import { addLiveScript } from "@/lib/live-page";
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

  it("keeps the pinned whole set while readers of other pages fill memory, and gives it up only last", () => {
    const cache = new ResponseCache(100_000);
    cache.pin(new Set(["/", "/history"]));
    cache.set("/", page(20_000));
    cache.set("/history", page(20_000));
    // Forty old incident pages, each read once: the pinned two stay, never read as they are.
    for (let index = 0; index < 40; index++) {
      cache.set(`/incidents/i${index}`, page(20_000));
      cache.get(`/incidents/i${index}`, 1_000 + index);
    }
    expect(cache.peek("/")).toBeDefined();
    expect(cache.peek("/history")).toBeDefined();
    expect(cache.peek("/incidents/i39")).toBeDefined();
    expect(cache.peek("/incidents/i0")).toBeUndefined();
    expect(cache.bytes).toBeLessThanOrEqual(100_000);
    // A set larger than memory: the least recently read of it go too.
    cache.pin(new Set(Array.from({ length: 40 }, (_, index) => `/incidents/i${index}`)));
    cache.set("/history", page(90_000));
    expect(cache.peek("/history")).toBeDefined();
    expect(cache.bytes).toBeLessThanOrEqual(100_000);
  });
});

describe("makeEntry's security policy", () => {
  const policyOf = (entry: ReturnType<typeof makeEntry>, variant: "fresh" | "stale", key = "false|false") => {
    const head = entry[variant].heads.get(key)!;
    return head[head.indexOf("content-security-policy") + 1];
  };

  it("allows a page exactly the live script its tag names, in both variants, and anything else no script", () => {
    const hash = createHash("sha256").update("live").digest("base64");
    const html = Buffer.from(addLiveScript("<html><head></head><body><main>Hi</main></body></html>", hash, 3));
    const live = makeEntry(200, { "content-type": "text/html; charset=utf-8" }, html, 3, Buffer.from(markStale(html.toString(), new Date())));
    for (const variant of ["fresh", "stale"] as const) {
      expect(policyOf(live, variant)).toContain(`script-src 'sha256-${hash}';`);
      expect(policyOf(live, variant, "false|true")).toContain("upgrade-insecure-requests");
    }
    const plain = Buffer.from("<html><head></head><body><main>Hi</main></body></html>");
    expect(policyOf(makeEntry(200, { "content-type": "text/html" }, plain, 3, plain), "fresh")).toContain("script-src 'none';");
    // The tag's text inside JSON (an update quoting it) allows nothing.
    const json = Buffer.from(JSON.stringify({ body: html.toString() }));
    expect(policyOf(makeEntry(200, { "content-type": "application/json" }, json, 3, json), "fresh")).toContain("script-src 'none';");
  });
});
