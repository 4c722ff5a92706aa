export interface DeliveryProgress {
  notificationId: string;
  incidentId: string;
  title: string;
  updateStatus: string;
  /** ISO 8601, so the page and its live JSON refresh hand the browser the same rows. */
  publishedAt: string;
  fannedOut: boolean;
  counts: { sent: number; pending: number; failed: number; skipped: number };
  /** Why deliveries failed or wait for a retry, most common first. */
  reasons: { reason: string; count: number }[];
}
