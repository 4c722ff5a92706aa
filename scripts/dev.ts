// npm run dev: migrate, load the demo into an empty database, run Next's dev server
// and, as npm start does, a delivery worker (HERALD_WORKER=false turns it off).
import { spawn } from "node:child_process";
import path from "node:path";
import { loadEnvOrExit, prepareDatabase } from "./setup";
import { superviseWorker } from "./worker-supervisor";

const root = path.resolve(import.meta.dirname, "..");

async function main() {
  const env = loadEnvOrExit();
  await prepareDatabase(env);
  const server = spawn(process.execPath, [path.join(root, "node_modules", "next", "dist", "bin", "next"), "dev", "--port", String(env.PORT)], {
    cwd: root,
    stdio: "inherit",
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
  });
  const worker = env.HERALD_WORKER ? superviseWorker() : null;
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.on(signal, () => {
      worker?.stop();
      server.kill(signal);
    });
  }
  server.on("exit", (code) => {
    worker?.stop();
    process.exit(code ?? 0);
  });
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
