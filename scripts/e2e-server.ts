// The server Playwright drives: `npm start` (runtime/launch.mjs start) on a fresh,
// empty database (SQLite, or PostgreSQL when TEST_DATABASE_URL names a server), so the
// demo story loads as it would on a new machine.
import { spawn } from "node:child_process";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { createMigratedDatabase } from "./test-database";

const root = path.resolve(import.meta.dirname, "..");

async function main() {
  const database = await createMigratedDatabase("herald_e2e");
  // Specs that change data or cut the database read where it is from here.
  mkdirSync(path.join(root, ".herald"), { recursive: true });
  writeFileSync(path.join(root, ".herald", "e2e-database-url"), database.url);
  rmSync(path.join(root, ".herald", "e2e-mail"), { recursive: true, force: true });
  const server = spawn(process.execPath, [path.join(root, "runtime", "launch.mjs"), "start"], {
    cwd: root,
    stdio: "inherit",
    env: { ...process.env, DATABASE_URL: database.url, HERALD_DEMO: "true" },
  });
  const stop = (signal: NodeJS.Signals) => server.kill(signal);
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
  server.on("exit", async (code) => {
    await database.dispose().catch(() => {});
    process.exit(code ?? 0);
  });
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
