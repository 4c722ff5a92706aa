// Throwaway databases for tests: SQLite files under .herald/test, or databases
// created on the PostgreSQL server named by TEST_DATABASE_URL.
import { randomBytes } from "node:crypto";
import { copyFileSync, mkdirSync, rmSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { databaseProvider } from "../lib/env";
import { runPrisma } from "./prisma";

const root = path.resolve(import.meta.dirname, "..");
const sqliteDir = path.join(root, ".herald", "test");

export interface TestDatabase {
  url: string;
  dispose(): Promise<void>;
}

/** The server tests run against: TEST_DATABASE_URL when it is PostgreSQL, else SQLite. */
export function testProvider() {
  return databaseProvider(process.env.TEST_DATABASE_URL);
}

function withDatabase(serverUrl: string, name: string) {
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

async function onServer<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

function uniqueName(prefix: string) {
  return `${prefix}_${Date.now().toString(36)}_${randomBytes(3).toString("hex")}`;
}

/** An empty database with every migration applied, through the real Prisma CLI. */
export async function createMigratedDatabase(prefix = "herald_test"): Promise<TestDatabase> {
  if (testProvider() === "postgresql") {
    const name = uniqueName(prefix);
    await onServer((client) => client.query(`CREATE DATABASE "${name}"`));
    const url = withDatabase(process.env.TEST_DATABASE_URL!, name);
    runPrisma(["migrate", "deploy"], { DATABASE_URL: url }, { quiet: true });
    return { url, dispose: () => dropPostgres(name) };
  }
  mkdirSync(sqliteDir, { recursive: true });
  const file = path.join(sqliteDir, `${uniqueName(prefix)}.db`);
  const url = `file:${file}`;
  runPrisma(["migrate", "deploy"], { DATABASE_URL: url }, { quiet: true });
  return { url, dispose: async () => removeSqlite(file) };
}

/** A copy of a migrated template: much faster than migrating again. */
export async function cloneDatabase(templateUrl: string, prefix = "herald_test"): Promise<TestDatabase> {
  if (databaseProvider(templateUrl) === "postgresql") {
    const name = uniqueName(prefix);
    const template = new URL(templateUrl).pathname.slice(1);
    await onServer((client) => client.query(`CREATE DATABASE "${name}" TEMPLATE "${template}"`));
    return { url: withDatabase(templateUrl, name), dispose: () => dropPostgres(name) };
  }
  const file = path.join(sqliteDir, `${uniqueName(prefix)}.db`);
  copyFileSync(templateUrl.replace(/^file:/, ""), file);
  return { url: `file:${file}`, dispose: async () => removeSqlite(file) };
}

async function dropPostgres(name: string) {
  await onServer((client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
}

function removeSqlite(file: string) {
  for (const suffix of ["", "-wal", "-shm", "-journal"]) rmSync(`${file}${suffix}`, { force: true });
}
