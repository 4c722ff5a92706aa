import { describe, expect, it } from "vitest";
import { etagOf, isNotModified, publicResponse } from "@/lib/http-cache";

describe("conditional GET", () => {
  const lastModified = new Date("2011-06-17T18:30:00.500Z");

  it("matches an ETag, a weak one, a list, or *", () => {
    const etag = etagOf("body");
    expect(isNotModified(new Headers({ "if-none-match": etag }), etag, lastModified)).toBe(true);
    expect(isNotModified(new Headers({ "if-none-match": `W/${etag}` }), etag, lastModified)).toBe(true);
    expect(isNotModified(new Headers({ "if-none-match": `"x", ${etag}` }), etag, lastModified)).toBe(true);
    expect(isNotModified(new Headers({ "if-none-match": "*" }), etag, lastModified)).toBe(true);
    expect(isNotModified(new Headers({ "if-none-match": '"x"' }), etag, lastModified)).toBe(false);
  });

  it("lets If-None-Match win over If-Modified-Since", () => {
    const headers = new Headers({ "if-none-match": '"x"', "if-modified-since": lastModified.toUTCString() });
    expect(isNotModified(headers, etagOf("body"), lastModified)).toBe(false);
  });

  it("compares Last-Modified to the second", () => {
    expect(isNotModified(new Headers({ "if-modified-since": "Fri, 17 Jun 2011 18:30:00 GMT" }), '"e"', lastModified)).toBe(true);
    expect(isNotModified(new Headers({ "if-modified-since": "Fri, 17 Jun 2011 18:29:59 GMT" }), '"e"', lastModified)).toBe(false);
    expect(isNotModified(new Headers({ "if-modified-since": "not a date" }), '"e"', lastModified)).toBe(false);
  });

  it("answers 304 without a body, with CORS and cache headers", async () => {
    const first = publicResponse(new Request("http://x/feed"), "body", { contentType: "text/plain", lastModified });
    expect(first.status).toBe(200);
    expect(first.headers.get("access-control-allow-origin")).toBe("*");
    expect(first.headers.get("cache-control")).toContain("s-maxage=");
    const again = publicResponse(new Request("http://x/feed", { headers: { "if-none-match": first.headers.get("etag")! } }), "body", {
      contentType: "text/plain",
      lastModified,
    });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe("");
  });
});
