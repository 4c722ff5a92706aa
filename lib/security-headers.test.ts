import { describe, expect, it } from "vitest";
import { contentSecurityPolicy, isHttps } from "@/lib/security-headers";

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
