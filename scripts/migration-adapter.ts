import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { databaseProvider, sqliteFilePath } from "./prisma-paths";

// The driver adapter the Prisma CLI migrates through. PostgreSQL uses adapter-pg 7
// (installed under an alias): 6.19's fails to read the migrations table (STACK.md).
export async function createMigrationAdapter(url: string) {
  if (databaseProvider(url) === "postgresql") {
    const { PrismaPg } = await import("prisma-adapter-pg-cli");
    // A short idle timeout lets the CLI exit as soon as it is done.
    return new PrismaPg({ connectionString: url, idleTimeoutMillis: 100 });
  }
  return new PrismaBetterSQLite3({ url: sqliteFilePath(url) });
}
