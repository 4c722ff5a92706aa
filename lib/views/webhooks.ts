import type { DeliveryStatus } from "@/lib/constants";

// An admin's view of one webhook endpoint, with its recent deliveries.

export interface WebhookView {
  id: string;
  url: string;
  description: string;
  secret: string;
  enabled: boolean;
  disabledReason: string | null;
  consecutiveFailures: number;
  services: string[] | null;
  /** Why this server cannot open the secret, if it cannot (a new secret fixes that). */
  secretUnreadable?: string;
  recent: { id: number; title: string; status: DeliveryStatus; attempts: number; lastError: string | null; responseStatus: number | null; sentAt: Date | null; nextAttemptAt: Date | null }[];
}
