import { describe, expect, it } from "vitest";
import { isClientOnlyErrorShell, isPublicPageRequest } from "@/lib/front";

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
    expect(isPublicPageRequest("POST", "/", {})).toBe(false);
    expect(isPublicPageRequest("GET", "/", { rsc: "1" })).toBe(false);
  });
});

describe("isClientOnlyErrorShell", () => {
  it("spots Next's empty not-found shell", () => {
    expect(isClientOnlyErrorShell(404, '<!DOCTYPE html><html id="__next_error__"><head>')).toBe(true);
    expect(isClientOnlyErrorShell(404, '<!DOCTYPE html><html lang="en"><body><h1>Page not found</h1>')).toBe(false);
    expect(isClientOnlyErrorShell(200, '<html id="__next_error__"')).toBe(false);
  });
});
