// Runs the Prisma CLI against the schema that DATABASE_URL's provider needs,
// deriving the PostgreSQL schema from the SQLite one first.
//   tsx scripts/prisma.ts generate        generates both clients
//   tsx scripts/prisma.ts <prisma args>    e.g. migrate deploy
import { spawnSync } from "node:child_process";
import path from "node:path";
import { prismaPaths, writePostgresSchema } from "./prisma-paths";

const root = path.resolve(import.meta.dirname, "..");
const prismaBin = path.join(root, "node_modules", "prisma", "build", "index.js");

/** Runs the CLI; `quiet` keeps its output unless it fails. */
export function runPrisma(args: string[], extraEnv: Record<string, string> = {}, { quiet = false } = {}) {
  writePostgresSchema(root);
  const result = spawnSync(process.execPath, [prismaBin, ...args], {
    cwd: root,
    stdio: quiet ? "pipe" : "inherit",
    encoding: "utf8",
    env: { ...process.env, PRISMA_HIDE_UPDATE_MESSAGE: "1", CHECKPOINT_DISABLE: "1", ...extraEnv },
  });
  if (result.status !== 0) {
    if (quiet) process.stderr.write(`${result.stdout ?? ""}${result.stderr ?? ""}`);
    throw new Error(`prisma ${args.join(" ")} failed (exit ${result.status})`);
  }
}

if (import.meta.filename === process.argv[1]) {
  const args = process.argv.slice(2);
  try {
    if (args[0] === "generate") {
      // Each schema's url must parse for its provider, or the CLI downloads a native engine.
      const urls = { sqlite: "file:./data/herald.db", postgresql: "postgresql://localhost/herald" };
      for (const provider of ["sqlite", "postgresql"] as const) {
        runPrisma(["generate", "--schema", prismaPaths(provider).schema, ...args.slice(1)], {
          DATABASE_URL: urls[provider],
        });
      }
    } else {
      runPrisma(args);
    }
  } catch (error) {
    console.error((error as Error).message);
    process.exit(1);
  }
}
