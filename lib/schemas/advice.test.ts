import { describe, expect, it } from "vitest";
import { adviceText, postmortemSchema } from "@/lib/schemas/advice";

describe("adviceText", () => {
  // A browser posts a textarea's lines with CRLF; the API and feeds then differed from what was typed.
  it("stores lines with LF whatever the browser sent, and empty as none", () => {
    expect(adviceText.parse("**Reset.**\r\n\r\nChange it elsewhere too.\r\n")).toBe("**Reset.**\n\nChange it elsewhere too.");
    expect(adviceText.parse("  \r\n ")).toBeNull();
  });
});

describe("postmortemSchema", () => {
  it("stores the postmortem's lines with LF", () => {
    const parsed = postmortemSchema.safeParse({ incidentId: "inc_1", revision: "1", intent: "draft", body: "## What happened\r\n\r\nA cache node failed." });
    expect(parsed.success && parsed.data.body).toBe("## What happened\n\nA cache node failed.");
  });
});
