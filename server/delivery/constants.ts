import "server-only";

// Shared by the worker's pieces and what reports on it (health, admin), without loading the worker.

/** How long a webhook receiver has to answer. */
export const WEBHOOK_TIMEOUT_MS = 10_000;
/** How often a worker records that it is alive. */
export const HEARTBEAT_MS = 5_000;
/** A worker is alive when its heartbeat is younger than this. */
export const HEARTBEAT_STALE_MS = 30_000;
