// The runtime's own build. Production runs plain JavaScript: runtime/'s entry points,
// with the server/ and lib/ code they import, bundled by esbuild into .herald/runtime/
// (packages stay in node_modules), rebuilt when those sources change, as the Next
// build is (next-build.ts). Plain JavaScript itself, so the launcher needs no loader.
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";

/** What Herald runs: `npm start` (the front, Next behind it, a worker), `npm run worker`, `npm run build`, `npm run export`. */
export const ENTRIES = ["start", "worker", "build", "export"];

/** What the compiled runtime is made of: its code, the code it bundles, the generated client's schema, and how it is built. */
const SOURCES = ["runtime", "server", "lib", "prisma/schema.prisma", "tsconfig.json", "package-lock.json"];
const SKIP = new Set(["node_modules", "generated", ".next"]);

/** @param {string} root @param {string} entry @param {string[]} files */
function collect(root, entry, files) {
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

/**
 * A hash of the files under `sources` (paths and contents; tests left out).
 * @param {string} root @param {readonly string[]} sources @returns {string}
 */
export function sourceHash(root, sources) {
  /** @type {string[]} */
  const files = [];
  for (const entry of sources) collect(root, entry, files);
  const hash = createHash("sha256");
  for (const file of files) hash.update(file).update("\0").update(readFileSync(path.join(root, file))).update("\0");
  return hash.digest("hex");
}

/** @param {string} root */
export const compiledDir = (root) => path.join(root, ".herald", "runtime");

/** @param {string} root @param {string} name */
export const compiledEntry = (root, name) => path.join(compiledDir(root), `${name}.mjs`);

/**
 * Compiles the entry points unless the compiled ones were built from the same sources.
 * Returns whether it compiled.
 * @param {string} root
 * @returns {Promise<boolean>}
 */
export async function compileRuntime(root) {
  const out = compiledDir(root);
  const stamp = path.join(out, "source-hash");
  const hash = sourceHash(root, SOURCES);
  if (existsSync(stamp) && readFileSync(stamp, "utf8") === hash && ENTRIES.every((name) => existsSync(compiledEntry(root, name)))) return false;

  const esbuild = await import("esbuild");
  // Built aside, then moved in file by file: another instance may be starting from the old files.
  const temporary = `${out}.${process.pid}.tmp`;
  rmSync(temporary, { recursive: true, force: true });
  try {
    await esbuild.build({
      entryPoints: Object.fromEntries(ENTRIES.map((name) => [name, path.join(root, "runtime", `${name}.ts`)])),
      outdir: temporary,
      outExtension: { ".js": ".mjs" },
      bundle: true,
      platform: "node",
      format: "esm",
      target: "node20",
      legalComments: "none",
      logLevel: "warning",
      plugins: [layout(root)],
    });
  } finally {
    await esbuild.stop();
  }
  mkdirSync(out, { recursive: true });
  for (const file of readdirSync(temporary)) renameSync(path.join(temporary, file), path.join(out, file));
  rmSync(temporary, { recursive: true, force: true });
  // Entry points an older version had.
  for (const file of readdirSync(out)) if (file.endsWith(".mjs") && !ENTRIES.includes(file.slice(0, -4))) rmSync(path.join(out, file));
  writeFileSync(stamp, hash);
  return true;
}

/**
 * How imports resolve in the bundle: `@/` from the project folder, "server-only" to an
 * empty module (its real entry throws outside React's server bundle), and every package
 * left to node_modules at run time.
 * @param {string} root
 * @returns {import("esbuild").Plugin}
 */
function layout(root) {
  return {
    name: "herald-layout",
    setup(build) {
      build.onResolve({ filter: /^server-only$/ }, () => ({ path: "server-only", namespace: "empty" }));
      build.onLoad({ filter: /.*/, namespace: "empty" }, () => ({ contents: "", loader: "js" }));
      build.onResolve({ filter: /^@\// }, (args) => build.resolve(`./${args.path.slice(2)}`, { kind: args.kind, resolveDir: root }));
      build.onResolve({ filter: /^[^./]/ }, (args) => ({ path: args.path, external: true }));
    },
  };
}
