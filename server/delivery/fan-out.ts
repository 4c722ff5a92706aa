import "server-only";
import { db, writeTransaction } from "@/server/db";
import type { WorkerContext } from "@/server/delivery/context";

// Fan-out turns each outbox Notification into one Delivery row per recipient, a chunk at
// a time, behind a compare-and-set on the notification's cursor: two workers never add
// the same recipients, and the rows are unique per pair anyway.

/** Adds the next chunk of recipients to each notification still being fanned out. */
export async function fanOut(worker: WorkerContext): Promise<number> {
  const pending = await db().notification.findMany({ where: { expandedAt: null }, orderBy: { createdAt: "asc" }, take: 5 });
  let added = 0;
  for (const notification of pending) added += await fanOutChunk(worker, notification);
  return added + pending.length;
}

async function fanOutChunk(
  worker: WorkerContext,
  notification: { id: string; createdAt: Date; subscriberCursor: string; endpointsAdded: boolean },
): Promise<number> {
  const { content } = await worker.content(notification.id);
  if (!content) {
    // Deleted or unpublished since: nobody is told.
    await db().notification.updateMany({ where: { id: notification.id, expandedAt: null }, data: { expandedAt: new Date(), endpointsAdded: true } });
    return 0;
  }
  const interested = { OR: [{ allServices: true }, { services: { some: { serviceId: { in: content.serviceIds } } } }] };
  let added = 0;
  if (!notification.endpointsAdded) {
    // A channel a reader added hears nothing until it is confirmed (and, like a subscriber, starts with the next update).
    const endpoints = await db().webhookEndpoint.findMany({
      where: { enabled: true, AND: [interested, { OR: [{ addedByReader: false }, { confirmedAt: { not: null, lte: notification.createdAt } }] }] },
      select: { id: true },
    });
    await writeTransaction(async (tx) => {
      const won = await tx.notification.updateMany({ where: { id: notification.id, endpointsAdded: false }, data: { endpointsAdded: true } });
      if (won.count === 1 && endpoints.length) {
        await tx.delivery.createMany({ data: endpoints.map((endpoint) => ({ notificationId: notification.id, endpointId: endpoint.id })) });
        added += endpoints.length;
      }
    });
  }
  const chunk = worker.settings.fanOutChunk;
  // Only those confirmed when the update was published: a new subscriber starts with the next one.
  const subscribers = await db().subscriber.findMany({
    where: { confirmedAt: { not: null, lte: notification.createdAt }, id: { gt: notification.subscriberCursor }, ...interested },
    orderBy: { id: "asc" },
    take: chunk,
    select: { id: true },
  });
  await writeTransaction(async (tx) => {
    const won = await tx.notification.updateMany({
      where: { id: notification.id, subscriberCursor: notification.subscriberCursor },
      data: { subscriberCursor: subscribers.at(-1)?.id ?? notification.subscriberCursor, expandedAt: subscribers.length < chunk ? new Date() : null },
    });
    if (won.count === 1 && subscribers.length) {
      await tx.delivery.createMany({ data: subscribers.map((subscriber) => ({ notificationId: notification.id, subscriberId: subscriber.id })) });
      added += subscribers.length;
    }
  });
  return added;
}
