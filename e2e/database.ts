import { readFileSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import pg from "pg";

// Direct SQL on the database the e2e server runs on, for specs that change data
// behind the server's back or cut the database away from it.

export function e2eDatabaseUrl(): string {
  return readFileSync(path.join(process.cwd(), ".herald", "e2e-database-url"), "utf8").trim();
}

export const onPostgres = () => e2eDatabaseUrl().startsWith("postgres");

/** Runs statements in order; `?`-free SQL only. */
export async function execute(...statements: string[]): Promise<void> {
  const url = e2eDatabaseUrl();
  if (url.startsWith("postgres")) {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      for (const statement of statements) await client.query(statement);
    } finally {
      await client.end();
    }
    return;
  }
  const database = new Database(url.replace(/^file:/, ""), { timeout: 10_000 });
  try {
    for (const statement of statements) database.exec(statement);
  } finally {
    database.close();
  }
}

/** Makes the e2e database refuse every connection, and drops the ones open (PostgreSQL). */
export async function cutPostgres(allow: boolean): Promise<void> {
  const url = new URL(e2eDatabaseUrl());
  const name = url.pathname.slice(1);
  url.pathname = "/postgres";
  const admin = new pg.Client({ connectionString: url.toString() });
  await admin.connect();
  try {
    await admin.query(`ALTER DATABASE "${name}" ALLOW_CONNECTIONS ${allow ? "true" : "false"}`);
    if (!allow) await admin.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()`, [name]);
  } finally {
    await admin.end();
  }
}
