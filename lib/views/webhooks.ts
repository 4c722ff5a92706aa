import type { DeliveryStatus } from "@/lib/constants";
import type { WebhookFormat } from "@/lib/schemas/webhook-formats";

// An admin's view of one webhook endpoint, with its recent deliveries.

export interface WebhookView {
  id: string;
  url: string;
  description: string;
  format: WebhookFormat;
  /** A chat channel a reader added from the subscribe page. */
  addedByReader: boolean;
  /** When a reader-added channel was confirmed; until then it gets nothing. */
  confirmedAt: Date | null;
  secret: string;
  enabled: boolean;
  disabledReason: string | null;
  consecutiveFailures: number;
  services: string[] | null;
  /** Why this server cannot open the secret, if it cannot (a new secret fixes that). */
  secretUnreadable?: string;
  recent: { id: number; title: string; status: DeliveryStatus; attempts: number; lastError: string | null; responseStatus: number | null; sentAt: Date | null; nextAttemptAt: Date | null }[];
}
