import "server-only";
import { db } from "@/server/db";

// A webhook endpoint that fails `disableAfter` deliveries in a row is switched off, with
// the reason shown on the admin page; one accepted delivery clears the count.

export async function endpointAccepted(endpointId: string): Promise<void> {
  await db().webhookEndpoint.updateMany({ where: { id: endpointId, consecutiveFailures: { gt: 0 } }, data: { consecutiveFailures: 0 } });
}

/** Counts a failed delivery against an endpoint that is on, and switches it off after too many in a row. */
export async function endpointFailed(endpointId: string, reason: string, { disableAfter, log }: { disableAfter: number; log: (message: string) => void }): Promise<void> {
  await db().webhookEndpoint.updateMany({ where: { id: endpointId }, data: { consecutiveFailures: { increment: 1 } } });
  const endpoint = await db().webhookEndpoint.findUnique({ where: { id: endpointId } });
  if (endpoint?.enabled && endpoint.consecutiveFailures >= disableAfter) {
    const why = `Switched off on ${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC after ${endpoint.consecutiveFailures} failed deliveries in a row. The last: ${reason}`;
    await db().webhookEndpoint.updateMany({ where: { id: endpoint.id, enabled: true }, data: { enabled: false, disabledReason: why.slice(0, 500) } });
    log(`webhook ${endpoint.url} switched off: ${reason}`);
  }
}
