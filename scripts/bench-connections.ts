// The connections figure of `npm run bench`: 10,000 keep-alive connections on / at once,
// on one instance, as when a status page is linked from everywhere during an outage.
// First as readers (each connection asks again every 4–6 s, so the front is busy but not
// saturated), then as a closed loop (each asks again the moment it is answered). The
// front's open descriptors and memory are read from /proc while the connections are open.
// Figures only, with the limits that bound them: what is good enough is for the reader.
import { spawn } from "node:child_process";
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { parseWrk, type Load } from "./bench-wrk";

/** Each connection waits 4–6 s (a random phase) before each request, the first included. */
const READERS_LUA = `
function delay() return math.random(4000, 6000) end
`;

function read(file: string): string {
  try {
    return readFileSync(file, "utf8");
  } catch {
    return "";
  }
}

const mb = (pid: number, field: "VmRSS" | "VmHWM") => Number(read(`/proc/${pid}/status`).match(new RegExp(`${field}:\\s+(\\d+) kB`))?.[1] ?? NaN) / 1024;

function openDescriptors(pid: number): number {
  try {
    return readdirSync(`/proc/${pid}/fd`).length;
  } catch {
    return NaN;
  }
}

/** wrk with its own report kept: the socket errors by kind. */
function run(url: string, connections: number, seconds: number, script?: string): Promise<{ load: Load; socketErrors: string | null }> {
  return new Promise((resolve, reject) => {
    const child = spawn("wrk", ["-t2", `-c${connections}`, `-d${seconds}s`, "--latency", ...(script ? ["-s", script] : []), url], { stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    let err = "";
    child.stdout.on("data", (chunk) => (out += chunk));
    child.stderr.on("data", (chunk) => (err += chunk));
    child.on("error", reject);
    child.on("exit", (code) => {
      if (code !== 0) return reject(new Error(`wrk failed: ${err}`));
      resolve({ load: parseWrk(out), socketErrors: out.match(/Socket errors: (.*)/)?.[1] ?? null });
    });
  });
}

export interface ConnectionsRun {
  load: Load;
  /** The front's open descriptors at most: the connections it had accepted, and about 30 of its own. */
  descriptors: number;
  rssMb: number;
}

/** One load, with the front's descriptors and RSS sampled while it runs. */
async function measure(pid: number, label: string, url: string, connections: number, seconds: number, script?: string): Promise<ConnectionsRun> {
  const rssBefore = mb(pid, "VmRSS");
  let rssMb = 0;
  let descriptors = 0;
  const sampler = setInterval(() => {
    rssMb = Math.max(rssMb, mb(pid, "VmRSS"));
    descriptors = Math.max(descriptors, openDescriptors(pid));
  }, 250);
  const { load, socketErrors } = await run(url, connections, seconds, script);
  clearInterval(sampler);
  console.log(`  ${label}`);
  console.log(`    ${load.requests.toLocaleString("en-GB")} requests, ${load.rps.toFixed(0)} requests/s, p50 ${load.p50.toFixed(2)} ms, p99 ${load.p99.toFixed(2)} ms`);
  console.log(`    errors: ${socketErrors === null ? "no socket errors" : `socket errors ${socketErrors}`}; non-2xx ${load.non2xx}`);
  console.log(`    the front held up to ${descriptors.toLocaleString("en-GB")} descriptors; RSS ${rssBefore.toFixed(0)} MB before, ${rssMb.toFixed(0)} MB at most during`);
  return { load, descriptors, rssMb };
}

export async function benchConnections({
  port,
  dir,
  frontPid,
  connections = Number(process.env.BENCH_CONNECTIONS ?? 10_000),
}: {
  port: number;
  dir: string;
  frontPid: () => number;
  connections?: number;
}) {
  const pid = frontPid();
  const url = `http://127.0.0.1:${port}/`;
  const script = path.join(dir, "readers.lua");
  writeFileSync(script, READERS_LUA);
  const files = read(`/proc/${pid}/limits`).match(/Max open files\s+(\d+)/)?.[1] ?? "?";
  const somaxconn = read("/proc/sys/net/core/somaxconn").trim() || "?";
  const count = connections.toLocaleString("en-GB");
  console.log(`\nConnections: ${count} keep-alive connections on / at once (wrk -t2, its 2 s response timeout)`);
  console.log(`  limits: the front may open ${files} descriptors; the kernel's listen queue holds at most ${somaxconn} (net.core.somaxconn)`);
  const idle = mb(pid, "VmRSS");
  const readers = await measure(pid, `${count} readers, each asking for / every 4–6 s, for 30 s`, url, connections, 30, script);
  const loop = await measure(pid, `${count} connections, each asking again as soon as answered, for 20 s`, url, connections, 20);
  const perConnectionKb = ((readers.rssMb - idle) * 1024) / connections;
  console.log(`  the front's memory with ${count} readers' connections open: ${readers.rssMb.toFixed(0)} MB, ${perConnectionKb.toFixed(1)} KB a connection over ${idle.toFixed(0)} MB before; peak ${mb(pid, "VmHWM").toFixed(0)} MB`);
  return { readers, loop };
}
