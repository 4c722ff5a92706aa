import "server-only";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { databaseProvider, env, sqliteFilePath } from "@/lib/env";
import { PrismaClient as PostgresClient } from "@/server/generated/postgresql/client";
import { PrismaClient } from "@/server/generated/sqlite/client";

// The one database client. Both generated clients come from the same models
// (prisma/schema.prisma), so the PostgreSQL one is used through the SQLite one's type.
export type Db = PrismaClient;
export type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];

export function createDb(url: string): Db {
  if (databaseProvider(url) === "postgresql") {
    // A dead database must fail fast, not hang the request that asked.
    const adapter = new PrismaPg({ connectionString: url, connectionTimeoutMillis: 3_000 });
    return new PostgresClient({ adapter }) as unknown as Db;
  }
  // timeout: how long a writer waits for SQLite's lock before giving up.
  return new PrismaClient({ adapter: new PrismaBetterSQLite3({ url: sqliteFilePath(url), timeout: 10_000 }) });
}

const globalForDb = globalThis as unknown as { heraldDb?: Db };

/** The process-wide client, created on first use. */
export function db(): Db {
  globalForDb.heraldDb ??= createDb(env().DATABASE_URL);
  return globalForDb.heraldDb;
}
