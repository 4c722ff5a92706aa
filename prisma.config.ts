import path from "node:path";
import { defineConfig } from "prisma/config";
import { databaseProvider, prismaPaths, writePostgresSchema } from "./scripts/prisma-paths";
import { createMigrationAdapter } from "./scripts/migration-adapter";

// The CLI migrates through the WASM schema engine and a driver adapter: no native
// engine is downloaded (see STACK.md).
// The schema's url = env("DATABASE_URL") must resolve even for `generate`, or the
// CLI falls back to downloading a native engine.
process.env.DATABASE_URL ||= "file:./data/herald.db";
const provider = databaseProvider(process.env.DATABASE_URL);
const paths = prismaPaths(provider);
// The PostgreSQL schema is derived from the SQLite one: refreshed whenever the CLI runs,
// so `npm start` (runtime/database.ts) migrates without a step of its own.
if (provider === "postgresql") writePostgresSchema(process.cwd());

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: path.resolve(paths.schema),
  migrations: { path: path.resolve(paths.migrations) },
  adapter: async () => createMigrationAdapter(process.env.DATABASE_URL!),
});
