import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import "server-only";
import { existsSync, linkSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from "node:fs";
import path from "node:path";
import { env } from "@/lib/env";
import type { Db } from "@/server/db";

// Secrets Herald must read back (two-factor seeds, webhook signing secrets) are kept in
// the database sealed with AES-256-GCM under a key that is not in the database, so a
// copy of the database alone (a stolen backup, an injection) does not yield them.
// The key is HERALD_SECRET_KEY, or else a file made on first use (HERALD_SECRET_KEY_FILE).
// Values written before sealing existed are read as they are, and sealed at start-up.

const PREFIX = "sealed:v1:";

export class SealError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "SealError";
  }
}

let cachedKey: Buffer | undefined;

function key(): Buffer {
  if (cachedKey) return cachedKey;
  const { HERALD_SECRET_KEY, HERALD_SECRET_KEY_FILE } = env();
  if (HERALD_SECRET_KEY) return (cachedKey = Buffer.from(HERALD_SECRET_KEY, "base64"));
  const file = path.resolve(HERALD_SECRET_KEY_FILE);
  if (!existsSync(file)) {
    // Written whole under another name, then linked into place: of processes starting
    // together, one key wins and nobody reads a half-written file.
    mkdirSync(path.dirname(file), { recursive: true });
    const draft = `${file}.${process.pid}.${randomBytes(4).toString("hex")}`;
    writeFileSync(draft, `${randomBytes(32).toString("base64")}\n`, { mode: 0o600 });
    try {
      linkSync(draft, file);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    } finally {
      unlinkSync(draft);
    }
  }
  const stored = Buffer.from(readFileSync(file, "utf8").trim(), "base64");
  if (stored.length !== 32) throw new SealError(`${file} does not hold a 32-byte key in base64; restore it, or set HERALD_SECRET_KEY.`);
  return (cachedKey = stored);
}

export function isSealed(value: string): boolean {
  return value.startsWith(PREFIX);
}

export function seal(plain: string): string {
  return sealWith(key(), plain);
}

/** The plain value; throws SealError when it was sealed under another key or altered. */
export function unseal(value: string): string {
  return unsealWith(() => key(), value);
}

export function sealWith(secretKey: Buffer, plain: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", secretKey, iv);
  const body = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  return PREFIX + Buffer.concat([iv, cipher.getAuthTag(), body]).toString("base64url");
}

export function unsealWith(secretKey: () => Buffer, value: string): string {
  if (!isSealed(value)) return value;
  const packed = Buffer.from(value.slice(PREFIX.length), "base64url");
  try {
    const decipher = createDecipheriv("aes-256-gcm", secretKey(), packed.subarray(0, 12));
    decipher.setAuthTag(packed.subarray(12, 28));
    return Buffer.concat([decipher.update(packed.subarray(28)), decipher.final()]).toString("utf8");
  } catch (error) {
    if (error instanceof SealError) throw error;
    throw new SealError("A secret in the database was sealed with another key: every instance needs the same HERALD_SECRET_KEY (or the same key file).");
  }
}

/**
 * At start-up: checks that this key opens every secret already sealed, and seals those
 * stored before sealing existed, so a wrong or lost key stops the start with a reason
 * instead of failing sign-ins and webhooks later. Returns how many it sealed.
 */
export async function sealStoredSecrets(database: Db): Promise<number> {
  let sealed = 0;
  const users = await database.user.findMany({ where: { OR: [{ totpSecret: { not: null } }, { totpPendingSecret: { not: null } }] }, select: { id: true, totpSecret: true, totpPendingSecret: true } });
  const endpoints = await database.webhookEndpoint.findMany({ select: { id: true, secret: true } });
  const stored = [...users.flatMap((user) => [user.totpSecret, user.totpPendingSecret]), ...endpoints.map((endpoint) => endpoint.secret)].filter((value): value is string => value !== null);
  for (const value of stored.filter(isSealed)) unseal(value);
  for (const user of users) {
    const data = {
      ...(user.totpSecret && !isSealed(user.totpSecret) ? { totpSecret: seal(user.totpSecret) } : {}),
      ...(user.totpPendingSecret && !isSealed(user.totpPendingSecret) ? { totpPendingSecret: seal(user.totpPendingSecret) } : {}),
    };
    if (Object.keys(data).length === 0) continue;
    // Only if still the value read: a change meanwhile is already sealed.
    await database.user.updateMany({ where: { id: user.id, totpSecret: user.totpSecret, totpPendingSecret: user.totpPendingSecret }, data });
    sealed++;
  }
  for (const endpoint of endpoints.filter((candidate) => !isSealed(candidate.secret))) {
    await database.webhookEndpoint.updateMany({ where: { id: endpoint.id, secret: endpoint.secret }, data: { secret: seal(endpoint.secret) } });
    sealed++;
  }
  return sealed;
}
