// The flood figure of `npm run bench`: readers of / alone, then the same readers while
// 32 connections ask for URLs never seen before (cache-busting query strings, made-up
// incident and service addresses, random history months), in one run; then how long a
// change takes to show on / during and after such a flood. Figures and ratios only:
// what counts as good enough is for the reader of the report.
import { randomBytes } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import http from "node:http";
import path from "node:path";
import Database from "better-sqlite3";
import { wrkAsync, type Load } from "./bench-wrk";

/**
 * Each request a URL never seen before, by kind in turn. They are made up front, in
 * init(): formatting each in request() made wrk itself the bottleneck of the flood.
 */
const UNIQUE_URLS_LUA = `
local threads = 0
function setup(thread)
  threads = threads + 1
  thread:set("tid", threads)
end
local requests = {}
local n = 0
function init(args)
  math.randomseed(os.time() * 100 + tid)
  for i = 1, 300000 do
    local id = string.format("%x%x%06x", tid, i, math.random(0, 0xffffff))
    local kind = i % 5
    local target
    if kind == 0 then target = "/?cb=" .. id
    elseif kind == 1 then target = "/?fbclid=" .. id
    elseif kind == 2 then target = "/incidents/" .. id
    elseif kind == 3 then target = "/services/" .. id
    else target = string.format("/history?month=%04d-%02d&cb=%s", math.random(1000, 9999), math.random(1, 12), id) end
    requests[i] = wrk.format("GET", target)
  end
end
function request()
  n = n % #requests + 1
  return requests[n]
end
`;

const agent = new http.Agent({ keepAlive: true, maxSockets: 8 });

function get(url: string): Promise<{ status: number; body: Buffer }> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { agent }, (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk) => chunks.push(chunk));
        response.on("end", () => resolve({ status: response.statusCode!, body: Buffer.concat(chunks) }));
      })
      .on("error", reject);
  });
}

/** CPU seconds the process has used so far (user + system). */
function cpuSeconds(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return NaN;
  }
}

/** Runs `work` and says how much of one core the front used meanwhile. */
async function withCpu<T>(pid: number, work: () => Promise<T>): Promise<[T, number]> {
  const [cpu, started] = [cpuSeconds(pid), Date.now()];
  const result = await work();
  return [result, (cpuSeconds(pid) - cpu) / ((Date.now() - started) / 1000)];
}

function memoryMb(pid: number, field: "VmRSS" | "VmHWM"): number {
  try {
    return Number(readFileSync(`/proc/${pid}/status`, "utf8").match(new RegExp(`${field}:\\s+(\\d+) kB`))?.[1] ?? 0) / 1024;
  } catch {
    return NaN;
  }
}

async function frontState(origin: string): Promise<{ cachedResponses: number; cachedBytes: number }> {
  return JSON.parse((await get(`${origin}/api/health`)).body.toString()).front;
}

/** Commits a visible change and returns how long until each target shows it, in ms (giving up after `timeoutMs`). */
export async function timeToFresh(origin: string, databaseFile: string, targets: string[], timeoutMs = 60_000): Promise<Record<string, number>> {
  const marker = `Flood marker ${randomBytes(4).toString("hex")}`;
  const database = new Database(databaseFile);
  const published = Date.now();
  database.transaction(() => {
    database.prepare('UPDATE "Service" SET "name" = ? WHERE "slug" = ?').run(marker, "website");
    database.prepare('UPDATE "PageSettings" SET "version" = "version" + 1').run();
  })();
  database.close();
  const seen: Record<string, number> = {};
  for (const target of targets) {
    while (!(await get(`${origin}${target}`)).body.toString().includes(marker)) {
      if (Date.now() - published > timeoutMs) break;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    seen[target] = Date.now() - published;
  }
  return seen;
}

const row = (label: string, load: Load) =>
  `  ${label.padEnd(34)} ${load.rps.toFixed(0).padStart(8)} req/s  p50 ${load.p50.toFixed(2).padStart(7)} ms  p99 ${load.p99.toFixed(2).padStart(8)} ms  timeouts ${load.timeouts}  other socket errors ${load.errors - load.timeouts}  non-2xx ${load.non2xx}`;

export async function benchFlood({ port, databaseFile, dir, frontPid, seconds }: { port: number; databaseFile: string; dir: string; frontPid: () => number; seconds: number }) {
  const origin = `http://127.0.0.1:${port}`;
  const script = path.join(dir, "unique-urls.lua");
  writeFileSync(script, UNIQUE_URLS_LUA);
  console.log(`\nNever-seen URLs: / alone, then / while 32 connections ask for URLs never seen before (${seconds} s each, wrk -t1 per load)`);

  // What the flood's URLs are answered with, and with what, before it starts.
  const home = (await get(`${origin}/`)).body;
  const samples: Record<string, string> = {
    "/?cb=…": `/?cb=${randomBytes(6).toString("hex")}`,
    "/?fbclid=…": `/?fbclid=${randomBytes(6).toString("hex")}`,
    "/incidents/…": `/incidents/${randomBytes(6).toString("hex")}`,
    "/services/…": `/services/${randomBytes(6).toString("hex")}`,
    "/history?month=1234-05&cb=…": `/history?month=1234-05&cb=${randomBytes(6).toString("hex")}`,
  };
  for (const [label, target] of Object.entries(samples)) {
    const answer = await get(`${origin}${target}`);
    console.log(`  ${label.padEnd(30)} ${answer.status}${answer.body.equals(home) ? ", the bytes of /" : ""}`);
  }
  const pid = frontPid();
  const before = { rss: memoryMb(pid, "VmRSS"), state: await frontState(origin) };

  const [alone, aloneCpu] = await withCpu(pid, () => wrkAsync(`${origin}/`, 32, seconds));
  const [[readers, flood], floodCpu] = await withCpu(pid, () => Promise.all([wrkAsync(`${origin}/`, 32, seconds), wrkAsync(`${origin}/`, 32, seconds, { script })]));
  console.log(row("/ alone (32 connections)", alone));
  console.log(row("/ during the flood (32 connections)", readers));
  console.log(row("never-seen URLs (32 connections)", flood));
  console.log(`  readers during the flood / alone: ${(readers.rps / alone.rps).toFixed(2)}; never-seen URLs / readers alone: ${(flood.rps / alone.rps).toFixed(2)}`);
  console.log(`  the front's CPU: ${(aloneCpu * 100).toFixed(0)}% of one core for / alone, ${(floodCpu * 100).toFixed(0)}% during the flood (wrk shares the same 2 cores)`);
  console.log("  (non-2xx for never-seen URLs are the shared 404 for made-up incidents, services and months)");

  // What a reader got for never-seen URLs right after the flood: any 503 would mean a render was refused.
  const statuses = new Map<number, number>();
  for (let index = 0; index < 500; index++) {
    const target = Object.values(samples)[index % 5].replace(/[0-9a-f]{12}$/, randomBytes(6).toString("hex"));
    const { status } = await get(`${origin}${target}`);
    statuses.set(status, (statuses.get(status) ?? 0) + 1);
  }
  console.log(`  500 more never-seen URLs, one at a time: ${[...statuses].map(([status, count]) => `${count} × ${status}`).join(", ")}`);
  const after = { rss: memoryMb(pid, "VmRSS"), state: await frontState(origin) };
  console.log(
    `  front memory: ${before.rss.toFixed(0)} MB before, ${after.rss.toFixed(0)} MB after (peak ${memoryMb(pid, "VmHWM").toFixed(0)} MB); ` +
      `responses kept: ${before.state.cachedResponses} (${(before.state.cachedBytes / 1e6).toFixed(1)} MB) before, ${after.state.cachedResponses} (${(after.state.cachedBytes / 1e6).toFixed(1)} MB) after`,
  );

  const targets = ["/", "/api/v2/summary.json"];
  const afterFlood = await timeToFresh(origin, databaseFile, targets);
  console.log(`  a change after the flood shows on ${targets.map((target) => `${target} after ${afterFlood[target]} ms`).join(", ")}`);
  const during = wrkAsync(`${origin}/`, 32, 6, { script });
  await new Promise((resolve) => setTimeout(resolve, 2_000));
  const inFlood = await timeToFresh(origin, databaseFile, targets);
  await during;
  console.log(`  a change during the flood shows on ${targets.map((target) => `${target} after ${inFlood[target]} ms`).join(", ")}`);
  return { alone, readers, flood, afterFlood, inFlood };
}
