/** How far one notification (a published update, or a postmortem its writer chose to tell) has reached. */
export interface DeliveryProgress {
  notificationId: string;
  incidentId: string;
  title: string;
  /** What was told. */
  kind: "update" | "postmortem";
  /** What the row says it told, lower case as it reads in a sentence: "identified", "postmortem". */
  label: string;
  /** ISO 8601, so the page and its live JSON refresh hand the browser the same rows. */
  publishedAt: string;
  fannedOut: boolean;
  counts: { sent: number; pending: number; failed: number; skipped: number };
  /** Why deliveries failed or wait for a retry, most common first. */
  reasons: { reason: string; count: number }[];
}
