import "server-only";
import { authorize, type Actor } from "@/server/auth";
import type { Tx } from "@/server/db";
import { db } from "@/server/db";

// Every change, with who made it and the record before and after, written in the
// same transaction as the change itself.

export interface AuditInput {
  actorId: string | null;
  action: string;
  entityType: string;
  entityId: string;
  before?: unknown;
  after?: unknown;
}

export async function audit(tx: Tx, entry: AuditInput): Promise<void> {
  await tx.auditLog.create({
    data: {
      userId: entry.actorId,
      action: entry.action,
      entityType: entry.entityType,
      entityId: entry.entityId,
      before: entry.before === undefined ? null : JSON.stringify(entry.before),
      after: entry.after === undefined ? null : JSON.stringify(entry.after),
    },
  });
}

export interface AuditEntryView {
  id: string;
  at: Date;
  actor: string;
  action: string;
  entityType: string;
  entityId: string;
  before: string | null;
  after: string | null;
}

export async function listAudit(actor: Actor | null, { userId, entityType, take = 200 }: { userId?: string; entityType?: string; take?: number } = {}): Promise<AuditEntryView[]> {
  authorize(actor, "admin");
  const rows = await db().auditLog.findMany({
    where: { ...(userId ? { userId } : {}), ...(entityType ? { entityType } : {}) },
    orderBy: [{ at: "desc" }, { id: "desc" }],
    take,
    include: { user: { select: { email: true } } },
  });
  return rows.map((row) => ({
    id: row.id,
    at: row.at,
    actor: row.user?.email ?? "system",
    action: row.action,
    entityType: row.entityType,
    entityId: row.entityId,
    before: row.before,
    after: row.after,
  }));
}

/** The people and kinds of record that appear in the log, for its filters. */
export async function auditFilters(actor: Actor | null): Promise<{ users: { id: string; email: string }[]; entityTypes: string[] }> {
  authorize(actor, "admin");
  const [users, types] = await Promise.all([
    db().user.findMany({ where: { auditEntries: { some: {} } }, select: { id: true, email: true }, orderBy: { email: "asc" } }),
    db().auditLog.findMany({ distinct: ["entityType"], select: { entityType: true }, orderBy: { entityType: "asc" } }),
  ]);
  return { users, entityTypes: types.map((row) => row.entityType) };
}
