import { describe, expect, it } from "vitest";
import { statusBadge, textWidth } from "@/lib/badge";

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

describe("the badge in Japanese", () => {
  it("says the status in Japanese, for the eye, tooltips and screen readers", () => {
    const svg = statusBadge("フォーラム", "major_outage", "ja");
    expect(svg).toContain('aria-label="フォーラム：大規模障害"');
    expect(svg).toContain("<title>フォーラム：大規模障害</title>");
    expect(svg).toContain(">大規模障害</text>");
  });

  it("sizes wide characters at about a font size each: Verdana has no CJK glyphs, the fallback draws them square", () => {
    expect(textWidth("障害")).toBe(22);
    expect(textWidth("ｱｲ")).toBe(13);
    expect(textWidth("ＡＢ")).toBe(22);
    // "Sega Pass" as before (S, P 8; e, g, a, s 6.5; the space 3.5), then four wide characters.
    expect(textWidth("Sega Passログイン")).toBe(Math.ceil(8 + 6.5 * 3 + 3.5 + 8 + 6.5 * 3 + 11 * 4));
    // The Japanese half of a badge is wide enough for its text (11px a character, 6px padding each side).
    const svg = statusBadge("API", "partial_outage", "ja");
    const [, total] = /width="(\d+)"/.exec(svg)!;
    expect(Number(total)).toBe(textWidth("API") + 12 + 4 * 11 + 12);
  });
});
