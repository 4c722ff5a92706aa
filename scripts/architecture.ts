// The architecture check (.dependency-cruiser.cjs) over everything that ships and the
// tooling, so an import from the product into scripts/ is caught too. `npm run
// check:architecture` runs it alone; `npm test` runs it with the other static checks.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";

const root = path.resolve(import.meta.dirname, "..");

export const ARCHITECTURE_ROOTS = ["app", "components", "lib", "server", "runtime", "scripts", "proxy.ts"].filter((entry) => existsSync(path.join(root, entry)));

export const ARCHITECTURE_ARGS = ["--config", ".dependency-cruiser.cjs", "--output-type", "err", ...ARCHITECTURE_ROOTS];

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const result = spawnSync(process.execPath, [path.join(root, "node_modules", "dependency-cruiser", "bin", "dependency-cruise.mjs"), ...ARCHITECTURE_ARGS], { cwd: root, stdio: "inherit" });
  process.exit(result.status ?? 1);
}
