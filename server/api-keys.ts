import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { encodeBase32LowerCaseNoPadding } from "@oslojs/encoding";
import { apiKeyName, apiKeyRole, issueApiKeySchema, revokeApiKeySchema, type ApiKeyRole } from "@/lib/schemas/api-keys";
import { isUser, type Actor, type ApiKeyActor } from "@/lib/views/actor";
import type { ApiKeyStatus, ApiKeyView } from "@/lib/views/api-keys";
import { audit as writeAudit } from "@/server/audit";
import { authorize } from "@/server/auth";
import { db, writeTransaction, type Tx } from "@/server/db";
import { AuthError, CHECK_FIELDS, mutation, MutationError, parseInput } from "@/server/mutation";

// Keys for the write API, after GitHub's tokens: a recognisable prefix, 256 random bits,
// only the SHA-256 stored (a key has too much entropy to need a slow hash), shown once.

export const API_KEY_PREFIX = "hrld_";
/** How many of the key's characters are kept in the clear, to tell keys apart. */
const SHOWN_CHARACTERS = 12;
/** Last use is recorded at most this often per key, not on every request. */
const TOUCH_EVERY_MS = 60_000;
/** Longer than any IPv6 address with a zone. */
const FROM_MAX = 100;
const CONTROL = /[\u0000-\u001F\u007F]/g;

export function hashApiKey(key: string): string {
  return createHash("sha256").update(key, "utf8").digest("hex");
}

function newKey(): string {
  return API_KEY_PREFIX + encodeBase32LowerCaseNoPadding(randomBytes(32));
}

function statusOf(row: { revokedAt: Date | null; expiresAt: Date | null }, now: Date): ApiKeyStatus {
  if (row.revokedAt) return "revoked";
  if (row.expiresAt && row.expiresAt <= now) return "expired";
  return "active";
}

/** Keys that still work: neither revoked nor expired. */
const activeWhere = (now: Date) => ({ revokedAt: null, OR: [{ expiresAt: null }, { expiresAt: { gt: now } }] });

/**
 * The key's actor, or null when it is unknown, revoked or expired. Every key is hashed and
 * looked up the same way (one indexed read), so a wrong key answers as fast as a revoked one.
 */
export async function authenticateApiKey(key: string, from: string): Promise<ApiKeyActor | null> {
  const now = new Date();
  // Revoked and expired keys are filtered in the one query, so they answer as fast as unknown ones.
  const row = await db().apiKey.findFirst({ where: { hash: hashApiKey(key), ...activeWhere(now) }, select: { id: true, name: true, role: true, lastUsedAt: true } });
  if (!row) return null;
  if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() >= TOUCH_EVERY_MS) {
    // Conditional, so a burst of parallel requests records one use, not one each.
    const stale = new Date(now.getTime() - TOUCH_EVERY_MS);
    await db().apiKey.updateMany({
      where: { id: row.id, OR: [{ lastUsedAt: null }, { lastUsedAt: { lte: stale } }] },
      data: { lastUsedAt: now, lastUsedFrom: from.replace(CONTROL, "").slice(0, FROM_MAX) },
    });
  }
  return { kind: "api_key", id: row.id, name: row.name, role: row.role as ApiKeyRole };
}

type RecordChange = (change: { action: string; entityId: string; before?: unknown; after?: unknown }) => Promise<void>;

/** Audited with no user: the command line, where no person acts. */
const bySystem = (tx: Tx): RecordChange => (change) => writeAudit(tx, { actorId: null, entityType: "api_key", ...change });

/** Writes a new key's row (its hash only) and its audit entry; refuses a name an active key has. */
async function insertKey(tx: Tx, input: { name: string; role: ApiKeyRole; expiresAt: Date | null; createdById: string | null }, record: RecordChange) {
  const now = new Date();
  if (await tx.apiKey.findFirst({ where: { name: input.name, ...activeWhere(now) }, select: { id: true } })) {
    throw new MutationError("invalid", CHECK_FIELDS, { name: `An active key is already called “${input.name}”. Choose another name, or revoke that key first.` });
  }
  const key = newKey();
  const prefix = key.slice(0, SHOWN_CHARACTERS);
  const row = await tx.apiKey.create({ data: { ...input, prefix, hash: hashApiKey(key) } });
  await record({ action: "created", entityId: row.id, after: { name: input.name, role: input.role, prefix, expiresAt: input.expiresAt?.toISOString() ?? null } });
  return { key, id: row.id };
}

function summary(name: string, role: ApiKeyRole, expiresAt: Date | null): string {
  return `“${name}” (${role}, ${expiresAt ? `expires ${expiresAt.toISOString().slice(0, 10)}` : "never expires"})`;
}

/**
 * For tests and the command line, where no person acts (audited with no user): a new key.
 * The name and role are checked as the console checks them; the expiry is taken as given.
 */
export async function createApiKeyRow(input: { name: string; role: "editor" | "admin"; expiresAt?: Date | null; createdById?: string | null }): Promise<{ key: string; id: string }> {
  const name = parseInput(apiKeyName, input.name, "Check the name.");
  const role = parseInput(apiKeyRole, input.role, "Check the role.");
  return writeTransaction((tx) => insertKey(tx, { name, role, expiresAt: input.expiresAt ?? null, createdById: input.createdById ?? null }, bySystem(tx)));
}

/** A person makes a key; it is shown to them once, in the result, and never stored. */
export const issueApiKey = mutation(
  { role: "admin", schema: issueApiKeySchema, audit: "api_key", values: ({ name, role, expiresInDays }) => ({ name, role, expiresInDays }) },
  async ({ tx, actor, data, audit }) => {
    // A leaked key must not be able to mint others that outlive its revocation.
    if (!isUser(actor)) throw new AuthError(403, "Only a person signed in to the console can create API keys, not another key.");
    const expiresAt = data.expiresInDays ? new Date(Date.now() + data.expiresInDays * 86_400_000) : null;
    const { key, id } = await insertKey(tx, { name: data.name, role: data.role, expiresAt, createdById: actor.id }, audit);
    return { key, apiKeyId: id, message: `Created the API key ${summary(data.name, data.role, expiresAt)}. Copy it now: you will not see it again.` };
  },
);

/** Revoking takes effect on the key's next request: every request looks the key up afresh. */
export const revokeApiKey = mutation({ role: "admin", schema: revokeApiKeySchema, audit: "api_key", values: false }, async ({ tx, data, audit }) => {
  const row = await tx.apiKey.findUnique({ where: { id: data.apiKeyId } });
  if (!row) throw new MutationError("not_found", "That API key no longer exists. Reload the page.");
  if (row.revokedAt) throw new MutationError("conflict", `The API key “${row.name}” was already revoked.`);
  const revokedAt = new Date();
  await tx.apiKey.update({ where: { id: row.id }, data: { revokedAt } });
  await audit({ action: "revoked", entityId: row.id, before: { name: row.name, prefix: row.prefix, revokedAt: null }, after: { revokedAt: revokedAt.toISOString() } });
  return { message: `Revoked the API key “${row.name}”: it no longer works.` };
});

/** For the command line (no person acts): revokes every active key with this name; how many. */
export async function revokeApiKeysNamed(name: string): Promise<number> {
  return writeTransaction(async (tx) => {
    const revokedAt = new Date();
    const rows = await tx.apiKey.findMany({ where: { name: name.trim(), ...activeWhere(revokedAt) } });
    for (const row of rows) {
      await tx.apiKey.update({ where: { id: row.id }, data: { revokedAt } });
      await bySystem(tx)({ action: "revoked", entityId: row.id, before: { name: row.name, prefix: row.prefix, revokedAt: null }, after: { revokedAt: revokedAt.toISOString() } });
    }
    return rows.length;
  });
}

async function readApiKeys(): Promise<ApiKeyView[]> {
  const now = new Date();
  const rows = await db().apiKey.findMany({ orderBy: [{ createdAt: "desc" }, { id: "desc" }], include: { createdBy: { select: { email: true } } } });
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    role: row.role as ApiKeyRole,
    prefix: row.prefix,
    createdAt: row.createdAt,
    createdBy: row.createdBy?.email ?? null,
    expiresAt: row.expiresAt,
    revokedAt: row.revokedAt,
    lastUsedAt: row.lastUsedAt,
    lastUsedFrom: row.lastUsedFrom,
    status: statusOf(row, now),
  }));
}

/** Every key, newest first, for admins and owners. */
export async function listApiKeys(actor: Actor | null): Promise<ApiKeyView[]> {
  authorize(actor, "admin");
  return readApiKeys();
}

/** The command line's list: whoever runs it already holds the database, so no actor is checked. */
export function listAllApiKeys(): Promise<ApiKeyView[]> {
  return readApiKeys();
}
