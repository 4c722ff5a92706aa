import "server-only";
import type { DeliveryStatus } from "@/lib/constants";
import { db } from "@/server/db";
import { inLanes, type SentMailBatch } from "@/server/delivery/batch";
import { claimDue, leaseRunningOut, type LeasedTable } from "@/server/delivery/claim";
import { firstLine, type WorkerContext } from "@/server/delivery/context";
import { endpointAccepted, endpointFailed } from "@/server/delivery/endpoint-health";
import { asFailure, DeliveryFailure, retryDelay } from "@/server/delivery/retry";
import { webhookMessageId } from "@/server/delivery/notification-content";
import { sendNotificationMail, sendWebhook } from "@/server/delivery/send";
import { chatBody } from "@/server/chat-channels";
import { SealError } from "@/server/secret-box";

// Delivery: claims due Delivery rows with a lease (claim.ts), sends each (send.ts), and
// records the outcome while this worker still holds the lease. Mail is marked sent as
// soon as the server accepted it, a few at a time (batch.ts); a failure is retried with
// growing delays (retry.ts) and counts against a webhook endpoint (endpoint-health.ts).

const dueDeliveries = (now: Date) => ({
  status: "pending" satisfies DeliveryStatus,
  AND: [{ OR: [{ nextAttemptAt: null }, { nextAttemptAt: { lte: now } }] }, { OR: [{ lockedUntil: null }, { lockedUntil: { lt: now } }] }],
});

const heldDeliveries = (claim: string) =>
  db().delivery.findMany({
    where: { claim },
    orderBy: { id: "asc" },
    include: {
      subscriber: { select: { id: true, email: true, manageNonce: true, locale: true } },
      endpoint: { select: { id: true, url: true, secret: true, enabled: true, format: true, addedByReader: true, manageNonce: true } },
    },
  });

type Claimed = Awaited<ReturnType<typeof heldDeliveries>>[number];

const deliveries: LeasedTable<number, ReturnType<typeof dueDeliveries>, Claimed> = {
  due: dueDeliveries,
  pick: (where, take) => db().delivery.findMany({ where, orderBy: { id: "asc" }, take, select: { id: true } }),
  mark: (where, lease) => db().delivery.updateMany({ where, data: { claim: lease.claim, lockedUntil: lease.until, attempts: { increment: 1 } } }),
  held: heldDeliveries,
};

/** Claims one batch of due deliveries and sends it; returns how many were handled. */
export async function deliverBatch(worker: WorkerContext, sent: SentMailBatch): Promise<number> {
  const { rows: batch } = await claimDue(deliveries, { workerId: worker.id, leaseMs: worker.settings.leaseMs, take: worker.settings.batchSize });
  // A database error here leaves the row leased: it is retried when the lease runs out.
  await inLanes(batch, worker.settings.concurrency, (delivery) =>
    deliver(worker, sent, delivery).catch((error) => worker.log(`delivery ${delivery.id}: ${firstLine(error)}`)),
  );
  await sent.settle();
  return batch.length;
}

async function deliver(worker: WorkerContext, sent: SentMailBatch, delivery: Claimed): Promise<void> {
  if (leaseRunningOut(delivery.lockedUntil, worker.settings.leaseMs)) return;
  // A subscriber's mail in their language; webhooks and chat in the page's default one.
  const { content, links } = await worker.content(delivery.notificationId, delivery.subscriber?.locale);
  const recipientGone = delivery.subscriberId === null && delivery.endpointId === null;
  if (!content || recipientGone) {
    await finish(delivery, { status: "skipped", lastError: content ? "The recipient was removed before it was sent." : "The update or postmortem is no longer public." });
    return;
  }
  try {
    if (delivery.subscriber) {
      await sendNotificationMail(worker.mail, delivery.subscriber, content, links);
      sent.add(delivery);
    } else if (delivery.endpoint) {
      if (!delivery.endpoint.enabled) throw new DeliveryFailure("The endpoint is switched off.", true);
      // A chat channel gets its service's own message format, unsigned; any other endpoint Herald's signed JSON.
      const chat = await chatBody(delivery.endpoint, content.chat);
      const { status, problem } = await sendWebhook(
        { url: delivery.endpoint.url, secret: chat === null ? delivery.endpoint.secret : null },
        { id: webhookMessageId(content.about, delivery.endpoint.id), body: chat ?? content.webhookBody },
        { timeoutMs: worker.settings.webhookTimeoutMs, allowPrivate: worker.settings.allowPrivateWebhooks },
      );
      if (problem) throw new DeliveryFailure(problem, false, status);
      await finish(delivery, { status: "sent", sentAt: new Date(), lastError: null, responseStatus: status });
      await endpointAccepted(delivery.endpoint.id);
    }
  } catch (error) {
    if (error instanceof SealError) await waitForKey(worker, delivery, error);
    else await failed(worker, delivery, error);
  }
}

/** Records the outcome, only while this worker still holds the lease. */
async function finish(delivery: Claimed, data: { status: DeliveryStatus; sentAt?: Date; lastError: string | null; responseStatus?: number | null; nextAttemptAt?: Date }) {
  await db().delivery.updateMany({ where: { id: delivery.id, claim: delivery.claim }, data: { ...data, claim: null, lockedUntil: null } });
}

/** The endpoint's secret cannot be opened here: not the receiver's fault, so nothing counts against it; tried again later. */
async function waitForKey(worker: WorkerContext, delivery: Claimed, error: SealError) {
  worker.log(`webhook delivery ${delivery.id} waits: ${error.message}`);
  await finish(delivery, { status: "pending", lastError: error.message.slice(0, 500), nextAttemptAt: new Date(Date.now() + 5 * 60_000) });
}

async function failed(worker: WorkerContext, delivery: Claimed, error: unknown) {
  const failure = asFailure(error);
  const giveUp = failure.permanent || delivery.attempts >= worker.settings.maxAttempts;
  await finish(delivery, {
    status: giveUp ? "failed" : "pending",
    lastError: failure.message.slice(0, 500),
    responseStatus: failure.responseStatus,
    nextAttemptAt: new Date(Date.now() + retryDelay(worker.settings.retryBaseMs, delivery.attempts, 6 * 3600_000)),
  });
  // Failures count against an endpoint while it is on; once off, its backlog just fails.
  if (!delivery.endpoint?.enabled) return;
  await endpointFailed(delivery.endpoint.id, failure.message, { disableAfter: worker.settings.disableAfter, log: worker.log });
}
