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

/**
 * Marks a client that talks to SQLite, whose write transactions take the lock first. A
 * mark on the client itself, not a module-level set: Next bundles this module into more
 * than one server chunk, and a set in one chunk does not know the clients of another.
 */
const SQLITE = Symbol.for("herald.sqliteClient");
const isSqliteClient = (database: Db) => (database as unknown as Record<symbol, boolean>)[SQLITE] === true;

export function createDb(url: string): Db {
  if (databaseProvider(url) === "postgresql") {
    // A dead database must fail fast, not hang the request that asked.
    const adapter = new PrismaPg({ connectionString: url, connectionTimeoutMillis: 3_000 });
    return new PostgresClient({ adapter }) as unknown as Db;
  }
  // timeout: how long a writer waits for SQLite's lock before giving up.
  const client = new PrismaClient({ adapter: new PrismaBetterSQLite3({ url: sqliteFilePath(url), timeout: 10_000 }) });
  Object.defineProperty(client, SQLITE, { value: true });
  return client;
}

/**
 * Runs `work` in one transaction that may write. Every transaction that writes goes
 * through here, never `$transaction` directly.
 *
 * On SQLite the first statement takes the write lock, as `BEGIN IMMEDIATE` would (the
 * driver adapter only says `BEGIN`). Otherwise a transaction that reads and then writes
 * fails with SQLITE_BUSY_SNAPSHOT whenever another process (the outbox worker, a second
 * instance) committed in between: its snapshot is stale, and waiting cannot help. Taken
 * first, the lock is waited for (the busy timeout) and the snapshot is never stale.
 */
export function writeTransaction<T>(work: (tx: Tx) => Promise<T>, database: Db = db()): Promise<T> {
  if (!isSqliteClient(database)) return database.$transaction(work);
  return database.$transaction(async (tx) => {
    // Writes nothing, but SQLite begins a write transaction for it all the same.
    await tx.$executeRawUnsafe('UPDATE "PageSettings" SET "id" = "id" WHERE 0');
    return work(tx);
  });
}

const globalForDb = globalThis as unknown as { heraldDb?: Db };

/** The process-wide client, created on first use. */
export function db(): Db {
  globalForDb.heraldDb ??= createDb(env().DATABASE_URL);
  return globalForDb.heraldDb;
}

/** Whether an error means the database cannot be reached (rather than a bug or bad data). */
export function isDatabaseUnavailable(error: unknown): boolean {
  const candidate = error as { name?: string; code?: string; message?: string; cause?: unknown } | null;
  if (!candidate) return false;
  if (candidate.name === "PrismaClientInitializationError" || ["P1001", "P1002", "P1017", "P2024"].includes(candidate.code ?? "")) return true;
  const message = String(candidate.message ?? "");
  if (/ECONNREFUSED|ECONNRESET|Connection terminated|connect ETIMEDOUT|timeout exceeded when trying to connect|does not allow connections|not currently accepting connections|Can.t reach database|the database system is|SQLITE_BUSY|SQLITE_CANTOPEN|DatabaseNotReachable|terminating connection/i.test(message)) {
    return true;
  }
  return candidate.cause !== undefined && candidate.cause !== error && isDatabaseUnavailable(candidate.cause);
}

const globalForLastKnown = globalThis as unknown as { heraldLastKnown?: Map<string, unknown> };

/**
 * `load()`'s answer, remembered in this process; while the database cannot be reached,
 * the last answer instead (or `fallback` when there was none), so a page that only
 * reads can still be drawn. Other errors are thrown as they are.
 */
export async function lastKnown<T>(key: string, load: () => Promise<T>, fallback?: T): Promise<T> {
  const memory = (globalForLastKnown.heraldLastKnown ??= new Map());
  try {
    const value = await load();
    memory.set(key, value);
    return value;
  } catch (error) {
    if (!isDatabaseUnavailable(error)) throw error;
    if (memory.has(key)) return memory.get(key) as T;
    if (fallback !== undefined) return fallback;
    throw error;
  }
}
