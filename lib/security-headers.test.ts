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

  it("allows a public page one script, by the hash of its bytes, and connections to this origin only then", () => {
    const csp = contentSecurityPolicy({ scriptHash: "n4bQgYhMfWWaL+qgxVrQFaO/TxsrC4Is0V1sFbDwCgg=" });
    expect(csp).toContain("script-src 'sha256-n4bQgYhMfWWaL+qgxVrQFaO/TxsrC4Is0V1sFbDwCgg=';");
    expect(csp).not.toMatch(/script-src[^;]*('self'|'unsafe-inline'|'strict-dynamic'|https?:)/);
    expect(csp).toContain("connect-src 'self';");
    expect(contentSecurityPolicy({})).toContain("connect-src 'none';");
    // The admin pages' policy is the nonce's, whatever else is passed.
    expect(contentSecurityPolicy({ nonce: "abc123", scriptHash: "x" })).toBe(contentSecurityPolicy({ nonce: "abc123" }));
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
