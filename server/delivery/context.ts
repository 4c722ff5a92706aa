import "server-only";
import { WEBHOOK_TIMEOUT_MS } from "@/server/delivery/constants";
import type { Mailer } from "@/server/delivery/mailer";
import type { NotificationContent } from "@/server/delivery/notification-content";
import type { LinkContext } from "@/server/subscriptions";

// What the worker (worker.ts) hands each of its pieces.

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

export type WorkerSettings = Required<Omit<WorkerOptions, "id" | "mailer" | "log">>;

/** A worker's settings unless told otherwise; the lease, the retry base and private webhooks come from the environment. */
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

export interface WorkerContext {
  /** The worker's id: claims and heartbeats carry it. */
  id: string;
  settings: WorkerSettings;
  mail: Mailer;
  log: (message: string) => void;
  /**
   * A notification's content in a language (the page's default one when none is given) and
   * the links its mails carry, built once and shared by every delivery of it in that language.
   */
  content(notificationId: string, locale?: string | null): Promise<{ content: NotificationContent | null; links: LinkContext }>;
}

/** The first line of an error's message, for a log line. */
export function firstLine(error: unknown): string {
  return (error as Error).message.split("\n")[0];
}
