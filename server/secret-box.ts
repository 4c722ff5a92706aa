import "server-only";
import { createCipheriv, createDecipheriv, createHmac, randomBytes } from "node:crypto";
import { closeSync, existsSync, fsyncSync, linkSync, mkdirSync, openSync, readFileSync, unlinkSync, writeFileSync, writeSync } from "node:fs";
import path from "node:path";
import { env } from "@/lib/env";
import { db, type Db } from "@/server/db";
import { storedValue } from "@/server/secrets";

// Secrets Herald must read back (two-factor seeds, webhook signing secrets) are kept in
// the database sealed with AES-256-GCM under a key that is not in the database, so a
// copy of the database alone (a stolen backup, an injection) does not yield them.
// The key is HERALD_SECRET_KEY, or else a file made on first use (HERALD_SECRET_KEY_FILE).
// The database keeps the key's fingerprint: a process holding another key (a lost file,
// an instance set up apart) neither seals nor opens anything, and says why, while the
// rest of Herald carries on. Values stored before sealing existed are read as they are.

const PREFIX = "sealed:v1:";
const IV_BYTES = 12;
const TAG_BYTES = 16;
const FINGERPRINT = "secret-key-fingerprint";

export class SealError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "SealError";
  }
}

function keyFile(): string {
  return path.resolve(env().HERALD_SECRET_KEY_FILE);
}

/** Writes a new key whole under another name, then links it into place: of processes starting together, one key wins. */
function createKeyFile(file: string) {
  mkdirSync(path.dirname(file), { recursive: true });
  const draft = `${file}.${process.pid}.${randomBytes(4).toString("hex")}`;
  // The key file's path comes from the environment: nothing for the build to trace.
  const handle = openSync(/*turbopackIgnore: true*/ draft, "wx", 0o600);
  try {
    writeSync(handle, `${randomBytes(32).toString("base64")}\n`);
    fsyncSync(handle);
  } finally {
    closeSync(handle);
  }
  try {
    linkSync(draft, file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "EPERM" || code === "ENOTSUP") writeFileSync(file, readFileSync(/*turbopackIgnore: true*/ draft), { flag: "wx", mode: 0o600 });
    else if (code !== "EEXIST") throw error;
  } finally {
    unlinkSync(draft);
  }
}

function loadKey(): Buffer {
  const { HERALD_SECRET_KEY } = env();
  if (HERALD_SECRET_KEY) return Buffer.from(HERALD_SECRET_KEY, "base64");
  const file = keyFile();
  if (!existsSync(file)) createKeyFile(file);
  const stored = Buffer.from(readFileSync(file, "utf8").trim(), "base64");
  if (stored.length !== 32) throw new SealError(`${file} does not hold a 32-byte key in base64: restore it from a copy, or set HERALD_SECRET_KEY.`);
  return stored;
}

export function fingerprintOf(secretKey: Buffer): string {
  return createHmac("sha256", secretKey).update("herald secret key fingerprint").digest("base64url").slice(0, 22);
}

const MISMATCH =
  "This server's secret key is not the one that sealed the secrets in the database, so two-factor codes and webhook signing cannot work here. " +
  "Give every instance and worker the same key: set HERALD_SECRET_KEY to the original, or restore the original .herald/secret.key.";

/** Records the key's fingerprint on first use; throws SealError when the database knows another key. */
async function checkFingerprint(database: Db, secretKey: Buffer): Promise<void> {
  const mine = fingerprintOf(secretKey);
  if ((await storedValue(FINGERPRINT, () => mine, database)) !== mine) throw new SealError(MISMATCH);
}

let checkedKey: Promise<Buffer> | undefined;

/** This process's key, once the database has confirmed it is the right one. */
function key(database: Db = db()): Promise<Buffer> {
  checkedKey ??= (async () => {
    const secretKey = loadKey();
    await checkFingerprint(database, secretKey);
    return secretKey;
  })();
  // A failed check (the database down, a wrong key) is tried again next time.
  checkedKey.catch(() => (checkedKey = undefined));
  return checkedKey;
}

/** For /api/health: whether this process's key is the one the database knows; null when the database cannot say. */
export async function secretKeyHealth(): Promise<{ ok: true } | { ok: false; problem: string } | null> {
  try {
    await key();
    return { ok: true };
  } catch (error) {
    return error instanceof SealError ? { ok: false, problem: error.message } : null;
  }
}

export function isSealed(value: string): boolean {
  return value.startsWith(PREFIX);
}

export async function seal(plain: string, database?: Db): Promise<string> {
  return sealWith(await key(database), plain);
}

/** The plain value; throws SealError when this server cannot open it. */
export async function unseal(value: string, database?: Db): Promise<string> {
  if (!isSealed(value)) return value;
  return unsealWith(await key(database), value);
}

export function sealWith(secretKey: Buffer, plain: string): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv("aes-256-gcm", secretKey, iv, { authTagLength: TAG_BYTES });
  const body = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  return PREFIX + Buffer.concat([iv, cipher.getAuthTag(), body]).toString("base64url");
}

export function unsealWith(secretKey: Buffer, value: string): string {
  const packed = Buffer.from(value.slice(PREFIX.length), "base64url");
  if (!isSealed(value) || packed.length < IV_BYTES + TAG_BYTES) throw new SealError("A sealed secret in the database is damaged.");
  try {
    const decipher = createDecipheriv("aes-256-gcm", secretKey, packed.subarray(0, IV_BYTES), { authTagLength: TAG_BYTES });
    decipher.setAuthTag(packed.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
    return Buffer.concat([decipher.update(packed.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString("utf8");
  } catch {
    throw new SealError("A sealed secret in the database does not open with this server's key: it was sealed under another key, or altered.");
  }
}

/**
 * At start-up: seals secrets stored before sealing existed. With the wrong key it
 * seals nothing and returns the reason, and Herald starts anyway: the status page must
 * not go down over a key that only two-factor and webhooks need.
 */
export async function sealStoredSecrets(database: Db): Promise<{ sealed: number; problem?: string }> {
  try {
    await key(database);
  } catch (error) {
    if (error instanceof SealError) return { sealed: 0, problem: error.message };
    throw error;
  }
  let sealed = 0;
  const users = await database.user.findMany({ where: { OR: [{ totpSecret: { not: null } }, { totpPendingSecret: { not: null } }] }, select: { id: true, totpSecret: true, totpPendingSecret: true } });
  for (const user of users) {
    const data = {
      ...(user.totpSecret && !isSealed(user.totpSecret) ? { totpSecret: await seal(user.totpSecret, database) } : {}),
      ...(user.totpPendingSecret && !isSealed(user.totpPendingSecret) ? { totpPendingSecret: await seal(user.totpPendingSecret, database) } : {}),
    };
    if (Object.keys(data).length === 0) continue;
    // Only if still the value read: a change meanwhile is already sealed.
    await database.user.updateMany({ where: { id: user.id, totpSecret: user.totpSecret, totpPendingSecret: user.totpPendingSecret }, data });
    sealed++;
  }
  const endpoints = await database.webhookEndpoint.findMany({ select: { id: true, secret: true } });
  for (const endpoint of endpoints.filter((candidate) => !isSealed(candidate.secret))) {
    await database.webhookEndpoint.updateMany({ where: { id: endpoint.id, secret: endpoint.secret }, data: { secret: await seal(endpoint.secret, database) } });
    sealed++;
  }
  return { sealed };
}
