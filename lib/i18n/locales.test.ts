import { describe, expect, it } from "vitest";
import { formatList } from "@/lib/i18n/locales";

describe("formatList", () => {
  it("lists names as each language writes them in a sentence", () => {
    expect(formatList(["Sega Pass login", "Forums", "Payments"], "en")).toBe("Sega Pass login, Forums and Payments");
    expect(formatList(["Sega Pass login", "Forums", "Payments"], "ja")).toBe("Sega Pass login、Forums、Payments");
    expect(formatList(["Forums"], "ja")).toBe("Forums");
  });
});
