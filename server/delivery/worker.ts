import "server-only";
import { randomBytes } from "node:crypto";
import os from "node:os";
import { env } from "@/lib/env";
import { isLocale } from "@/lib/i18n/locales";
import { db } from "@/server/db";
import { SentMailBatch } from "@/server/delivery/batch";
import { HEARTBEAT_MS } from "@/server/delivery/constants";
import { firstLine, WORKER_DEFAULTS, type WorkerContext, type WorkerOptions, type WorkerSettings } from "@/server/delivery/context";
import { deliverBatch } from "@/server/delivery/deliver";
import { fanOut } from "@/server/delivery/fan-out";
import { mailer as defaultMailer } from "@/server/delivery/mailer";
import { loadNotificationContent, type NotificationContent } from "@/server/delivery/notification-content";
import { sendOwedMails } from "@/server/delivery/owed-mail";
import { linkContext, type LinkContext } from "@/server/subscriptions";

// The delivery worker. Loops share one process:
//  - fan-out (fan-out.ts) turns each outbox Notification into one Delivery row per recipient;
//  - delivery (deliver.ts) leases due deliveries (claim.ts), sends them (send.ts), and marks
//    each sent as soon as the receiver accepted it (mail in small groups, batch.ts);
//  - subscribe mail (owed-mail.ts) sends the confirmation (or "you already subscribe")
//    mails the subscribe form owes, leased the same way on the subscriber's row;
//  - a heartbeat, so health checks and the console know a worker runs.
// A worker killed mid-send leaves its rows leased; when the lease runs out another
// worker sends them again with the same Message-ID / webhook-id, so receivers can
// tell a repeat from a new message. Only a kill between the receiver's "accepted"
// and our write of "sent" (a few milliseconds) can cause a repeat.

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
  private readonly context: WorkerContext;
  private readonly sent: SentMailBatch;
  private readonly stopping = new AbortController();
  private loops: Promise<void>[] = [];
  private readonly startedAt = new Date();
  private contents = new Map<string, { content: NotificationContent | null; links: LinkContext; at: number }>();

  constructor({ id, mailer, log, ...overrides }: WorkerOptions = {}) {
    this.id = id ?? `${os.hostname()}:${process.pid}:${randomBytes(3).toString("hex")}`;
    const config = env();
    const settings = {
      ...WORKER_DEFAULTS,
      leaseMs: config.WORKER_LEASE_SECONDS * 1000,
      retryBaseMs: config.WORKER_RETRY_SECONDS * 1000,
      allowPrivateWebhooks: config.WEBHOOK_ALLOW_PRIVATE,
      ...Object.fromEntries(Object.entries(overrides).filter(([, value]) => value !== undefined)),
    } as WorkerSettings;
    const say = log ?? ((message: string) => console.log(`[worker] ${message}`));
    this.context = { id: this.id, settings, mail: mailer ?? defaultMailer(), log: say, content: (notificationId, locale) => this.content(notificationId, locale) };
    this.sent = new SentMailBatch(say);
  }

  start(): this {
    const signal = this.stopping.signal;
    const { log, settings } = this.context;
    const loop = async (name: string, step: () => Promise<number>, idleMs: number) => {
      let lastError = "";
      while (!signal.aborted) {
        let done = 0;
        try {
          done = await step();
          if (lastError) log(`${name}: working again`);
          lastError = "";
        } catch (error) {
          // The database may be down: wait and try again, never exit; say so once.
          const message = firstLine(error);
          if (message !== lastError) log(`${name}: ${message}`);
          lastError = message;
          await sleep(Math.max(idleMs, 2_000), signal);
        }
        if (done === 0) await sleep(idleMs, signal);
      }
    };
    this.loops = [
      loop("heartbeat", async () => (await this.heartbeat(), 0), HEARTBEAT_MS),
      loop("fan-out", () => this.fanOut(), settings.pollMs),
      loop("delivery", () => this.deliverBatch(), settings.pollMs),
      loop("subscribe mail", () => this.sendOwedMails(), settings.pollMs),
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

  /** Adds the next chunk of recipients to each notification still being fanned out. */
  fanOut(): Promise<number> {
    return fanOut(this.context);
  }

  /** Claims one batch of due deliveries and sends it; returns how many were handled. */
  deliverBatch(): Promise<number> {
    return deliverBatch(this.context, this.sent);
  }

  /** Sends the mails the subscribe form owes; returns how many were due. */
  sendOwedMails(): Promise<number> {
    return sendOwedMails(this.context);
  }

  /**
   * Built once a minute at most per notification and language, and shared by every delivery
   * of it in that language (a language Herald no longer speaks is the default one's).
   */
  private async content(notificationId: string, locale?: string | null) {
    const language = isLocale(locale) ? locale : null;
    const key = `${notificationId}:${language ?? ""}`;
    const cached = this.contents.get(key);
    if (cached && Date.now() - cached.at < 60_000) return cached;
    const entry = { content: await loadNotificationContent(notificationId, language), links: await linkContext(), at: Date.now() };
    if (this.contents.size > 50) this.contents.clear();
    this.contents.set(key, entry);
    return entry;
  }
}
