// npm start, npm run worker, npm run build and npm run export: compiles the runtime when
// its sources changed (compile.mjs), then runs the compiled entry point in this very
// process, so a running Herald is plain JavaScript: no TypeScript loader, no extra process.
//   node runtime/launch.mjs start | worker | build | export <dir> | compile
import path from "node:path";
import { pathToFileURL } from "node:url";
import { compiledEntry, compileRuntime, ENTRIES } from "./compile.mjs";

const root = path.resolve(import.meta.dirname, "..");
const [name] = process.argv.slice(2);
if (name !== "compile" && !ENTRIES.includes(name)) {
  console.error(`Usage: node runtime/launch.mjs ${[...ENTRIES, "compile"].join("|")}`);
  process.exit(64);
}
// Relative paths (DATABASE_URL=file:./data/herald.db, MAIL_DIR) are relative to the project folder.
process.chdir(root);
if (await compileRuntime(root)) console.log("Compiled the runtime into .herald/runtime/.");
if (name !== "compile") await import(pathToFileURL(compiledEntry(root, name)).href);
