// npm start (compiled, through launch.mjs): migrate, load the demo into an empty
// database, build Next when its sources changed, then serve: the front on PORT, Next
// behind it, and a delivery worker beside them.
import { existsSync } from "node:fs";
import path from "node:path";
import { databaseReachable } from "@/server/setup";
import { compiledEntry } from "./compile.mjs";
import { loadEnvOrExit } from "./config";
import { prepareDatabase } from "./database";
import { startFront } from "./front/server";
import { snapshotPath } from "./front/snapshot";
import { mirrorDirProblem } from "./mirror";
import { buildIsCurrent, startBuiltNext } from "./next-build";
import { ROOT } from "./root";
import { stopOnSignals, superviseWorker } from "./worker-supervisor";

async function main() {
  const env = loadEnvOrExit();
  const mirrorDir = env.HERALD_MIRROR_DIR ? path.resolve(ROOT, env.HERALD_MIRROR_DIR) : undefined;
  const mirrorProblem = mirrorDir ? mirrorDirProblem(mirrorDir, ROOT) : null;
  if (mirrorProblem) {
    console.error(`Invalid configuration:\n  - HERALD_MIRROR_DIR: ${mirrorProblem}`);
    process.exit(78); // EX_CONFIG, as for any other bad variable (config.ts)
  }
  const reachable = await databaseReachable(env.DATABASE_URL);
  if (reachable.ok) {
    await prepareDatabase(env);
  } else if (existsSync(snapshotPath(ROOT, env.DATABASE_URL)) && buildIsCurrent(ROOT)) {
    // Keep readers informed from the last known state; everything else recovers when the database does.
    console.error(`The database cannot be reached (${reachable.reason}); serving the last known pages until it returns.`);
  } else {
    console.error(`The database at DATABASE_URL cannot be reached: ${reachable.reason}`);
    process.exit(1);
  }

  const next = await startBuiltNext(ROOT, "first start", (code, signal) => {
    console.error(`Next exited (${signal ?? code}); stopping so a supervisor can restart Herald.`);
    process.exit(1);
  });
  const front = await startFront({ dir: ROOT, databaseUrl: env.DATABASE_URL, port: env.PORT, host: env.HOST, nextPort: next.port, trustProxy: env.TRUST_PROXY, mirrorDir });
  console.log(`Herald is serving on http://${env.HOST === "0.0.0.0" ? "localhost" : env.HOST}:${env.PORT}`);
  const worker = env.HERALD_WORKER ? superviseWorker({ root: ROOT, args: [compiledEntry(ROOT, "worker")] }) : null;
  stopOnSignals(worker, front, next);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
