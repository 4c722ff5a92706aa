import "server-only";
import { randomBytes } from "node:crypto";
import { db, type Db } from "@/server/db";

// Values made on first use and kept in the database, so every instance and worker
// signs and checks links with the same key and no operator has to invent it.

/** The value stored under `name`, storing `initial()` first if there is none; of processes racing, the first one stored wins. */
export async function storedValue(name: string, initial: () => string, database: Db = db()): Promise<string> {
  const row = await database.serverSecret.findUnique({ where: { name } });
  if (row) return row.value;
  try {
    return (await database.serverSecret.create({ data: { name, value: initial() } })).value;
  } catch (error) {
    // Another process made it first: use theirs.
    if ((error as { code?: string }).code !== "P2002") throw error;
    return (await database.serverSecret.findUniqueOrThrow({ where: { name } })).value;
  }
}

const cache = new Map<string, string>();

/** A random key kept under `name`, read once per process. */
export async function serverSecret(name: string): Promise<string> {
  const known = cache.get(name);
  if (known) return known;
  const value = await storedValue(name, () => randomBytes(32).toString("base64url"));
  cache.set(name, value);
  return value;
}
