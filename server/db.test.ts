import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import { describe, expect, it, vi } from "vitest";
import { databaseProvider, sqliteFilePath } from "@/lib/env";
import { db, lastKnown, writeTransaction } from "@/server/db";

const require = createRequire(import.meta.url);

// What read-only pages draw from while the database cannot be reached.

const unreachable = () => Promise.reject(Object.assign(new Error("Can't reach database server"), { code: "P1001" }));

describe("lastKnown", () => {
  it("answers with the last value read while the database is unreachable", async () => {
    expect(await lastKnown("answer", async () => 42)).toBe(42);
    expect(await lastKnown("answer", unreachable)).toBe(42);
    expect(await lastKnown("answer", async () => 43)).toBe(43);
    expect(await lastKnown("answer", unreachable)).toBe(43);
  });

  it("falls back, or fails, when nothing was read yet", async () => {
    expect(await lastKnown("never-read", unreachable, [])).toEqual([]);
    await expect(lastKnown("never-read-either", unreachable)).rejects.toThrow(/reach database/);
  });

  it("passes on errors that are not an outage", async () => {
    await lastKnown("bug", async () => 1);
    await expect(lastKnown("bug", () => Promise.reject(new Error("column does not exist")))).rejects.toThrow(/column does not exist/);
  });
});

describe("writeTransaction", () => {
  // Another process (the outbox worker, a second instance) writes while a transaction that
  // has already read is still open: the transaction must still commit, and so must the other
  // process's write, after it. Without the lock taken first, SQLite refuses the transaction's
  // write with SQLITE_BUSY_SNAPSHOT (the admin spec met it in CI while the worker delivered).
  it.skipIf(databaseProvider(process.env.DATABASE_URL ?? "") !== "sqlite")("commits while another process writes to SQLite", async () => {
    await db().$queryRawUnsafe("PRAGMA journal_mode = WAL"); // as every start sets it (server/setup.ts)
    await db().pageSettings.create({ data: { id: 1, name: "Example", url: "https://status.example.com", timeZone: "UTC" } });
    const file = sqliteFilePath(process.env.DATABASE_URL!);
    // As Next runs it: this module bundled into another server chunk, a second instance
    // of it, handed the process-wide client the first instance created.
    vi.resetModules();
    const anotherChunk = await import("@/server/db");
    expect(anotherChunk.writeTransaction).not.toBe(writeTransaction);
    let other: Promise<number> | undefined;
    await anotherChunk.writeTransaction(async (tx) => {
      await tx.pageSettings.findUniqueOrThrow({ where: { id: 1 } });
      other = otherProcessWrites(file);
      // Give the other process time to write (or to wait for the lock) before writing here.
      await Promise.race([other, new Promise((resolve) => setTimeout(resolve, 1_000))]);
      await tx.pageSettings.update({ where: { id: 1 }, data: { version: { increment: 1 } } });
    });
    expect(await other).toBe(0);
    const settings = await db().pageSettings.findUniqueOrThrow({ where: { id: 1 } });
    expect(settings.version).toBe(1);
    expect(settings.name).toBe("Written by another process");
  });
});

/** A separate Node process that renames the page, waiting up to 10 s for SQLite's lock. */
function otherProcessWrites(file: string): Promise<number> {
  const script = `
    const Database = require(${JSON.stringify(require.resolve("better-sqlite3"))});
    const database = new Database(${JSON.stringify(file)}, { timeout: 10000 });
    database.prepare('UPDATE "PageSettings" SET "name" = ? WHERE "id" = 1').run("Written by another process");
    database.close();`;
  return new Promise((resolve) => spawn(process.execPath, ["-e", script], { stdio: "inherit" }).on("exit", (code) => resolve(code ?? 1)));
}
