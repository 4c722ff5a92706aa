import { describe, expect, it } from "vitest";
import { contentSecurityPolicy, isHttps, isSameOrigin } from "@/lib/security-headers";

describe("contentSecurityPolicy", () => {
  it("allows no inline script but this response's nonce, and no framing", () => {
    const csp = contentSecurityPolicy({ nonce: "abc123" });
    expect(csp).toContain("script-src 'self' 'nonce-abc123' 'strict-dynamic'");
    expect(csp).not.toContain("unsafe-inline");
    expect(csp).not.toContain("unsafe-eval");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).not.toContain("upgrade-insecure-requests");
  });

  it("allows no script at all without a nonce", () => {
    const csp = contentSecurityPolicy({});
    expect(csp).toContain("script-src 'none'");
    expect(csp).toContain("style-src 'self';");
    expect(csp).toContain("frame-ancestors 'none'");
  });

  it("upgrades subresources only over https", () => {
    expect(contentSecurityPolicy({ nonce: "n", https: true })).toContain("upgrade-insecure-requests");
  });
});

describe("isHttps", () => {
  it("trusts the first X-Forwarded-Proto hop", () => {
    expect(isHttps("http:", "https, http")).toBe(true);
    expect(isHttps("http:", null)).toBe(false);
    expect(isHttps("https:", null)).toBe(true);
  });
});

describe("isSameOrigin", () => {
  const site = { origin: "http://status.example", host: "status.example", forwardedHost: null };

  it("accepts a write from the site's own pages and refuses a foreign, missing or garbled origin", () => {
    expect(isSameOrigin(site, false)).toBe(true);
    expect(isSameOrigin({ ...site, origin: "https://attacker.example" }, false)).toBe(false);
    expect(isSameOrigin({ ...site, origin: null }, false)).toBe(false);
    expect(isSameOrigin({ ...site, origin: "null" }, false)).toBe(false);
  });

  it("ignores a client's X-Forwarded-Host unless a trusted proxy set it", () => {
    const forged = { origin: "https://attacker.example", host: "status.example", forwardedHost: "attacker.example" };
    expect(isSameOrigin(forged, false)).toBe(false);
    expect(isSameOrigin(forged, true)).toBe(true);
    // Behind the proxy, the public host is the forwarded one.
    expect(isSameOrigin({ origin: "https://status.example", host: "10.0.0.5:3000", forwardedHost: "status.example" }, true)).toBe(true);
  });
});
