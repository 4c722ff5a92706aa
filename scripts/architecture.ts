// The folders the architecture check (.dependency-cruiser.cjs) walks: everything that
// ships, and the tooling, so an import from the product into scripts/ is caught too.
import { existsSync } from "node:fs";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");

export const ARCHITECTURE_ROOTS = ["app", "components", "lib", "server", "runtime", "scripts", "proxy.ts"].filter((entry) => existsSync(path.join(root, entry)));
