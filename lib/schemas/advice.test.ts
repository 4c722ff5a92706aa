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

  it("reads 'Tell subscribers' from the console's checkbox or the API's boolean, off unless asked", () => {
    const base = { incidentId: "inc_1", revision: "1", intent: "publish", body: "Over." };
    expect(postmortemSchema.parse(base).notify).toBe(false);
    expect(postmortemSchema.parse({ ...base, notify: "on" }).notify).toBe(true);
    expect(postmortemSchema.parse({ ...base, notify: true }).notify).toBe(true);
    expect(postmortemSchema.safeParse({ ...base, notify: "yes please" }).error?.issues[0].message).toBe("Tick the box or leave it empty.");
  });
});
