// The whole-set figure of `npm run bench`: after a public change, how long the front
// takes to render every public URL again (lib/front.ts publicKeys: pages, every month
// of history, recent incidents, services, feeds, the API, badges), and what the
// snapshot on disk holds then. Read from the instance's own health report, which
// times each full re-render; the change is a version bump, as every publish makes.
import { statSync } from "node:fs";
import http from "node:http";
import Database from "better-sqlite3";

interface FrontState {
  version: number;
  wholeSet: { version: number; keys: number; settled: boolean } | null;
  lastSettled: { version: number; keys: number; ms: number } | null;
  cachedResponses: number;
  cachedBytes: number;
  snapshot: { savedAt: string | null; responses: number; settledVersion: number | null };
}

function front(port: number): Promise<FrontState> {
  return new Promise((resolve, reject) => {
    http
      .get(`http://127.0.0.1:${port}/api/health`, (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk) => chunks.push(chunk));
        response.on("end", () => resolve(JSON.parse(Buffer.concat(chunks).toString("utf8")).front));
      })
      .on("error", reject);
  });
}

async function until<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs: number): Promise<T> {
  const started = Date.now();
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() - started > timeoutMs) throw new Error("the front did not finish re-rendering the whole set in time");
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Waits for the set under way to finish, then publishes `changes` times and reports each full re-render. */
export async function benchWholeSet({ port, databaseFile, snapshotFile, label, changes = 3 }: { port: number; databaseFile: string; snapshotFile: string; label: string; changes?: number }) {
  const settledNow = (state: FrontState) => state.lastSettled?.version === state.version;
  await until(() => front(port), settledNow, 600_000);
  const times: number[] = [];
  let state: FrontState | undefined;
  for (let change = 0; change < changes; change++) {
    const database = new Database(databaseFile);
    database.prepare('UPDATE "PageSettings" SET "version" = "version" + 1').run();
    database.close();
    const before = (await front(port)).version;
    state = await until(() => front(port), (value) => value.version > before && settledNow(value), 600_000);
    times.push(state.lastSettled!.ms);
  }
  // The snapshot follows within ten seconds of the last render.
  const saved = await until(() => front(port), (value) => value.snapshot.settledVersion === state!.version, 30_000);
  const sorted = [...times].sort((a, b) => a - b);
  console.log(`\nThe whole public set re-rendered after a change: ${label}`);
  console.log(`  ${state!.lastSettled!.keys} URLs; ${changes} changes took ${times.map((ms) => `${(ms / 1000).toFixed(2)} s`).join(", ")} (median ${(sorted[Math.floor(changes / 2)] / 1000).toFixed(2)} s)`);
  console.log(`  in memory: ${saved.cachedResponses} responses, ${(saved.cachedBytes / 1048576).toFixed(1)} MB; snapshot: ${saved.snapshot.responses} responses, ${(statSync(snapshotFile).size / 1048576).toFixed(1)} MB on disk`);
  return { keys: state!.lastSettled!.keys, medianMs: sorted[Math.floor(changes / 2)] };
}
