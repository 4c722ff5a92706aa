import "server-only";
import { isUser } from "@/lib/views/actor";
import type { AuditEntryView } from "@/lib/views/audit";
import type { Actor } from "@/lib/views/actor";
import { authorize } from "@/server/auth";
import type { Tx } from "@/server/db";
import { db } from "@/server/db";

// Every change, with who made it and the record before and after, written in the
// same transaction as the change itself.

/** Who made a change: an actor (the mutation pipeline passes it) or a user's id (null for the system). */
export type AuditInput = ({ actor: Actor | null } | { actorId: string | null }) & {
  action: string;
  entityType: string;
  entityId: string;
  before?: unknown;
  after?: unknown;
};

/** Entries name the person who acted, or the API key (an integration acts with one too). */
function actorColumns(entry: AuditInput): { userId: string | null; apiKeyId: string | null } {
  if ("actorId" in entry) return { userId: entry.actorId, apiKeyId: null };
  if (!entry.actor) return { userId: null, apiKeyId: null };
  return isUser(entry.actor) ? { userId: entry.actor.id, apiKeyId: null } : { userId: null, apiKeyId: entry.actor.id };
}

export async function audit(tx: Tx, entry: AuditInput): Promise<void> {
  await tx.auditLog.create({
    data: {
      ...actorColumns(entry),
      action: entry.action,
      entityType: entry.entityType,
      entityId: entry.entityId,
      before: entry.before === undefined ? null : JSON.stringify(entry.before),
      after: entry.after === undefined ? null : JSON.stringify(entry.after),
    },
  });
}

export async function listAudit(actor: Actor | null, { userId, entityType, take = 200 }: { userId?: string; entityType?: string; take?: number } = {}): Promise<AuditEntryView[]> {
  authorize(actor, "admin");
  const rows = await db().auditLog.findMany({
    where: { ...(userId ? { userId } : {}), ...(entityType ? { entityType } : {}) },
    orderBy: [{ at: "desc" }, { id: "desc" }],
    take,
    include: { user: { select: { email: true } }, apiKey: { select: { name: true, createdBy: { select: { email: true } } } } },
  });
  return rows.map((row) => ({
    id: row.id,
    at: row.at,
    actor: row.user?.email ?? (row.apiKey ? `API key “${row.apiKey.name}”${row.apiKey.createdBy ? ` (created by ${row.apiKey.createdBy.email})` : ""}` : "system"),
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
