import { describe, expect, it } from "vitest";
import { statusBadge } from "@/lib/badge";

describe("statusBadge", () => {
  it("names the status in words for tooltips and screen readers", () => {
    const svg = statusBadge("Forums", "major_outage");
    expect(svg).toContain('role="img" aria-label="Forums: Major outage"');
    expect(svg).toContain("<title>Forums: Major outage</title>");
  });

  it("escapes a hostile name", () => {
    const svg = statusBadge('<script>alert("x")</script>', "operational");
    expect(svg).not.toContain("<script");
    expect(svg).toContain("&#60;script&#62;alert(&#34;x&#34;)&#60;/script&#62;");
  });
});
