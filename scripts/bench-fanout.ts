// The fan-out figure of `npm run bench`: N confirmed subscribers, one published
// update, delivered by a worker process to a real SMTP server on a local socket.
// Reports the time to publish, deliveries per second, the worker's peak memory, and
// counts that prove nothing was lost or sent twice. Run for two sizes, so the memory
// ratio shows whether it stays flat as subscribers grow.
import { spawn } from "node:child_process";
import { mkdirSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { startSmtpSink } from "./smtp-sink";
import { runPrisma } from "./prisma";

const root = path.resolve(import.meta.dirname, "..");

function peakMemoryMb(pid: number): number {
  try {
    return Number(readFileSync(`/proc/${pid}/status`, "utf8").match(/VmHWM:\s+(\d+) kB/)?.[1] ?? 0) / 1024;
  } catch {
    return NaN;
  }
}

export interface FanOutResult {
  subscribers: number;
  publishMs: number;
  deliverySeconds: number;
  perSecond: number;
  workerPeakMb: number;
  received: number;
  distinct: number;
  sentRows: number;
}

export async function benchFanOut(subscribers: number, dir: string): Promise<FanOutResult> {
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `fanout-${subscribers}.db`);
  rmSync(file, { force: true });
  const url = `file:${file}`;
  runPrisma(["migrate", "deploy"], { DATABASE_URL: url }, { quiet: true });

  // The demo story and the subscribers, written straight into the file (seconds, not minutes).
  const { createDb } = await import("@/server/db");
  const { loadDemoStory } = await import("@/server/demo");
  const setup = createDb(url);
  await loadDemoStory(setup, "https://status.sega.example");
  const editor = await setup.user.create({ data: { email: "bench@sega.example", role: "editor", passwordHash: "x" } });
  await setup.$disconnect();
  const raw = new Database(file);
  raw.pragma("journal_mode = WAL");
  const insert = raw.prepare('INSERT INTO "Subscriber" ("id","email","allServices","confirmedAt","manageNonce","createdAt") VALUES (?,?,1,?,?,?)');
  const confirmed = new Date(Date.now() - 60_000).toISOString();
  raw.transaction(() => {
    for (let index = 0; index < subscribers; index++) {
      insert.run(`bench${index.toString(36).padStart(8, "0")}`, `reader${index}@example.net`, confirmed, `nonce${index}`, confirmed);
    }
  })();
  raw.close();

  const sink = await startSmtpSink({ keepRaw: false });
  // `npm run worker`, compiled, as production runs it.
  const worker = spawn(process.execPath, [...(process.env.WORKER_HEAP_MB ? [`--max-old-space-size=${process.env.WORKER_HEAP_MB}`] : []), path.join(root, "runtime", "launch.mjs"), "worker"], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: url, SMTP_URL: sink.url },
    stdio: ["ignore", "ignore", "inherit"],
  });
  await new Promise((resolve) => setTimeout(resolve, 2_000));

  // Publish as an editor would: the server function behind the console's form, on this
  // run's database (the process-wide client is swapped for one on this file).
  const { openIncident } = await import("@/server/incident-updates");
  const globalForDb = globalThis as unknown as { heraldDb?: ReturnType<typeof createDb> };
  globalForDb.heraldDb = createDb(url);
  const actor = { id: editor.id, email: editor.email, name: "", role: "editor" as const, sessionId: "bench" };
  const started = performance.now();
  const result = await openIncident(actor, { title: "Sega Pass offline", impact: "critical", status: "investigating", body: "We took Sega Pass offline after unauthorised access. Reset your password when it returns." });
  const publishMs = performance.now() - started;
  if (!result.ok) throw new Error(`publishing failed: ${result.error}`);
  await globalForDb.heraldDb.$disconnect();
  globalForDb.heraldDb = undefined;

  await sink.waitFor(subscribers, 15 * 60_000);
  const deliverySeconds = (performance.now() - started) / 1000;
  // A moment for anything in doubt to show up twice, if it were going to.
  await new Promise((resolve) => setTimeout(resolve, 1_500));
  const workerPeakMb = peakMemoryMb(worker.pid!);
  worker.kill("SIGTERM");
  await new Promise((resolve) => worker.once("exit", resolve));
  await sink.close();

  const check = new Database(file, { readonly: true });
  const sentRows = (check.prepare(`SELECT COUNT(*) AS n FROM "Delivery" WHERE "status" = 'sent'`).get() as { n: number }).n;
  check.close();
  return {
    subscribers,
    publishMs,
    deliverySeconds,
    perSecond: subscribers / deliverySeconds,
    workerPeakMb,
    received: sink.messages.length,
    distinct: new Set(sink.messages.map((message) => `${message.to} ${message.messageId}`)).size,
    sentRows,
  };
}

export function printFanOut(results: FanOutResult[]) {
  console.log("\nFan-out: one published update to every confirmed subscriber, over SMTP to a local sink");
  console.log("subscribers".padStart(12), "publish ms".padStart(11), "deliver s".padStart(10), "per s".padStart(7), "worker MB".padStart(10), "received".padStart(9), "distinct".padStart(9), "sent rows".padStart(10));
  for (const result of results) {
    console.log(
      String(result.subscribers).padStart(12),
      result.publishMs.toFixed(0).padStart(11),
      result.deliverySeconds.toFixed(1).padStart(10),
      result.perSecond.toFixed(0).padStart(7),
      result.workerPeakMb.toFixed(0).padStart(10),
      String(result.received).padStart(9),
      String(result.distinct).padStart(9),
      String(result.sentRows).padStart(10),
    );
  }
  const [small, large] = results;
  if (small && large) {
    console.log(`  worker peak memory, ${large.subscribers.toLocaleString("en-GB")} against ${small.subscribers.toLocaleString("en-GB")} subscribers: ${(large.workerPeakMb / small.workerPeakMb).toFixed(2)}×`);
    console.log(`  deliveries per second, same comparison: ${(large.perSecond / small.perSecond).toFixed(2)}×`);
  }
  for (const result of results) {
    const ok = result.received === result.subscribers && result.distinct === result.subscribers && result.sentRows === result.subscribers;
    console.log(`  ${result.subscribers}: ${ok ? "none lost, none sent twice" : "MISMATCH: see the counts above"}`);
  }
}

