import "server-only";
import type { DeliveryStatus } from "@/lib/constants";
import { db } from "@/server/db";
import { firstLine } from "@/server/delivery/context";

// Sending a claimed batch: a few sends in flight at once, and the mails the server
// accepted marked sent a few at a time.

/** Runs `work` on every item, `concurrency` at a time. */
export async function inLanes<T>(items: T[], concurrency: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const lane = async () => {
    while (next < items.length) await work(items[next++]);
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, lane));
}

const SENT_FLUSH_SIZE = 8;
const SENT_FLUSH_MS = 10;

/**
 * Mails accepted by the server are marked sent one UPDATE per SENT_FLUSH_SIZE mails (or
 * SENT_FLUSH_MS) instead of one per mail, which is most of the database's share of the
 * work. Until the write, they stay leased to this worker.
 */
export class SentMailBatch {
  private waiting: { id: number; claim: string | null }[] = [];
  private timer: NodeJS.Timeout | undefined;
  private readonly flushes = new Set<Promise<void>>();

  constructor(private readonly log: (message: string) => void) {}

  add(delivery: { id: number; claim: string | null }): void {
    this.waiting.push(delivery);
    if (this.waiting.length >= SENT_FLUSH_SIZE) this.track(this.flush());
    else this.timer ??= setTimeout(() => this.track(this.flush()), SENT_FLUSH_MS);
  }

  /** Writes what waits, and waits for the writes already under way. */
  async settle(): Promise<void> {
    await this.flush();
    await Promise.all(this.flushes);
  }

  private track(flush: Promise<void>) {
    this.flushes.add(flush);
    void flush.finally(() => this.flushes.delete(flush));
  }

  /** Never rejects: a write that keeps failing leaves the rows leased, to be sent again after the lease. */
  private async flush() {
    clearTimeout(this.timer);
    this.timer = undefined;
    const done = this.waiting.splice(0);
    for (const claim of new Set(done.map((delivery) => delivery.claim))) {
      const ids = done.filter((delivery) => delivery.claim === claim).map((delivery) => delivery.id);
      for (let attempt = 1; ; attempt++) {
        try {
          await db().delivery.updateMany({ where: { id: { in: ids }, claim }, data: { status: "sent" satisfies DeliveryStatus, sentAt: new Date(), lastError: null, claim: null, lockedUntil: null } });
          break;
        } catch (error) {
          if (attempt === 5) {
            this.log(`could not record ${ids.length} sent mails (they will be sent again): ${firstLine(error)}`);
            break;
          }
          await new Promise((resolve) => setTimeout(resolve, 500 * attempt));
        }
      }
    }
  }
}
