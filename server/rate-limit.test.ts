import { describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { allow, countHit, lockedUntil, lockKey } from "@/server/rate-limit";

// The counters behind sign-in throttling and the public forms' limits, under the
// parallel bursts an attacker would send.

const MINUTE = 60_000;

describe("rate-limit counters", () => {
  it("count every one of a parallel burst on a new key", async () => {
    const counts = await Promise.all(Array.from({ length: 40 }, () => countHit("burst:new", MINUTE)));
    expect(counts.sort((a, b) => a - b)).toEqual(Array.from({ length: 40 }, (_, index) => index + 1));
    expect((await db().loginThrottle.findUniqueOrThrow({ where: { key: "burst:new" } })).failures).toBe(40);
  });

  it("let exactly `limit` of a parallel burst through", async () => {
    const answers = await Promise.all(Array.from({ length: 30 }, () => allow("burst:limit", 20, MINUTE)));
    expect(answers.filter(Boolean)).toHaveLength(20);
  });

  it("start a new window once the old one has run out", async () => {
    const start = new Date("2026-01-01T00:00:00Z");
    for (let index = 0; index < 3; index++) await countHit("window", MINUTE, start);
    expect(await countHit("window", MINUTE, new Date(start.getTime() + MINUTE - 1))).toBe(4);
    expect(await countHit("window", MINUTE, new Date(start.getTime() + 2 * MINUTE))).toBe(1);
  });

  it("keep the later of two locks", async () => {
    const now = new Date();
    await countHit("locked", MINUTE, now);
    await lockKey("locked", new Date(now.getTime() + 10 * MINUTE));
    await lockKey("locked", new Date(now.getTime() + MINUTE));
    expect(await lockedUntil(["locked", "never-seen"], now)).toEqual(new Date(now.getTime() + 10 * MINUTE));
    expect(await lockedUntil(["locked"], new Date(now.getTime() + 11 * MINUTE))).toBeNull();
  });
});
