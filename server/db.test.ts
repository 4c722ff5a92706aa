import { describe, expect, it } from "vitest";
import { lastKnown } from "@/server/db";

// What read-only pages draw from while the database cannot be reached.

const unreachable = () => Promise.reject(Object.assign(new Error("Can't reach database server"), { code: "P1001" }));

describe("lastKnown", () => {
  it("answers with the last value read while the database is unreachable", async () => {
    expect(await lastKnown("answer", async () => 42)).toBe(42);
    expect(await lastKnown("answer", unreachable)).toBe(42);
    expect(await lastKnown("answer", async () => 43)).toBe(43);
    expect(await lastKnown("answer", unreachable)).toBe(43);
  });

  it("falls back, or fails, when nothing was read yet", async () => {
    expect(await lastKnown("never-read", unreachable, [])).toEqual([]);
    await expect(lastKnown("never-read-either", unreachable)).rejects.toThrow(/reach database/);
  });

  it("passes on errors that are not an outage", async () => {
    await lastKnown("bug", async () => 1);
    await expect(lastKnown("bug", () => Promise.reject(new Error("column does not exist")))).rejects.toThrow(/column does not exist/);
  });
});
