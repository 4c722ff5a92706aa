import { describe, expect, it } from "vitest";
import { isClientOnlyErrorShell, isPublicPageRequest, isSnapshotPath, markStale, stripScripts } from "@/lib/front";

describe("isPublicPageRequest", () => {
  it("takes document GETs of public pages", () => {
    expect(isPublicPageRequest("GET", "/", {})).toBe(true);
    expect(isPublicPageRequest("HEAD", "/incidents/abc", {})).toBe(true);
    expect(isPublicPageRequest("GET", "/history?month=2011-06", {})).toBe(true);
  });

  it("leaves assets, admin, APIs, writes and RSC requests to Next", () => {
    expect(isPublicPageRequest("GET", "/_next/static/chunks/a.js", {})).toBe(false);
    expect(isPublicPageRequest("GET", "/admin", {})).toBe(false);
    expect(isPublicPageRequest("GET", "/api/health", {})).toBe(false);
    expect(isPublicPageRequest("GET", "/api/health", {}, true)).toBe(false);
    expect(isPublicPageRequest("GET", "/api/v2/summary.json", {}, true)).toBe(true);
    expect(isPublicPageRequest("GET", "/administrators-guide", {})).toBe(true);
    expect(isPublicPageRequest("POST", "/", {})).toBe(false);
    expect(isPublicPageRequest("GET", "/", { rsc: "1" })).toBe(false);
  });

  it("keeps the subscribe form, never the pages reached by personal links", () => {
    expect(isPublicPageRequest("GET", "/subscribe", {})).toBe(true);
    expect(isPublicPageRequest("POST", "/subscribe", {})).toBe(false);
    expect(isPublicPageRequest("GET", "/subscriptions/manage?token=abc.0.sig", {})).toBe(false);
    expect(isPublicPageRequest("GET", "/subscriptions/confirm?token=abc.1.sig", {})).toBe(false);
    expect(isPublicPageRequest("GET", "/subscribers-guide", {})).toBe(true);
  });
});

describe("isSnapshotPath", () => {
  it("keeps pages on disk, but not the subscribe form, whose action ids a rebuild changes", () => {
    expect(isSnapshotPath("/")).toBe(true);
    expect(isSnapshotPath("/history.rss")).toBe(true);
    expect(isSnapshotPath("/subscribe")).toBe(false);
    expect(isSnapshotPath("/subscribe?from=header")).toBe(false);
  });
});

describe("isClientOnlyErrorShell", () => {
  it("spots Next's empty not-found shell", () => {
    expect(isClientOnlyErrorShell(404, '<!DOCTYPE html><html id="__next_error__"><head>')).toBe(true);
    expect(isClientOnlyErrorShell(404, '<!DOCTYPE html><html lang="en"><body><h1>Page not found</h1>')).toBe(false);
    expect(isClientOnlyErrorShell(200, '<html id="__next_error__"')).toBe(false);
  });
});

describe("stripScripts", () => {
  it("removes Next's runtime, flight data and script preloads", () => {
    const html =
      '<html><head><link rel="stylesheet" href="/a.css"/><link rel="preload" as="script" fetchPriority="low" href="/x.js"/>' +
      '<script src="/x.js" async=""></script></head><body><main id="main">Hi</main>' +
      '<script>(self.__next_f=self.__next_f||[]).push([0])</script><script nonce="n">self.__next_f.push([1,"\\u003c/script\\u003e"])</script></body></html>';
    expect(stripScripts(html)).toBe('<html><head><link rel="stylesheet" href="/a.css"/></head><body><main id="main">Hi</main></body></html>');
  });

  it("refuses to half-strip", () => {
    expect(stripScripts("<script>never closed")).toBeNull();
  });
});

describe("markStale", () => {
  it("puts a notice at the top of the main content", () => {
    const html = markStale('<body><main id="main" class="x"><h1>Status</h1></main></body>', new Date("2011-06-17T18:30:00Z"));
    expect(html).toMatch(/^<body><main id="main" class="x"><p role="status"[^>]*>This page may be out of date/);
    expect(html).toContain('<time datetime="2011-06-17T18:30:00.000Z">');
  });
});
