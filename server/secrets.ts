import "server-only";
import { randomBytes } from "node:crypto";
import { db } from "@/server/db";

// Keys made on first use and kept in the database, so every instance and worker
// signs and checks links with the same one and no operator has to invent it.

const cache = new Map<string, string>();

export async function serverSecret(name: string): Promise<string> {
  const known = cache.get(name);
  if (known) return known;
  let row = await db().serverSecret.findUnique({ where: { name } });
  if (!row) {
    try {
      row = await db().serverSecret.create({ data: { name, value: randomBytes(32).toString("base64url") } });
    } catch {
      // Another process made it first: use theirs.
      row = await db().serverSecret.findUniqueOrThrow({ where: { name } });
    }
  }
  cache.set(name, row.value);
  return row.value;
}
