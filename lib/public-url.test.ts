import { describe, expect, it } from "vitest";
import { normalisePublicUrl } from "@/lib/public-url";

describe("normalisePublicUrl", () => {
  it("keeps one form of each address", () => {
    const cases: [string, string][] = [
      ["https://status.example.com", "https://status.example.com"],
      ["https://status.example.com/", "https://status.example.com"],
      [" HTTPS://Status.EXAMPLE.com:443/ ", "https://status.example.com"],
      ["http://Status.Example.com:80", "http://status.example.com"],
      ["http://127.0.0.1:3000/", "http://127.0.0.1:3000"],
      ["https://example.com/Status//", "https://example.com/Status"],
      ["https://example.com/a/../status/", "https://example.com/status"],
      ["https://example.com/?", "https://example.com"],
      ["https://Bücher.example/", "https://xn--bcher-kva.example"],
      ["https://[2001:DB8::1]:8443/", "https://[2001:db8::1]:8443"],
      ["https://example.com/path with space", "https://example.com/path%20with%20space"],
    ];
    for (const [typed, stored] of cases) expect(normalisePublicUrl(typed), typed).toEqual({ url: stored });
  });

  it("refuses what would break the links made from it", () => {
    expect(normalisePublicUrl("ftp://example.com")).toEqual({ problem: "invalid" });
    expect(normalisePublicUrl("javascript:alert(1)")).toEqual({ problem: "invalid" });
    expect(normalisePublicUrl("status.example.com")).toEqual({ problem: "invalid" });
    expect(normalisePublicUrl("https://admin:hunter2@status.example.com")).toEqual({ problem: "credentials" });
    expect(normalisePublicUrl("https://admin@status.example.com")).toEqual({ problem: "credentials" });
    expect(normalisePublicUrl("https://status.example.com/?utm_source=x")).toEqual({ problem: "query" });
    expect(normalisePublicUrl("https://status.example.com/#top")).toEqual({ problem: "query" });
  });
});
