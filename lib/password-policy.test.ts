import { describe, expect, it } from "vitest";
import { passwordProblem } from "@/lib/password-policy";

describe("passwordProblem", () => {
  it("refuses short and common passwords", () => {
    expect(passwordProblem("short")).toMatch(/at least 12/);
    expect(passwordProblem("password123456")).toMatch(/too common/);
    expect(passwordProblem("qwertyuiopasdf")).toMatch(/too common/);
  });

  it("refuses a password made of the user's own email", () => {
    expect(passwordProblem("comms.lead@sega.example", ["comms.lead@sega.example"])).toMatch(/too common/);
  });

  it("accepts a long passphrase", () => {
    expect(passwordProblem("violet-harbour-tractor-seventeen")).toBeNull();
  });
});
