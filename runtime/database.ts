// What `npm start`, `npm run dev` and `npm run db:migrate` do to the database before
// serving: apply the migrations through the Prisma CLI, then the data steps of a start
// (server/setup.ts: the demo story in an empty database, sealed secrets, the first owner).
import { spawnSync } from "node:child_process";
import { mkdirSync } from "node:fs";
import path from "node:path";
import { databaseProvider, sqliteFilePath, type Env } from "@/lib/env";
import { setUpData } from "@/server/setup";
import { ROOT } from "./root";

/**
 * Applies the migrations through the Prisma CLI. Quiet (for `npm start`): its dozens of
 * lines become one, and all of them are shown only when it fails.
 */
export function migrate(env: Env, { quiet = false } = {}) {
  if (databaseProvider(env.DATABASE_URL) === "sqlite") {
    mkdirSync(path.dirname(path.resolve(sqliteFilePath(env.DATABASE_URL))), { recursive: true });
  }
  // The Prisma CLI picks the schema and migrations for the database (prisma.config.ts).
  const migrated = spawnSync(process.execPath, [path.join(ROOT, "node_modules", "prisma", "build", "index.js"), "migrate", "deploy"], {
    cwd: ROOT,
    stdio: quiet ? "pipe" : "inherit",
    encoding: "utf8",
    env: { ...process.env, DATABASE_URL: env.DATABASE_URL, PRISMA_HIDE_UPDATE_MESSAGE: "1", CHECKPOINT_DISABLE: "1" },
  });
  if (migrated.status !== 0) {
    if (quiet) process.stderr.write(`${migrated.stdout ?? ""}${migrated.stderr ?? ""}`);
    throw new Error(`prisma migrate deploy failed (exit ${migrated.status ?? migrated.signal})`);
  }
  if (quiet) console.log(summariseMigrations(`${migrated.stdout ?? ""}${migrated.stderr ?? ""}`));
}

/** One line for what `prisma migrate deploy` printed. */
export function summariseMigrations(output: string): string {
  const found = /(\d+) migrations? found/.exec(output)?.[1];
  const applied = [...output.matchAll(/└─ (\d{14}_[\w-]+)\//g)].map((match) => match[1]);
  const total = found ? `${found} migration${found === "1" ? "" : "s"}` : "migrations";
  if (applied.length === 0) return `Database is up to date (${total} applied).`;
  return `Database migrated: applied ${applied.length} of ${total} now (${applied.length > 3 ? `${applied.slice(0, 3).join(", ")}, …` : applied.join(", ")}).`;
}

export async function prepareDatabase(env: Env) {
  migrate(env, { quiet: true });
  const report = await setUpData(env);
  if (report.filled === "demo") console.log("Loaded the demo story (Sega Pass, June 2011) into the empty database.");
  if (report.sealed) console.log(`Sealed ${report.sealed} stored secrets (two-factor seeds, webhook secrets) with the secret key.`);
  // The page, feeds and API do not need the key: start, and say loudly what does not work.
  if (report.keyProblem) console.error(`WARNING: ${report.keyProblem}`);
  if (report.owner === "created") console.log(`Created the first owner, ${env.ADMIN_EMAIL}. Sign in at /admin/login.`);
  // Said on every start they are set, since changing them later changes nothing.
  if (report.owner === "exists" && (env.ADMIN_EMAIL || env.ADMIN_PASSWORD)) {
    console.log("ADMIN_EMAIL and ADMIN_PASSWORD are ignored: they only create the first owner, and an owner exists. Use `npm run user` or the console's Users page.");
  }
  if (report.owner === "missing") {
    console.log("No admin user yet: set ADMIN_EMAIL and ADMIN_PASSWORD and start again, or run `npm run user -- create --email <you> --role owner`.");
  }
}
