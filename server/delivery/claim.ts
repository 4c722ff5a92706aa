import "server-only";
import { randomBytes } from "node:crypto";

// How a worker takes rows to send: a lease. It reads candidates, then takes them in one
// conditional UPDATE that repeats the "due" conditions, so a row another worker took
// meanwhile no longer matches and two workers never hold the same row. Every later
// write that settles a row is conditional on the claim token, so a worker whose lease
// ran out (its rows taken over by another) changes nothing.
// Two tables are leased this way: Delivery (claim, lockedUntil, attempts) and the mail a
// subscriber is owed (mailClaim, mailDueAt, mailAttempts).

export interface Lease {
  /** Unique to one claim: the rows taken are marked with it. */
  claim: string;
  /** When another worker may take the rows over. */
  until: Date;
}

/** One leased table, described by its own typed queries. */
export interface LeasedTable<Id, Where extends object, Row> {
  /** The condition for a row due at `now`: wanted, and not leased or its lease ran out. */
  due(now: Date): Where;
  /** Up to `take` ids matching `where`, in the order they should go. */
  pick(where: Where, take: number): Promise<{ id: Id }[]>;
  /** One UPDATE: marks every row matching `where` with the lease and counts an attempt. */
  mark(where: Where & { id: { in: Id[] } }, lease: Lease): Promise<unknown>;
  /** The rows marked with `claim`, with what sending them needs. */
  held(claim: string): Promise<Row[]>;
}

/** Leases up to `take` due rows of `table` to this worker. */
export async function claimDue<Id, Where extends object, Row>(
  table: LeasedTable<Id, Where, Row>,
  { workerId, leaseMs, take }: { workerId: string; leaseMs: number; take: number },
): Promise<{ lease: Lease; rows: Row[] }> {
  const now = new Date();
  const lease = { claim: `${workerId}:${randomBytes(6).toString("hex")}`, until: new Date(now.getTime() + leaseMs) };
  const candidates = await table.pick(table.due(now), take);
  if (candidates.length === 0) return { lease, rows: [] };
  // The same conditions again, in the one UPDATE: a row another worker took meanwhile no longer matches.
  await table.mark({ ...table.due(now), id: { in: candidates.map((row) => row.id) } }, lease);
  return { lease, rows: await table.held(lease.claim) };
}

/** A slow batch must not send past its lease: another worker may have the row by then. */
export function leaseRunningOut(until: Date | null, leaseMs: number): boolean {
  return (until?.getTime() ?? 0) - Date.now() < Math.min(30_000, leaseMs / 4);
}
