// What `npm start`, `npm run dev` and `npm run db:migrate` share: validated
// configuration, a migrated database, and the demo story in an empty one.
import { mkdirSync } from "node:fs";
import path from "node:path";
import { databaseProvider, EnvError, parseEnv, sqliteFilePath, type Env } from "@/lib/env";
import { ensureFirstOwner } from "@/server/auth";
import { createDb } from "@/server/db";
import { createEmptyPage, isEmpty, loadDemoStory } from "@/server/demo";
import { sealStoredSecrets } from "@/server/secret-box";
import { runPrisma } from "./prisma";

export function loadEnvOrExit(): Env {
  try {
    return parseEnv(process.env);
  } catch (error) {
    if (error instanceof EnvError) {
      console.error(error.message);
      process.exit(78); // EX_CONFIG
    }
    throw error;
  }
}

export function migrate(env: Env) {
  if (databaseProvider(env.DATABASE_URL) === "sqlite") {
    mkdirSync(path.dirname(path.resolve(sqliteFilePath(env.DATABASE_URL))), { recursive: true });
  }
  runPrisma(["migrate", "deploy"], { DATABASE_URL: env.DATABASE_URL });
}

export async function prepareDatabase(env: Env) {
  migrate(env);
  const database = createDb(env.DATABASE_URL);
  try {
    if (databaseProvider(env.DATABASE_URL) === "sqlite") {
      // Readers never wait for the writer, and the writer waits instead of failing.
      await database.$queryRawUnsafe("PRAGMA journal_mode = WAL");
    }
    if (await isEmpty(database)) {
      const publicUrl = env.PUBLIC_URL ?? `http://localhost:${env.PORT}`;
      if (env.HERALD_DEMO) {
        await loadDemoStory(database, publicUrl);
        console.log("Loaded the demo story (Sega Pass, June 2011) into the empty database.");
      } else {
        await createEmptyPage(database, publicUrl);
      }
    }
    const { sealed, problem } = await sealStoredSecrets(database);
    if (sealed) console.log(`Sealed ${sealed} stored secrets (two-factor seeds, webhook secrets) with the secret key.`);
    // The page, feeds and API do not need the key: start, and say loudly what does not work.
    if (problem) console.error(`WARNING: ${problem}`);
    const owner = await ensureFirstOwner(env.ADMIN_EMAIL, env.ADMIN_PASSWORD);
    if (owner === "created") console.log(`Created the first owner, ${env.ADMIN_EMAIL}. Sign in at /admin/login.`);
    if (owner === "missing") {
      console.log("No admin user yet: set ADMIN_EMAIL and ADMIN_PASSWORD and start again, or run `npm run user -- create --email <you> --role owner`.");
    }
  } finally {
    await database.$disconnect();
  }
}

/** Whether the database answers at all (within a few seconds). */
export async function databaseReachable(env: Env): Promise<{ ok: true } | { ok: false; reason: string }> {
  if (databaseProvider(env.DATABASE_URL) === "sqlite") return { ok: true };
  const database = createDb(env.DATABASE_URL);
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
