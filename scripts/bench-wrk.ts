// Running wrk for the bench and reading its report.
import { spawn, spawnSync } from "node:child_process";

export interface Load {
  rps: number;
  p50: number;
  p99: number;
  /** Socket errors of every kind, timeouts included. */
  errors: number;
  timeouts: number;
  non2xx: number;
  requests: number;
}

export function parseWrk(out: string): Load {
  const ms = (label: string) => {
    const match = out.match(new RegExp(`${label}%\\s+([\\d.]+)(us|ms|s)`));
    if (!match) return NaN;
    const value = Number(match[1]);
    return match[2] === "us" ? value / 1000 : match[2] === "s" ? value * 1000 : value;
  };
  const errors = out.match(/Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/);
  return {
    rps: Number(out.match(/Requests\/sec:\s+([\d.]+)/)?.[1] ?? NaN),
    p50: ms("50"),
    p99: ms("99"),
    errors: errors ? errors.slice(1).reduce((sum, value) => sum + Number(value), 0) : 0,
    timeouts: errors ? Number(errors[4]) : 0,
    non2xx: Number(out.match(/Non-2xx or 3xx responses: (\d+)/)?.[1] ?? 0),
    requests: Number(out.match(/(\d+) requests in/)?.[1] ?? NaN),
  };
}

function args(url: string, connections: number, seconds: number, threads: number, script?: string) {
  return [`-t${threads}`, `-c${connections}`, `-d${seconds}s`, "--latency", ...(script ? ["-s", script] : []), url];
}

export function wrk(url: string, connections: number, seconds: number, { threads = 2, script }: { threads?: number; script?: string } = {}): Load {
  const result = spawnSync("wrk", args(url, connections, seconds, threads, script), { encoding: "utf8" });
  if (result.status !== 0) throw new Error(`wrk failed: ${result.stderr || result.error}`);
  return parseWrk(result.stdout);
}

/** wrk in the background, for two loads at once. */
export function wrkAsync(url: string, connections: number, seconds: number, { threads = 1, script }: { threads?: number; script?: string } = {}): Promise<Load> {
  return new Promise((resolve, reject) => {
    const child = spawn("wrk", args(url, connections, seconds, threads, script), { stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    let err = "";
    child.stdout.on("data", (chunk) => (out += chunk));
    child.stderr.on("data", (chunk) => (err += chunk));
    child.on("error", reject);
    child.on("exit", (code) => (code === 0 ? resolve(parseWrk(out)) : reject(new Error(`wrk failed: ${err}`))));
  });
}
