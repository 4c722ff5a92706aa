import { afterAll, inject } from "vitest";
import { cloneDatabase } from "./test-database";

// Each test file runs against its own copy of the migrated template database.
const database = await cloneDatabase(inject("templateDatabaseUrl"));
process.env.DATABASE_URL = database.url;
const globalForDb = globalThis as unknown as { heraldDb?: { $disconnect(): Promise<void> } };
globalForDb.heraldDb = undefined;

afterAll(async () => {
  await globalForDb.heraldDb?.$disconnect();
  globalForDb.heraldDb = undefined;
  await database.dispose();
});
