// npm start: migrate, load the demo into an empty database, build when the sources
// changed, then serve.
import { spawnSync } from "node:child_process";
import path from "node:path";
import { buildIsCurrent, recordBuild, sourceHash } from "./build-stamp";
import { snapshotPath } from "./front-cache";
import { startServer } from "./server";
import { existsSync } from "node:fs";
import { databaseReachable, loadEnvOrExit, prepareDatabase } from "./setup";
import { superviseWorker } from "./worker-supervisor";

const root = path.resolve(import.meta.dirname, "..");
const nextBin = path.join(root, "node_modules", "next", "dist", "bin", "next");

async function main() {
  const env = loadEnvOrExit();
  const reachable = await databaseReachable(env);
  if (reachable.ok) {
    await prepareDatabase(env);
  } else if (existsSync(snapshotPath(root, env.DATABASE_URL)) && buildIsCurrent(root)) {
    // Keep readers informed from the last known state; everything else recovers when the database does.
    console.error(`The database cannot be reached (${reachable.reason}); serving the last known pages until it returns.`);
  } else {
    console.error(`The database at DATABASE_URL cannot be reached: ${reachable.reason}`);
    process.exit(1);
  }

  if (!buildIsCurrent(root)) {
    console.log("Building Herald (first start, or the sources changed)…");
    const hash = sourceHash(root);
    const build = spawnSync(process.execPath, [nextBin, "build"], { cwd: root, stdio: "inherit", env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" } });
    if (build.status !== 0) process.exit(build.status ?? 1);
    recordBuild(root, hash);
  }

  Object.assign(process.env, { NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1" });
  const herald = await startServer({ dir: root, port: env.PORT, host: env.HOST, trustProxy: env.TRUST_PROXY });
  console.log(`Herald is serving on http://${env.HOST === "0.0.0.0" ? "localhost" : env.HOST}:${env.PORT}`);
  const worker = env.HERALD_WORKER ? superviseWorker() : null;
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.on(signal, () => {
      worker?.stop();
      herald.stop();
      process.exit(0);
    });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
