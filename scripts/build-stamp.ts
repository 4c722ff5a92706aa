// Decides whether `npm start` must build: the production build records a hash of
// the sources it was built from, and a changed source means a new build.
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";

const SOURCES = ["app", "components", "lib", "server", "public", "proxy.ts", "next.config.js", "postcss.config.mjs", "tsconfig.json", "package-lock.json"];
const SKIP = new Set(["node_modules", "generated", ".next"]);

function collect(root: string, entry: string, files: string[]) {
  const full = path.join(root, entry);
  if (!existsSync(full)) return;
  if (statSync(full).isDirectory()) {
    for (const child of readdirSync(full).sort()) {
      if (!SKIP.has(child) && !child.endsWith(".test.ts")) collect(root, path.join(entry, child), files);
    }
  } else {
    files.push(entry);
  }
}

export function sourceHash(root: string): string {
  const files: string[] = [];
  for (const entry of SOURCES) collect(root, entry, files);
  const hash = createHash("sha256");
  for (const file of files) hash.update(file).update("\0").update(readFileSync(path.join(root, file))).update("\0");
  return hash.digest("hex");
}

const stampFile = (root: string) => path.join(root, ".next", "herald-source-hash");

export function buildIsCurrent(root: string): boolean {
  if (!existsSync(path.join(root, ".next", "BUILD_ID")) || !existsSync(stampFile(root))) return false;
  return readFileSync(stampFile(root), "utf8") === sourceHash(root);
}

export function recordBuild(root: string, hash: string) {
  writeFileSync(stampFile(root), hash);
}
