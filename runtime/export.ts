// npm run export -- <dir> (compiled, through launch.mjs): the public site as static files
// (runtime/mirror.ts), for any static web server or object store to serve while Herald
// itself is down. Every public response is rendered through Next as the front renders
// it, from the database as it is now; nothing is written to the database.
import { existsSync } from "node:fs";
import http from "node:http";
import path from "node:path";
import { databaseProvider, sqliteFilePath } from "@/lib/env";
import { NOT_FOUND_KEYS, publicKeys } from "@/lib/front";
import { mirrorFile } from "@/lib/mirror";
import { listPublicRoutes } from "@/server/public-routes";
import { databaseReachable } from "@/server/setup";
import { getPageSettings } from "@/server/settings";
import { loadEnvOrExit } from "./config";
import { NextRender } from "./front/next-render";
import { describeMirror, mirrorDirProblem, writeMirror, type MirrorResponse } from "./mirror";
import { startBuiltNext } from "./next-build";
import { ROOT } from "./root";

/** Renders at once: Next is one process, and the live site may share the machine. */
const CONCURRENCY = 4;

function fail(message: string, code = 1): never {
  console.error(message);
  process.exit(code);
}

/** The folder named on the command line, relative to where `npm run` was typed (npm's INIT_CWD). */
function targetDir(): string {
  const args = process.argv.slice(process.argv.indexOf("export") + 1);
  if (args.length !== 1 || args[0].startsWith("-")) fail("Usage: npm run export -- <dir>", 64);
  return path.resolve(process.env.INIT_CWD ?? process.cwd(), args[0]);
}

async function main() {
  const started = Date.now();
  const env = loadEnvOrExit();
  const dir = targetDir();

  // Read-only: an export never creates, migrates or fills a database (npm start does).
  if (databaseProvider(env.DATABASE_URL) === "sqlite" && !existsSync(sqliteFilePath(env.DATABASE_URL))) {
    fail(`There is no database at ${sqliteFilePath(env.DATABASE_URL)} (DATABASE_URL): start Herald once (npm start) to create it.`);
  }
  const reachable = await databaseReachable(env.DATABASE_URL);
  if (!reachable.ok) fail(`The database at DATABASE_URL cannot be reached${reachable.reason ? `: ${reachable.reason}` : ""}; nothing was exported.`);
  const [routes, settings] = await Promise.all([listPublicRoutes(), getPageSettings()]).catch((error: Error) =>
    fail(`The database at DATABASE_URL cannot be read (${error.message.trim().split("\n").at(-1)}); run npm run db:migrate or npm start first.`),
  );
  const problem = mirrorDirProblem(dir, ROOT);
  if (problem) fail(`Cannot export: ${problem}`);

  const next = await startBuiltNext(ROOT, "first export", (code, signal) => fail(`Next exited (${signal ?? code}) during the export; nothing was written.`));
  const render = new NextRender({ port: next.port, agent: new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY }), timeoutMs: 60_000 });

  // Every incident, not only the most recent the front keeps ready: a mirror is the whole record.
  const keys = [...publicKeys(routes, Infinity), NOT_FOUND_KEYS.page].filter((key) => mirrorFile(key) !== null);
  const responses = new Map<string, MirrorResponse>();
  const failed: string[] = [];
  let index = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (index < keys.length) {
        const key = keys[index++];
        const entry = await render.render(key, settings.version);
        if (entry) responses.set(key, { status: entry.status, headers: entry.headers, body: entry.fresh.body });
        else failed.push(key);
      }
    }),
  );
  if (failed.length > 0) {
    next.stop();
    fail(`Could not render ${failed.length} of ${keys.length} responses (${failed.slice(0, 5).join(", ")}${failed.length > 5 ? ", …" : ""}); nothing was written.`);
  }

  try {
    const report = await writeMirror({ dir, publicUrl: settings.url, responses, buildDir: path.join(ROOT, ".next"), publicDir: path.join(ROOT, "public") });
    console.log(describeMirror(report, dir, (Date.now() - started) / 1000));
  } catch (error) {
    next.stop();
    fail(`Could not write the mirror to ${dir}: ${(error as Error).message}`);
  }
  next.stop();
  process.exit(0);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
