import "server-only";
import type { Tx } from "@/server/db";

// The outbox: publishing an update writes one Notification row in the update's own
// transaction, and returns. The worker (server/delivery/worker.ts) fans it out into one
// Delivery per recipient and sends them, so a crash between the two loses nothing.
// A notification tells exactly one thing, an update or a postmortem: these two functions
// are the only writers, and a CHECK in the migrations refuses a row with neither or both.

export async function enqueueNotification(tx: Tx, updateId: string): Promise<void> {
  await tx.notification.upsert({ where: { updateId }, create: { updateId }, update: {} });
}

/**
 * Tells subscribers of an incident's published postmortem. Once per incident at most (the
 * row is unique per incident): returns false when they were already told.
 */
export async function enqueuePostmortemNotification(tx: Tx, incidentId: string): Promise<boolean> {
  if (await tx.notification.findUnique({ where: { postmortemOfId: incidentId }, select: { id: true } })) return false;
  await tx.notification.create({ data: { postmortemOfId: incidentId } });
  return true;
}
