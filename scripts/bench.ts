// npm run bench: Herald's hot paths under load, against this machine's practical
// limit, measured in one run. Starts a production server on a fresh SQLite database
// with the demo story, loads it with wrk from a second process over loopback, then
// serves the very same response bytes from a bare Node http server and loads that.
// The bare server sends Herald's headers too, so the ratio measures what the front
// costs beyond the bytes themselves: the figure that means something on a noisy 2-core
// machine. It also floods the server with URLs never seen before (scripts/bench-flood.ts),
// and reads the whole instance's memory (scripts/bench-memory.ts) when idle after start
// and at the end of the load runs. It holds 10,000 keep-alive connections on / at once
// (scripts/bench-connections.ts), and times the full re-render of the whole public set
// after a change at both sizes (scripts/bench-prerender.ts). It holds 10,000 open pages'
// event streams and times a change reaching them (scripts/bench-live.ts). BENCH_ONLY=flood
// runs just that part, BENCH_ONLY=prerender just the re-render, BENCH_ONLY=live just the
// live updates, BENCH_ONLY=connections just the connections, BENCH_ONLY=fanout just the fan-out;
// BENCH_SUBSCRIBERS= (empty) skips the fan-out; BENCH_PORT picks the ports (Herald on
// it, the bare server on the next one).
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import http from "node:http";
import path from "node:path";
import Database from "better-sqlite3";
import { snapshotPath } from "@/runtime/front/snapshot";
import { benchConnections } from "./bench-connections";
import { benchFanOut, printFanOut } from "./bench-fanout";
import { benchFlood, timeToFresh } from "./bench-flood";
import { benchLive } from "./bench-live";
import { instanceMemory, pidOf, printInstanceMemory } from "./bench-memory";
import { benchWholeSet } from "./bench-prerender";
import { wrk, type Load } from "./bench-wrk";

const root = path.resolve(import.meta.dirname, "..");
const dir = path.join(root, ".herald", "bench");
const PATHS = ["/", "/history.rss", "/api/v2/summary.json"];
const HERALD_PORT = Number(process.env.BENCH_PORT ?? 3310);
const BARE_PORT = HERALD_PORT + 1;
const DURATION = Number(process.env.BENCH_SECONDS ?? 8);

function waitFor(url: string, timeoutMs: number): Promise<void> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const attempt = () => {
      http
        .get(url, (response) => {
          response.resume();
          if (response.statusCode === 200) resolve();
          else retry();
        })
        .on("error", retry);
    };
    const retry = () => (Date.now() - started > timeoutMs ? reject(new Error(`${url} did not come up`)) : setTimeout(attempt, 250));
    attempt();
  });
}

function get(url: string): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    http
      .get(url, (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk) => chunks.push(chunk));
        response.on("end", () => resolve({ status: response.statusCode!, headers: response.headers, body: Buffer.concat(chunks) }));
      })
      .on("error", reject);
  });
}

/** Inserts `incidents` resolved incidents with `updatesEach` updates each, and bumps the version. */
function addHistory(file: string, incidents: number, updatesEach: number) {
  const database = new Database(file);
  const serviceIds = (database.prepare('SELECT "id" FROM "Service"').all() as { id: string }[]).map((row) => row.id);
  const insertIncident = database.prepare(
    'INSERT INTO "Incident" ("id","kind","title","impact","status","startedAt","resolvedAt","publishedAt","revision","createdAt","updatedAt") VALUES (?,?,?,?,?,?,?,?,1,?,?)',
  );
  const insertLink = database.prepare('INSERT INTO "IncidentService" ("incidentId","serviceId") VALUES (?,?)');
  const insertUpdate = database.prepare(
    'INSERT INTO "IncidentUpdate" ("id","incidentId","status","body","displayAt","createdAt","updatedAt") VALUES (?,?,?,?,?,?,?)',
  );
  const iso = (ms: number) => new Date(ms).toISOString();
  database.transaction(() => {
    // Spread over the ten years before the demo story.
    const start = Date.UTC(2001, 0, 1);
    const span = Date.UTC(2011, 0, 1) - start;
    for (let index = 0; index < incidents; index++) {
      const id = `bench${index.toString(36)}${randomBytes(4).toString("hex")}`;
      const began = start + Math.floor((span * index) / incidents);
      insertIncident.run(id, "incident", `Past incident ${index + 1}`, "minor", "resolved", iso(began), iso(began + 3_600_000), iso(began), iso(began), iso(began));
      insertLink.run(id, serviceIds[index % serviceIds.length]);
      for (let update = 0; update < updatesEach; update++) {
        const at = began + update * 600_000;
        const status = update === updatesEach - 1 ? "resolved" : update === 0 ? "investigating" : "monitoring";
        insertUpdate.run(`${id}u${update}`, id, status, `Update ${update + 1} on incident ${index + 1}: **details** of what we saw and did.`, iso(at), iso(at), iso(at));
      }
    }
    database.prepare('UPDATE "PageSettings" SET "version" = "version" + 1').run();
  })();
  database.close();
}

async function main() {
  if (process.env.BENCH_ONLY === "fanout") {
    mkdirSync(dir, { recursive: true });
    await fanOut();
    process.exit(0);
  }
  if (spawnSync("wrk", ["--version"]).error) {
    console.error("npm run bench needs wrk: apt-get install wrk");
    process.exit(1);
  }
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, "bench.db");
  const only = process.env.BENCH_ONLY;
  const env = { ...process.env, DATABASE_URL: `file:${file}`, PORT: String(HERALD_PORT), HOST: "127.0.0.1", HERALD_DEMO: "true", PUBLIC_URL: `http://127.0.0.1:${HERALD_PORT}` };
  // The last run's snapshot belongs to its database, deleted above.
  rmSync(snapshotPath(root, env.DATABASE_URL), { force: true });
  // npm start first, then the bare servers.
  const children: ChildProcess[] = [];
  const cleanup = () => {
    // The front stops Next and the worker; then npm ends.
    const front = children[0]?.pid ? pidOf(children[0].pid, "front") : NaN;
    if (front) process.kill(front, "SIGTERM");
    children.forEach((child) => child.kill("SIGTERM"));
  };
  process.on("exit", cleanup);
  for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => process.exit(1));

  console.log("Starting Herald with npm start (building first if needed)…");
  // npm start itself, as an operator runs it: every process it leaves running is measured.
  const npm = process.env.npm_execpath ? [process.execPath, process.env.npm_execpath] : ["npm"];
  const instance = spawn(npm[0], [...npm.slice(1), "start"], { cwd: root, env, stdio: ["ignore", "ignore", "inherit"] });
  children.push(instance);
  await waitFor(`http://127.0.0.1:${HERALD_PORT}/`, 600_000);
  // This run's own processes (other servers may run on the machine), found below npm start.
  const frontPid = () => pidOf(instance.pid!, "front");
  // Idle: the worker started, / rendered once, nothing asked for a while.
  await new Promise((resolve) => setTimeout(resolve, 10_000));
  console.log("\nThe whole instance's memory (every process below npm start):");
  printInstanceMemory("idle after start", instanceMemory(instance.pid!));

  async function compare(label: string) {
    // The bare server answers each path with exactly the bytes Herald answered.
    const captured = new Map<string, { status: number; headers: http.IncomingHttpHeaders; body: Buffer }>();
    for (const target of PATHS) captured.set(target, await get(`http://127.0.0.1:${HERALD_PORT}${target}`));
    const capturedFile = path.join(dir, "captured.json");
    writeFileSync(
      capturedFile,
      JSON.stringify(
        Object.fromEntries(
          [...captured].map(([target, hit]) => [
            target,
            {
              status: hit.status,
              // Every header Herald sent but those Node's server writes itself.
              headers: Object.entries(hit.headers)
                .filter(([name]) => !["date", "connection", "keep-alive", "transfer-encoding"].includes(name))
                .flatMap(([name, value]) => [name, String(value)]),
              body: hit.body.toString("base64"),
            },
          ]),
        ),
      ),
    );
    const bare = spawn(process.execPath, [path.join(root, "node_modules", "tsx", "dist", "cli.mjs"), "scripts/bench-bare-server.ts", capturedFile, String(BARE_PORT)], {
      cwd: root,
      stdio: ["ignore", "inherit", "inherit", "ipc"],
    });
    children.push(bare);
    await new Promise((resolve) => bare.once("message", resolve));
    console.log(`\n${label}: ${DURATION} s per run, 64 connections, wrk -t2`);
    console.log("path".padEnd(24), "herald rps".padStart(11), "p50 ms".padStart(7), "p99 ms".padStart(7), "| bare rps".padStart(11), "p99 ms".padStart(7), "| ratio".padStart(8), "bytes".padStart(8));
    const rows: Record<string, { herald: Load; bare: Load }> = {};
    for (const target of PATHS) {
      const heraldLoad = wrk(`http://127.0.0.1:${HERALD_PORT}${target}`, 64, DURATION);
      const bareLoad = wrk(`http://127.0.0.1:${BARE_PORT}${target}`, 64, DURATION);
      rows[target] = { herald: heraldLoad, bare: bareLoad };
      console.log(
        target.padEnd(24),
        heraldLoad.rps.toFixed(0).padStart(11),
        heraldLoad.p50.toFixed(2).padStart(7),
        heraldLoad.p99.toFixed(2).padStart(7),
        `| ${bareLoad.rps.toFixed(0)}`.padStart(11),
        bareLoad.p99.toFixed(2).padStart(7),
        `| ${(heraldLoad.rps / bareLoad.rps).toFixed(2)}`.padStart(8),
        String(captured.get(target)!.body.length).padStart(8),
      );
    }
    bare.kill("SIGTERM");
    await new Promise((resolve) => bare.once("exit", resolve));
    return rows;
  }

  if (only === "flood") {
    await benchFlood({ port: HERALD_PORT, databaseFile: file, dir, frontPid, seconds: DURATION });
    process.exit(0);
  }
  if (only === "prerender") {
    await benchWholeSet({ port: HERALD_PORT, databaseFile: file, snapshotFile: snapshotPath(root, env.DATABASE_URL), label: "demo database" });
    addHistory(file, 10_000, 10);
    await benchWholeSet({ port: HERALD_PORT, databaseFile: file, snapshotFile: snapshotPath(root, env.DATABASE_URL), label: "10,000 incidents, 100,000 updates" });
    process.exit(0);
  }
  if (only === "connections") {
    await benchConnections({ port: HERALD_PORT, dir, frontPid });
    process.exit(0);
  }
  if (only === "live") {
    await benchLive({ port: HERALD_PORT, databaseFile: file, frontPid });
    process.exit(0);
  }

  const small = await compare("Demo database");
  await benchWholeSet({ port: HERALD_PORT, databaseFile: file, snapshotFile: snapshotPath(root, env.DATABASE_URL), label: "demo database" });

  // Freshness while / is under load: publish, then time until / and the feed show it.
  console.log("\nFreshness under load (64 connections on /):");
  const load = spawn("wrk", ["-t1", "-c64", "-d6s", `http://127.0.0.1:${HERALD_PORT}/`], { stdio: "ignore" });
  await new Promise((resolve) => setTimeout(resolve, 1500));
  const seen = await timeToFresh(`http://127.0.0.1:${HERALD_PORT}`, file, ["/", "/api/v2/summary.json"], 10_000);
  for (const [target, ms] of Object.entries(seen)) console.log(`  ${target.padEnd(22)} shows the change after ${ms} ms`);
  await new Promise((resolve) => load.on("exit", resolve));

  await benchFlood({ port: HERALD_PORT, databaseFile: file, dir, frontPid, seconds: DURATION });
  await benchLive({ port: HERALD_PORT, databaseFile: file, frontPid });

  console.log("\nAdding 10,000 past incidents with 100,000 updates…");
  addHistory(file, 10_000, 10);
  // The front takes the new version within a poll and re-renders: capture after that, not before.
  await new Promise((resolve) => setTimeout(resolve, 2_000));
  const large = await compare("Large history (10,000 incidents, 100,000 updates)");
  await benchWholeSet({ port: HERALD_PORT, databaseFile: file, snapshotFile: snapshotPath(root, env.DATABASE_URL), label: "10,000 incidents, 100,000 updates" });
  console.log("\nLarge history against the demo database (requests/s ratio):");
  for (const target of PATHS) console.log(`  ${target.padEnd(22)} ${(large[target].herald.rps / small[target].herald.rps).toFixed(2)}`);

  console.log("\nFlood: 256 connections on / for 30 s");
  const flood = wrk(`http://127.0.0.1:${HERALD_PORT}/`, 256, 30);
  console.log(`  ${flood.rps.toFixed(0)} requests/s, p99 ${flood.p99.toFixed(2)} ms, socket errors ${flood.errors}, non-2xx ${flood.non2xx}`);
  await benchConnections({ port: HERALD_PORT, dir, frontPid });
  console.log("\nThe whole instance's memory (every process below npm start):");
  printInstanceMemory("at the end of the load runs", instanceMemory(instance.pid!));
  cleanup();
  await fanOut();
  process.exit(0);
}

/** Subscriber fan-out at two sizes: the second is the target, the first shows how memory and speed scale. */
async function fanOut() {
  const sizes = (process.env.BENCH_SUBSCRIBERS ?? "10000,100000").split(",").filter(Boolean).map(Number);
  if (sizes.length === 0) return;
  const results = [];
  for (const size of sizes) {
    console.log(`\nFan-out to ${size.toLocaleString("en-GB")} subscribers…`);
    results.push(await benchFanOut(size, dir));
  }
  printFanOut(results);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
