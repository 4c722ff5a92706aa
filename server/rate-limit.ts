import "server-only";
import { db } from "@/server/db";

// A fixed-window counter in the database, shared by every instance. It uses the
// sign-in throttle's table (keys are namespaced, e.g. "subscribe:client:<address>").

/** Counts one more use of `key`; false when it is over `limit` within `windowMs`. */
export async function allow(key: string, limit: number, windowMs: number, now = new Date()): Promise<boolean> {
  try {
    return await count(key, limit, windowMs, now);
  } catch (error) {
    // Two first hits on one key race to create it (P2002): the second counts again.
    if ((error as { code?: string }).code !== "P2002") throw error;
    return count(key, limit, windowMs, now);
  }
}

function count(key: string, limit: number, windowMs: number, now: Date): Promise<boolean> {
  return db().$transaction(async (tx) => {
    const row = await tx.loginThrottle.findUnique({ where: { key } });
    const fresh = !row || now.getTime() - row.windowStart.getTime() > windowMs;
    const count = fresh ? 1 : row.failures + 1;
    await tx.loginThrottle.upsert({
      where: { key },
      create: { key, failures: count, windowStart: now },
      update: { failures: count, windowStart: fresh ? now : row.windowStart },
    });
    return count <= limit;
  });
}
