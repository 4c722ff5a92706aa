import "server-only";
import { isIPv6 } from "node:net";
import { db } from "@/server/db";

// Fixed-window counters in the database, shared by every instance: the sign-in
// throttle and the public forms' limits (keys are namespaced, e.g. "account:<email>",
// "subscribe:client:<address>"). Every count is one atomic UPDATE (or INSERT), never a
// read then a write, so a burst of parallel requests cannot slip under a limit by all
// reading the same old count.

const WINDOW_RETRIES = 3;
const code = (error: unknown) => (error as { code?: string }).code;

/** Counts one more event for `key` in its current window and returns the window's count, this event included. */
export async function countHit(key: string, windowMs: number, now = new Date()): Promise<number> {
  const windowOpen = new Date(now.getTime() - windowMs);
  const select = { failures: true } as const;
  for (let attempt = 1; ; attempt++) {
    try {
      // Within the window: add one (UPDATE … RETURNING, so the count is this request's own).
      return (await db().loginThrottle.update({ where: { key, windowStart: { gte: windowOpen } }, data: { failures: { increment: 1 } }, select })).failures;
    } catch (error) {
      if (code(error) !== "P2025") throw error;
    }
    try {
      // A window that has run out starts again at one (a lock, if any, runs out by itself).
      return (await db().loginThrottle.update({ where: { key, windowStart: { lt: windowOpen } }, data: { failures: 1, windowStart: now }, select })).failures;
    } catch (error) {
      if (code(error) !== "P2025") throw error;
    }
    try {
      await db().loginThrottle.create({ data: { key, failures: 1, windowStart: now } });
      return 1;
    } catch (error) {
      // Another request created it or restarted it first: count again, as an increment.
      if (code(error) !== "P2002" || attempt === WINDOW_RETRIES) throw error;
    }
  }
}

/** Counts one more use of `key`; false when it is over `limit` within `windowMs`. */
export async function allow(key: string, limit: number, windowMs: number, now = new Date()): Promise<boolean> {
  return (await countHit(key, windowMs, now)) <= limit;
}

/** Locks `key` until `until` (kept if it is already locked for longer). */
export async function lockKey(key: string, until: Date): Promise<void> {
  await db().loginThrottle.updateMany({ where: { key, OR: [{ lockedUntil: null }, { lockedUntil: { lt: until } }] }, data: { lockedUntil: until } });
}

/** The latest time any of `keys` is locked until, or null. */
export async function lockedUntil(keys: string[], now: Date): Promise<Date | null> {
  const rows = await db().loginThrottle.findMany({ where: { key: { in: keys }, lockedUntil: { gt: now } } });
  const until = rows.map((row) => row.lockedUntil!.getTime());
  return until.length ? new Date(Math.max(...until)) : null;
}

/**
 * The name a client address is counted under: IPv4 as it is, IPv6 by its /64, since one
 * host or household is handed a whole /64 and could otherwise change address per request.
 */
export function addressKey(address: string): string {
  const plain = address.trim().replace(/^\[|\]$/g, "").replace(/%.*$/, "");
  if (!plain) return "unknown";
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(plain);
  if (mapped) return mapped[1];
  if (!isIPv6(plain)) return plain;
  const groups = (part: string) => (part ? part.split(":") : []);
  // An embedded IPv4 tail ("::ffff:1.2.3.4", "64:ff9b::1.2.3.4") stands for two groups.
  const width = (part: string[]) => part.reduce((sum, group) => sum + (group.includes(".") ? 2 : 1), 0);
  const [head, tail] = plain.split("::");
  const full = tail === undefined ? groups(head) : [...groups(head), ...Array<string>(8 - width(groups(head)) - width(groups(tail))).fill("0"), ...groups(tail)];
  const prefix = full.slice(0, 4).map((group) => parseInt(group, 16).toString(16));
  return `${prefix.join(":")}::/64`;
}
