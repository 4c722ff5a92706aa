import "server-only";
import { randomBytes } from "node:crypto";
import os from "node:os";
import { env } from "@/lib/env";
import { webhookHeaders } from "@/lib/webhook-signature";
import { db } from "@/server/db";
import { MailError, mailer as defaultMailer, type Mailer } from "@/server/mailer";
import { postWebhook, undelivered, WebhookError } from "@/server/webhook-post";
import { loadNotificationContent, mailFooter, type NotificationContent } from "@/server/notification-content";
import { SealError, unseal } from "@/server/secret-box";
import { getPageSettings } from "@/server/settings";
import { linkContext, mailDomain, manageUrl, owedMail, unsubscribeUrl, type LinkContext, type OwedMailKind } from "@/server/subscriptions";
import { HEARTBEAT_MS, WEBHOOK_TIMEOUT_MS } from "@/server/worker-constants";

// The delivery worker. Three loops share one process:
//  - fan-out turns each outbox Notification into one Delivery row per recipient, a
//    chunk at a time, behind a compare-and-set on the notification's cursor, so two
//    workers never add the same recipients and the rows are unique per pair anyway;
//  - delivery claims pending rows with a lease (claim + lockedUntil, set in one
//    conditional UPDATE, so two workers never hold the same row), sends each, and
//    marks it sent as soon as the server accepted it (mail in small groups);
//  - subscribe mail sends the confirmation (or "you already subscribe") mails the
//    subscribe form owes, leased the same way on the subscriber's row.
// A worker killed mid-send leaves its rows leased; when the lease runs out another
// worker sends them again with the same Message-ID / webhook-id, so receivers can
// tell a repeat from a new message. Only a kill between the receiver's "accepted"
// and our write of "sent" (a few milliseconds) can cause a repeat.

export interface WorkerOptions {
  id?: string;
  mailer?: Mailer;
  /** Deliveries claimed at once. */
  batchSize?: number;
  /** Sends in flight at once. */
  concurrency?: number;
  /** How long a claim holds before another worker may take the delivery over. */
  leaseMs?: number;
  /** How long to wait when there is nothing to do. */
  pollMs?: number;
  /** The first retry's delay; each further one doubles. */
  retryBaseMs?: number;
  maxAttempts?: number;
  /** A webhook endpoint is switched off after this many failed attempts in a row. */
  disableAfter?: number;
  /** Recipients added per fan-out step. */
  fanOutChunk?: number;
  webhookTimeoutMs?: number;
  allowPrivateWebhooks?: boolean;
  log?: (message: string) => void;
}

export const WORKER_DEFAULTS = {
  batchSize: 200,
  concurrency: 16,
  leaseMs: 120_000,
  pollMs: 500,
  retryBaseMs: 30_000,
  maxAttempts: 8,
  disableAfter: 10,
  fanOutChunk: 2_000,
  webhookTimeoutMs: WEBHOOK_TIMEOUT_MS,
};



type Claimed = Awaited<ReturnType<DeliveryWorker["claim"]>>[number];

/**
 * A confirmation mail is retried for about a day at the default 30 s base (doubling to
 * an hour, then hourly) before it is given up; the form sends a new one when asked again.
 */
export const OWED_MAIL_MAX_ATTEMPTS = 30;

const SENT_FLUSH_SIZE = 8;
const SENT_FLUSH_MS = 10;

class DeliveryFailure extends Error {
  constructor(
    message: string,
    readonly permanent = false,
    readonly responseStatus: number | null = null,
  ) {
    super(message);
  }
}

/** Runs `work` on every item, `concurrency` at a time. */
async function inLanes<T>(items: T[], concurrency: number, work: (item: T) => Promise<void>) {
  let next = 0;
  const lane = async () => {
    while (next < items.length) await work(items[next++]);
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, lane));
}

const sleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    const wake = () => {
      clearTimeout(timer);
      signal.removeEventListener("abort", wake);
      resolve();
    };
    const timer = setTimeout(wake, ms);
    signal.addEventListener("abort", wake, { once: true });
  });

export class DeliveryWorker {
  readonly id: string;
  private readonly options: Required<Omit<WorkerOptions, "id" | "mailer" | "log">>;
  private readonly mail: Mailer;
  private readonly log: (message: string) => void;
  private readonly stopping = new AbortController();
  private loops: Promise<void>[] = [];
  private readonly startedAt = new Date();
  private contents = new Map<string, { content: NotificationContent | null; links: LinkContext; at: number }>();

  constructor(options: WorkerOptions = {}) {
    this.id = options.id ?? `${os.hostname()}:${process.pid}:${randomBytes(3).toString("hex")}`;
    const config = env();
    this.options = {
      ...WORKER_DEFAULTS,
      leaseMs: config.WORKER_LEASE_SECONDS * 1000,
      retryBaseMs: config.WORKER_RETRY_SECONDS * 1000,
      allowPrivateWebhooks: config.WEBHOOK_ALLOW_PRIVATE,
      ...Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined)),
    } as DeliveryWorker["options"];
    this.mail = options.mailer ?? defaultMailer();
    this.log = options.log ?? ((message) => console.log(`[worker] ${message}`));
  }

  start(): this {
    const signal = this.stopping.signal;
    const loop = async (name: string, step: () => Promise<number>, idleMs: number) => {
      let lastError = "";
      while (!signal.aborted) {
        let done = 0;
        try {
          done = await step();
          if (lastError) this.log(`${name}: working again`);
          lastError = "";
        } catch (error) {
          // The database may be down: wait and try again, never exit; say so once.
          const message = (error as Error).message.split("\n")[0];
          if (message !== lastError) this.log(`${name}: ${message}`);
          lastError = message;
          await sleep(Math.max(idleMs, 2_000), signal);
        }
        if (done === 0) await sleep(idleMs, signal);
      }
    };
    this.loops = [
      loop("heartbeat", async () => (await this.heartbeat(), 0), HEARTBEAT_MS),
      loop("fan-out", () => this.fanOut(), this.options.pollMs),
      loop("delivery", () => this.deliverBatch(), this.options.pollMs),
      loop("subscribe mail", () => this.sendOwedMails(), this.options.pollMs),
    ];
    return this;
  }

  /** Finishes what is in flight, then returns. */
  async stop(): Promise<void> {
    this.stopping.abort();
    await Promise.all(this.loops);
    await db().workerHeartbeat.deleteMany({ where: { id: this.id } }).catch(() => {});
  }

  async heartbeat(): Promise<void> {
    const now = new Date();
    await db().workerHeartbeat.upsert({ where: { id: this.id }, create: { id: this.id, startedAt: this.startedAt, lastSeenAt: now }, update: { lastSeenAt: now } });
    await db().workerHeartbeat.deleteMany({ where: { lastSeenAt: { lt: new Date(now.getTime() - 24 * 3600_000) } } });
  }

  private async content(notificationId: string) {
    const cached = this.contents.get(notificationId);
    if (cached && Date.now() - cached.at < 60_000) return cached;
    const entry = { content: await loadNotificationContent(notificationId), links: await linkContext(), at: Date.now() };
    if (this.contents.size > 50) this.contents.clear();
    this.contents.set(notificationId, entry);
    return entry;
  }

  /** Adds the next chunk of recipients to each notification still being fanned out. */
  async fanOut(): Promise<number> {
    const pending = await db().notification.findMany({ where: { expandedAt: null }, orderBy: { createdAt: "asc" }, take: 5 });
    let added = 0;
    for (const notification of pending) added += await this.fanOutChunk(notification);
    return added + pending.length;
  }

  private async fanOutChunk(notification: { id: string; createdAt: Date; subscriberCursor: string; endpointsAdded: boolean }): Promise<number> {
    const { content } = await this.content(notification.id);
    if (!content) {
      // Deleted or unpublished since: nobody is told.
      await db().notification.updateMany({ where: { id: notification.id, expandedAt: null }, data: { expandedAt: new Date(), endpointsAdded: true } });
      return 0;
    }
    const interested = { OR: [{ allServices: true }, { services: { some: { serviceId: { in: content.serviceIds } } } }] };
    let added = 0;
    if (!notification.endpointsAdded) {
      const endpoints = await db().webhookEndpoint.findMany({ where: { enabled: true, ...interested }, select: { id: true } });
      await db().$transaction(async (tx) => {
        const won = await tx.notification.updateMany({ where: { id: notification.id, endpointsAdded: false }, data: { endpointsAdded: true } });
        if (won.count === 1 && endpoints.length) {
          await tx.delivery.createMany({ data: endpoints.map((endpoint) => ({ notificationId: notification.id, endpointId: endpoint.id })) });
          added += endpoints.length;
        }
      });
    }
    const chunk = this.options.fanOutChunk;
    // Only those confirmed when the update was published: a new subscriber starts with the next one.
    const subscribers = await db().subscriber.findMany({
      where: { confirmedAt: { not: null, lte: notification.createdAt }, id: { gt: notification.subscriberCursor }, ...interested },
      orderBy: { id: "asc" },
      take: chunk,
      select: { id: true },
    });
    await db().$transaction(async (tx) => {
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

  /** Leases up to batchSize due deliveries to this worker. */
  async claim() {
    const now = new Date();
    const due = {
      status: "pending",
      AND: [{ OR: [{ nextAttemptAt: null }, { nextAttemptAt: { lte: now } }] }, { OR: [{ lockedUntil: null }, { lockedUntil: { lt: now } }] }],
    };
    const candidates = await db().delivery.findMany({ where: due, orderBy: { id: "asc" }, take: this.options.batchSize, select: { id: true } });
    if (candidates.length === 0) return [];
    const claim = `${this.id}:${randomBytes(6).toString("hex")}`;
    // The same conditions again, in the one UPDATE: a row another worker took meanwhile no longer matches.
    await db().delivery.updateMany({
      where: { id: { in: candidates.map((row) => row.id) }, ...due },
      data: { claim, lockedUntil: new Date(now.getTime() + this.options.leaseMs), attempts: { increment: 1 } },
    });
    return db().delivery.findMany({
      where: { claim },
      orderBy: { id: "asc" },
      include: {
        subscriber: { select: { id: true, email: true, manageNonce: true } },
        endpoint: { select: { id: true, url: true, secret: true, enabled: true } },
      },
    });
  }

  /** Claims one batch and sends it; returns how many were handled. */
  async deliverBatch(): Promise<number> {
    const batch = await this.claim();
    // A database error here leaves the row leased: it is retried when the lease runs out.
    await inLanes(batch, this.options.concurrency, (delivery) =>
      this.deliver(delivery).catch((error) => this.log(`delivery ${delivery.id}: ${(error as Error).message.split("\n")[0]}`)),
    );
    await this.flushSent();
    await Promise.all(this.flushes);
    return batch.length;
  }

  // Mails accepted by the server are marked sent a few at a time: one UPDATE per
  // SENT_FLUSH_SIZE mails (or SENT_FLUSH_MS) instead of one per mail, which is most of
  // the database's share of the work. Until the write, they stay leased to this worker.
  private sentMail: Claimed[] = [];
  private sentTimer: NodeJS.Timeout | undefined;
  private flushes = new Set<Promise<void>>();

  private markMailSent(delivery: Claimed) {
    this.sentMail.push(delivery);
    if (this.sentMail.length >= SENT_FLUSH_SIZE) this.track(this.flushSent());
    else this.sentTimer ??= setTimeout(() => this.track(this.flushSent()), SENT_FLUSH_MS);
  }

  private track(flush: Promise<void>) {
    this.flushes.add(flush);
    void flush.finally(() => this.flushes.delete(flush));
  }

  /** Never rejects: a write that keeps failing leaves the rows leased, to be sent again after the lease. */
  private async flushSent() {
    clearTimeout(this.sentTimer);
    this.sentTimer = undefined;
    const done = this.sentMail.splice(0);
    for (const claim of new Set(done.map((delivery) => delivery.claim))) {
      const ids = done.filter((delivery) => delivery.claim === claim).map((delivery) => delivery.id);
      for (let attempt = 1; ; attempt++) {
        try {
          await db().delivery.updateMany({ where: { id: { in: ids }, claim }, data: { status: "sent", sentAt: new Date(), lastError: null, claim: null, lockedUntil: null } });
          break;
        } catch (error) {
          if (attempt === 5) {
            this.log(`could not record ${ids.length} sent mails (they will be sent again): ${(error as Error).message.split("\n")[0]}`);
            break;
          }
          await new Promise((resolve) => setTimeout(resolve, 500 * attempt));
        }
      }
    }
  }

  private async deliver(delivery: Claimed): Promise<void> {
    // A slow batch must not send past its lease: another worker may have the row by then.
    const leaseLeft = (delivery.lockedUntil?.getTime() ?? 0) - Date.now();
    if (leaseLeft < Math.min(30_000, this.options.leaseMs / 4)) return;
    const { content, links } = await this.content(delivery.notificationId);
    const recipientGone = delivery.subscriberId === null && delivery.endpointId === null;
    if (!content || recipientGone) {
      await this.finish(delivery, { status: "skipped", lastError: content ? "The recipient was removed before it was sent." : "The update is no longer public." });
      return;
    }
    try {
      if (delivery.subscriber) {
        await this.sendMail(delivery.subscriber, content, links);
        this.markMailSent(delivery);
      } else if (delivery.endpoint) {
        if (!delivery.endpoint.enabled) throw new DeliveryFailure("The endpoint is switched off.", true);
        const status = await this.sendWebhook(delivery.endpoint, content);
        await this.finish(delivery, { status: "sent", sentAt: new Date(), lastError: null, responseStatus: status });
        await db().webhookEndpoint.updateMany({ where: { id: delivery.endpoint.id, consecutiveFailures: { gt: 0 } }, data: { consecutiveFailures: 0 } });
      }
    } catch (error) {
      if (error instanceof SealError) await this.waitForKey(delivery, error);
      else await this.failed(delivery, error);
    }
  }

  /** The endpoint's secret cannot be opened here: not the receiver's fault, so nothing counts against it; tried again later. */
  private async waitForKey(delivery: Claimed, error: SealError) {
    this.log(`webhook delivery ${delivery.id} waits: ${error.message}`);
    await this.finish(delivery, { status: "pending", lastError: error.message.slice(0, 500), nextAttemptAt: new Date(Date.now() + 5 * 60_000) });
  }

  private async sendMail(subscriber: { id: string; email: string; manageNonce: string }, content: NotificationContent, links: LinkContext) {
    const unsubscribe = unsubscribeUrl(subscriber, links);
    const body = mailFooter(content, { manage: manageUrl(subscriber, links), unsubscribe });
    await this.mail.send({
      from: env().MAIL_FROM,
      to: subscriber.email,
      subject: content.subject,
      text: body.text,
      html: body.html,
      // The same id on every attempt: a repeat after a crash is recognisably the same message.
      messageId: `<update-${content.updateId}.${subscriber.id}@${mailDomain(links)}>`,
      headers: {
        "List-Unsubscribe": `<${unsubscribe}>`,
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        "Auto-Submitted": "auto-generated",
        "X-Herald-Update": content.updateId,
      },
    });
  }

  private async sendWebhook(endpoint: { id: string; url: string; secret: string }, content: NotificationContent): Promise<number> {
    const url = new URL(endpoint.url);
    const id = `msg_${content.updateId}_${endpoint.id}`;
    const status = await postWebhook(url, webhookHeaders(await unseal(endpoint.secret), id, content.webhookBody), content.webhookBody, {
      timeoutMs: this.options.webhookTimeoutMs,
      allowPrivate: this.options.allowPrivateWebhooks,
    });
    const problem = undelivered(url, status);
    if (problem) throw new DeliveryFailure(problem, false, status);
    return status;
  }

  /** Sends the mails the subscribe form owes (see subscribe()); returns how many were due. */
  async sendOwedMails(): Promise<number> {
    const now = new Date();
    const due = { mailKind: { not: null }, mailDueAt: { lte: now } };
    // One round of sends per claim, so none waits behind others until its lease is nearly gone.
    const candidates = await db().subscriber.findMany({ where: due, orderBy: { mailDueAt: "asc" }, take: this.options.concurrency, select: { id: true } });
    if (candidates.length === 0) return 0;
    const claim = `${this.id}:${randomBytes(6).toString("hex")}`;
    const leaseEnds = new Date(now.getTime() + this.options.leaseMs);
    // As with deliveries: one conditional UPDATE, so two workers never hold the same row.
    await db().subscriber.updateMany({ where: { id: { in: candidates.map((row) => row.id) }, ...due }, data: { mailClaim: claim, mailDueAt: leaseEnds, mailAttempts: { increment: 1 } } });
    const owed = await db().subscriber.findMany({ where: { mailClaim: claim }, include: { services: { include: { service: { select: { name: true } } } } } });
    const [settings, links] = await Promise.all([getPageSettings(), linkContext()]);
    // Each write is conditional on the claim: a new request from the form meanwhile
    // (new link, claim cleared) keeps its mail owed, so the newest link is always sent.
    const settle = (id: string, data: { mailKind?: null; mailDueAt: Date | null; mailAttempts?: number }) =>
      db().subscriber.updateMany({ where: { id, mailClaim: claim }, data: { ...data, mailClaim: null } });
    const send = async (subscriber: (typeof owed)[number]) => {
      if (leaseEnds.getTime() - Date.now() < Math.min(30_000, this.options.leaseMs / 4)) return;
      try {
        const message = owedMail(subscriber, subscriber.mailKind as OwedMailKind, settings.name, links);
        if (message) await this.mail.send(message);
      } catch (error) {
        const giveUp = (error instanceof MailError && error.permanent) || subscriber.mailAttempts >= OWED_MAIL_MAX_ATTEMPTS;
        this.log(`subscribe mail to subscriber ${subscriber.id}: ${(error as Error).message.split("\n")[0]}${giveUp ? " (given up; the form sends a new one when asked again)" : ""}`);
        await settle(subscriber.id, giveUp ? { mailKind: null, mailDueAt: null } : { mailDueAt: new Date(Date.now() + this.retryDelay(subscriber.mailAttempts, 3600_000)) });
        return;
      }
      await settle(subscriber.id, { mailKind: null, mailDueAt: null, mailAttempts: 0 });
    };
    // A database error leaves the row leased: the mail is owed again when the lease runs out.
    await inLanes(owed, this.options.concurrency, (subscriber) =>
      send(subscriber).catch((error) => this.log(`subscribe mail to subscriber ${subscriber.id}: ${(error as Error).message.split("\n")[0]}`)),
    );
    return owed.length;
  }

  /** The wait before attempt `attempts + 1`: doubling from the base, within ±20 % so retries spread out. */
  private retryDelay(attempts: number, capMs: number): number {
    return Math.min(this.options.retryBaseMs * 2 ** (attempts - 1) * (0.8 + Math.random() * 0.4), capMs);
  }

  private async finish(delivery: Claimed, data: { status: string; sentAt?: Date; lastError: string | null; responseStatus?: number | null; nextAttemptAt?: Date }) {
    // Only while this worker still holds the lease.
    await db().delivery.updateMany({ where: { id: delivery.id, claim: delivery.claim }, data: { ...data, claim: null, lockedUntil: null } });
  }

  private async failed(delivery: Claimed, error: unknown) {
    const failure =
      error instanceof DeliveryFailure
        ? error
        : error instanceof MailError || error instanceof WebhookError
          ? new DeliveryFailure(error.message, error.permanent)
          : new DeliveryFailure((error as Error).message ?? String(error));
    const giveUp = failure.permanent || delivery.attempts >= this.options.maxAttempts;
    await this.finish(delivery, {
      status: giveUp ? "failed" : "pending",
      lastError: failure.message.slice(0, 500),
      responseStatus: failure.responseStatus,
      nextAttemptAt: new Date(Date.now() + this.retryDelay(delivery.attempts, 6 * 3600_000)),
    });
    // Failures count against an endpoint while it is on; once off, its backlog just fails.
    if (!delivery.endpoint?.enabled) return;
    await db().webhookEndpoint.updateMany({ where: { id: delivery.endpoint.id }, data: { consecutiveFailures: { increment: 1 } } });
    const endpoint = await db().webhookEndpoint.findUnique({ where: { id: delivery.endpoint.id } });
    if (endpoint?.enabled && endpoint.consecutiveFailures >= this.options.disableAfter) {
      const reason = `Switched off on ${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC after ${endpoint.consecutiveFailures} failed deliveries in a row. The last: ${failure.message}`;
      await db().webhookEndpoint.updateMany({ where: { id: endpoint.id, enabled: true }, data: { enabled: false, disabledReason: reason.slice(0, 500) } });
      this.log(`webhook ${endpoint.url} switched off: ${failure.message}`);
    }
  }
}
