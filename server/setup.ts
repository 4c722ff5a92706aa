import "server-only";
import { databaseProvider, type Env } from "@/lib/env";
import { ensureFirstOwner } from "@/server/auth";
import { createDb } from "@/server/db";
import { createEmptyPage, isEmpty, loadDemoStory } from "@/server/demo";
import { sealStoredSecrets } from "@/server/secret-box";

// What a start does to the data once the migrations are applied (runtime/database.ts):
// SQLite in WAL mode, the demo story (or an empty page) in an empty database, stored
// secrets sealed, the first owner. It reports what it did, for the start-up log.

export interface SetupReport {
  /** What an empty database was filled with; null when it held data already. */
  filled: "demo" | "empty page" | null;
  /** Secrets sealed now with the secret key (two-factor seeds, webhook secrets). */
  sealed: number;
  /** Why sealing or opening secrets will not work (another key, a lost key file). */
  keyProblem: string | null;
  owner: "created" | "exists" | "missing";
}

export async function setUpData(env: Env): Promise<SetupReport> {
  const database = createDb(env.DATABASE_URL);
  try {
    if (databaseProvider(env.DATABASE_URL) === "sqlite") {
      // Readers never wait for the writer, and the writer waits instead of failing.
      await database.$queryRawUnsafe("PRAGMA journal_mode = WAL");
    }
    let filled: SetupReport["filled"] = null;
    if (await isEmpty(database)) {
      const publicUrl = env.PUBLIC_URL ?? `http://localhost:${env.PORT}`;
      if (env.HERALD_DEMO) await loadDemoStory(database, publicUrl);
      else await createEmptyPage(database, publicUrl);
      filled = env.HERALD_DEMO ? "demo" : "empty page";
    }
    const { sealed, problem } = await sealStoredSecrets(database);
    const owner = await ensureFirstOwner(env.ADMIN_EMAIL, env.ADMIN_PASSWORD);
    return { filled, sealed, keyProblem: problem ?? null, owner };
  } finally {
    await database.$disconnect();
  }
}

/** Whether the database answers at all (within a few seconds); SQLite always does. */
export async function databaseReachable(url: string): Promise<{ ok: true } | { ok: false; reason: string }> {
  if (databaseProvider(url) === "sqlite") return { ok: true };
  const database = createDb(url);
  try {
    await Promise.race([
      database.$queryRawUnsafe("SELECT 1"),
      new Promise((_, reject) => setTimeout(() => reject(new Error("no answer within 5 s")), 5_000).unref()),
    ]);
    return { ok: true };
  } catch (error) {
    return { ok: false, reason: (error as Error).message.split("\n")[0] };
  } finally {
    await database.$disconnect().catch(() => {});
  }
}
