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

/** `next build`, then the stamp; exits when the build fails. */
export function buildNext(root: string) {
  const hash = sourceHash(root, SOURCES);
  const build = spawnSync(process.execPath, [path.join(root, "node_modules", "next", "dist", "bin", "next"), "build"], {
    cwd: root,
    stdio: "inherit",
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
  });
  if (build.status !== 0) process.exit(build.status ?? 1);
  writeFileSync(stampFile(root), hash);
}

/**
 * Next for `npm start` and `npm run export`: built first when its sources changed
 * (`why` says when that is expected), then started in production mode on a loopback port.
 */
export function startBuiltNext(root: string, why: string, onExit: NextProcessOptions["onExit"]) {
  if (!buildIsCurrent(root)) {
    console.log(`Building Herald (${why}, or the sources changed)…`);
    buildNext(root);
  }
  Object.assign(process.env, { NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1" });
  return startNext({ root, mode: "production", onExit });
}
