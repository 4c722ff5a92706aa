import "server-only";
import { MailError } from "@/server/delivery/mailer";
import { WebhookError } from "@/server/delivery/webhook-post";

// Why a send failed, and when to try again.

export class DeliveryFailure extends Error {
  constructor(
    message: string,
    /** Retrying cannot help (a 5xx mail answer, a refused address, an endpoint switched off). */
    readonly permanent = false,
    readonly responseStatus: number | null = null,
  ) {
    super(message);
  }
}

/** Any error a send threw, as a DeliveryFailure: mail and webhook errors say whether a retry can help. */
export function asFailure(error: unknown): DeliveryFailure {
  if (error instanceof DeliveryFailure) return error;
  if (error instanceof MailError || error instanceof WebhookError) return new DeliveryFailure(error.message, error.permanent);
  return new DeliveryFailure((error as Error).message ?? String(error));
}

/** The wait before attempt `attempts + 1`: doubling from the base, within ±20 % so retries spread out, at most `capMs`. */
export function retryDelay(baseMs: number, attempts: number, capMs: number): number {
  return Math.min(baseMs * 2 ** (attempts - 1) * (0.8 + Math.random() * 0.4), capMs);
}
