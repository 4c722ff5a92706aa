import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { claimDue, type LeasedTable } from "@/server/delivery/claim";

// The lease both leased tables share: two workers claiming at once never hold the same
// row, and a row whose lease ran out is taken over.

const due = (now: Date) => ({ status: "pending", OR: [{ lockedUntil: null }, { lockedUntil: { lt: now } }] });
const held = (claim: string) => db().delivery.findMany({ where: { claim }, orderBy: { id: "asc" } });
const deliveries: LeasedTable<number, ReturnType<typeof due>, Awaited<ReturnType<typeof held>>[number]> = {
  due,
  pick: (where, take) => db().delivery.findMany({ where, orderBy: { id: "asc" }, take, select: { id: true } }),
  mark: (where, lease) => db().delivery.updateMany({ where, data: { claim: lease.claim, lockedUntil: lease.until, attempts: { increment: 1 } } }),
  held,
};

describe("the lease claim", () => {
  beforeAll(async () => {
    const at = new Date();
    const incident = await db().incident.create({
      data: { title: "Login down", impact: "minor", status: "investigating", startedAt: at, publishedAt: at, updates: { create: { status: "investigating", body: "Looking.", displayAt: at } } },
      include: { updates: true },
    });
    const notification = await db().notification.create({ data: { updateId: incident.updates[0].id } });
    await db().subscriber.createMany({ data: Array.from({ length: 40 }, (_, index) => ({ email: `r${index}@example.com`, manageNonce: `n${index}`, confirmedAt: at })) });
    const subscribers = await db().subscriber.findMany({ select: { id: true } });
    await db().delivery.createMany({ data: subscribers.map((subscriber) => ({ notificationId: notification.id, subscriberId: subscriber.id })) });
  });

  it("gives two workers claiming at once no row in common, and takes over rows whose lease ran out", async () => {
    const [first, second] = await Promise.all([
      claimDue(deliveries, { workerId: "one", leaseMs: 60_000, take: 40 }),
      claimDue(deliveries, { workerId: "two", leaseMs: 60_000, take: 40 }),
    ]);
    const firstIds = first.rows.map((row) => row.id);
    const secondIds = second.rows.map((row) => row.id);
    expect(firstIds.filter((id) => secondIds.includes(id))).toEqual([]);
    expect(firstIds.length + secondIds.length).toBe(40);
    expect((await claimDue(deliveries, { workerId: "three", leaseMs: 60_000, take: 40 })).rows).toEqual([]);

    // A worker that died: its lease runs out, and the next claim takes its rows with a new token.
    await db().delivery.updateMany({ where: { claim: { not: null } }, data: { lockedUntil: new Date(Date.now() - 1) } });
    const takeover = await claimDue(deliveries, { workerId: "four", leaseMs: 60_000, take: 40 });
    expect(takeover.rows).toHaveLength(40);
    expect(takeover.rows.every((row) => row.claim === takeover.lease.claim && row.attempts === 2)).toBe(true);
  });
});
