// Decides whether `npm start` must build Next: the production build records a hash of
// the sources it was built from, and a changed source means a new build.
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { sourceHash } from "./compile.mjs";
import { startNext, type NextProcessOptions } from "./next-process";

// What Next builds from. runtime/ is not among them: it is compiled on its own (compile.mjs).
const SOURCES = ["app", "components", "lib", "server", "public", "proxy.ts", "next.config.js", "postcss.config.mjs", "tsconfig.json", "package-lock.json", "prisma/schema.prisma"];

const stampFile = (root: string) => path.join(root, ".next", "herald-source-hash");

export function buildIsCurrent(root: string): boolean {
  if (!existsSync(path.join(root, ".next", "BUILD_ID")) || !existsSync(stampFile(root))) return false;
  return readFileSync(stampFile(root), "utf8") === sourceHash(root, SOURCES);
}

/**
 * `next build`, then the stamp; exits when the build fails. Quiet (for `npm start`): one
 * line when it is done instead of Next's route table and tracing notes, all of which
 * are shown when it fails.
 */
export function buildNext(root: string, { quiet = false } = {}) {
  const hash = sourceHash(root, SOURCES);
  const started = Date.now();
  const build = spawnSync(process.execPath, [path.join(root, "node_modules", "next", "dist", "bin", "next"), "build"], {
    cwd: root,
    stdio: quiet ? "pipe" : "inherit",
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
  });
  if (build.status !== 0) {
    if (quiet) process.stderr.write(`${build.stdout ?? ""}${build.stderr ?? ""}`);
    process.exit(build.status ?? 1);
  }
  writeFileSync(stampFile(root), hash);
  if (quiet) console.log(`Built in ${Math.round((Date.now() - started) / 1000)} s.`);
}

/**
 * Next for `npm start` and `npm run export`: built first when its sources changed
 * (`why` says when that is expected), then started in production mode on a loopback port.
 */
export function startBuiltNext(root: string, why: string, onExit: NextProcessOptions["onExit"]) {
  if (!buildIsCurrent(root)) {
    console.log(`Building Herald (${why}, or the sources changed); this takes a minute or two…`);
    buildNext(root, { quiet: true });
  }
  Object.assign(process.env, { NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1" });
  return startNext({ root, mode: "production", onExit });
}
