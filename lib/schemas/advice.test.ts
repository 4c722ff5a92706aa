import { describe, expect, it } from "vitest";
import { adviceText } from "@/lib/schemas/advice";

describe("adviceText", () => {
  // A browser posts a textarea's lines with CRLF; the API and feeds then differed from what was typed.
  it("stores lines with LF whatever the browser sent, and empty as none", () => {
    expect(adviceText.parse("**Reset.**\r\n\r\nChange it elsewhere too.\r\n")).toBe("**Reset.**\n\nChange it elsewhere too.");
    expect(adviceText.parse("  \r\n ")).toBeNull();
  });
});
