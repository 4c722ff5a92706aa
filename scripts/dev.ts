// npm run dev: migrate, load the demo into an empty database, then serve through the
// same front as production (runtime/front/server.ts: scripts stripped from public pages,
// security headers, answers from memory when the database is down) with Next's
// development server behind it instead of `next start`, and, as npm start does, a
// delivery worker (HERALD_WORKER=false turns it off).
import path from "node:path";
import { loadEnvOrExit } from "@/runtime/config";
import { prepareDatabase } from "@/runtime/database";
import { startFront } from "@/runtime/front/server";
import { startNext } from "@/runtime/next-process";
import { ROOT } from "@/runtime/root";
import { stopOnSignals, superviseWorker } from "@/runtime/worker-supervisor";

async function main() {
  const env = loadEnvOrExit();
  await prepareDatabase(env);
  let worker: { stop(): void } | null = null;
  const next = await startNext({
    root: ROOT,
    mode: "development",
    onExit: (code) => {
      worker?.stop();
      process.exit(code ?? 0);
    },
  });
  const front = await startFront({ dir: ROOT, databaseUrl: env.DATABASE_URL, port: env.PORT, host: env.HOST, nextPort: next.port, trustProxy: env.TRUST_PROXY, dev: true });
  console.log(`Herald (development) is serving on http://${env.HOST === "0.0.0.0" ? "localhost" : env.HOST}:${env.PORT}, with next dev behind it`);
  // The worker runs its TypeScript through tsx, as everything in development does.
  worker = env.HERALD_WORKER
    ? superviseWorker({ root: ROOT, args: ["--import", "tsx", path.join(ROOT, "runtime", "worker.ts")], env: { TSX_TSCONFIG_PATH: path.join(ROOT, "tsconfig.scripts.json") } })
    : null;
  stopOnSignals(worker, front, next);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
