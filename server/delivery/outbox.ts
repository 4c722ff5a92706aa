import "server-only";
import type { Tx } from "@/server/db";

// The outbox: publishing an update writes one Notification row in the update's own
// transaction, and returns. The worker (server/delivery/worker.ts) fans it out into one
// Delivery per recipient and sends them, so a crash between the two loses nothing.

export async function enqueueNotification(tx: Tx, updateId: string): Promise<void> {
  await tx.notification.upsert({ where: { updateId }, create: { updateId }, update: {} });
}
