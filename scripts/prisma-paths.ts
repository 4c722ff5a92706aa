import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { DatabaseProvider } from "../lib/env";

export { databaseProvider, sqliteFilePath } from "../lib/env";

// prisma/schema.prisma is the SQLite schema and the single source of the models;
// the PostgreSQL schema is derived from it (see derivePostgresSchema).
export function prismaPaths(provider: DatabaseProvider) {
  return provider === "postgresql"
    ? { schema: "prisma/postgresql/schema.prisma", migrations: "prisma/postgresql/migrations" }
    : { schema: "prisma/schema.prisma", migrations: "prisma/migrations" };
}

export function derivePostgresSchema(sqliteSchema: string): string {
  const swapped = sqliteSchema
    .replace(/provider\s*=\s*"sqlite"/, 'provider = "postgresql"')
    .replace('output       = "../server/generated/sqlite"', 'output       = "../../server/generated/postgresql"');
  if (swapped === sqliteSchema || !swapped.includes('"postgresql"') || !swapped.includes("generated/postgresql")) {
    throw new Error("prisma/schema.prisma: could not derive the PostgreSQL schema (provider or output line changed?)");
  }
  return `// Derived from prisma/schema.prisma by scripts/prisma.ts. Do not edit.\n${swapped}`;
}

/**
 * Writes the PostgreSQL schema derived from the SQLite one under `root`, when it differs.
 * The Prisma CLI's config calls it, so every migrate and generate reads a current one.
 */
export function writePostgresSchema(root: string) {
  const target = path.join(root, prismaPaths("postgresql").schema);
  const derived = derivePostgresSchema(readFileSync(path.join(root, prismaPaths("sqlite").schema), "utf8"));
  if (existsSync(target) && readFileSync(target, "utf8") === derived) return;
  mkdirSync(path.dirname(target), { recursive: true });
  writeFileSync(target, derived);
}
