// npm run worker: delivers subscriber mail and webhooks until stopped. `npm start`
// runs one by itself (HERALD_WORKER=true); run more of these, on any machine that
// reaches the database, when one is not enough: they never send the same delivery twice.
import { mailer } from "@/server/delivery/mailer";
import { DeliveryWorker } from "@/server/delivery/worker";
import { startMaintenanceTicks } from "@/server/maintenance";
import { loadEnvOrExit } from "./config";

loadEnvOrExit();
const worker = new DeliveryWorker().start();
console.log(`[worker] ${worker.id} delivering; mail goes to ${mailer().describe()}`);
// Maintenance windows that start, complete and remind by themselves (server/maintenance.ts).
const maintenance = startMaintenanceTicks();

let stopping = false;
async function stop() {
  // npm start, its exit hook and a terminal's Ctrl+C may all signal: the first one counts.
  if (stopping) return;
  stopping = true;
  setTimeout(() => process.exit(1), 30_000).unref();
  // Finish the sends in flight, so none is left in doubt.
  await Promise.all([worker.stop(), maintenance.stop()]);
  mailer().close();
  process.exit(0);
}
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, stop);
