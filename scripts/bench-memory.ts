// The whole instance's memory for `npm run bench`: every process `npm start` leaves
// running (npm itself, the front, Next, the delivery worker), read from /proc. VmRSS
// summed is the figure asked for; it counts the pages all Node processes share (the
// node executable, about 45 MB) once per process, so PSS (each shared page divided
// among the processes mapping it) is printed beside it: what the instance costs the machine.
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";

export interface ProcessMemory {
  pid: number;
  role: string;
  rssMb: number;
  pssMb: number;
  peakMb: number;
}

export interface InstanceMemory {
  processes: ProcessMemory[];
  rssMb: number;
  pssMb: number;
}

function read(file: string): string {
  try {
    return readFileSync(file, "utf8");
  } catch {
    return "";
  }
}

const kb = (text: string, field: string) => Number(text.match(new RegExp(`^${field}:\\s+(\\d+) kB`, "m"))?.[1] ?? 0) / 1024;

/** `pid` and every process below it. */
export function processTree(pid: number): number[] {
  const all = [pid];
  for (let index = 0; index < all.length; index++) {
    const children = spawnSync("pgrep", ["-P", String(all[index])], { encoding: "utf8" }).stdout.split("\n").filter(Boolean).map(Number);
    all.push(...children);
  }
  return all;
}

/** What a process of an instance is, from its command line (the compiled runtime's, or the TypeScript one's before it). */
export function roleOf(pid: number): string {
  const command = read(`/proc/${pid}/cmdline`).replaceAll("\0", " ");
  if (/^sh -c/.test(command)) return "sh";
  if (/esbuild --service/.test(command)) return "esbuild service (tsx)";
  if (/\.bin\/tsx |tsx\/dist\/cli/.test(command)) return "tsx launcher";
  if (/launch\.mjs start|scripts\/start\.ts/.test(command)) return "front";
  if (/next-server|next(\/dist\/bin\/next)? start/.test(command)) return "Next";
  if (/worker\.(mjs|ts)/.test(command)) return "worker";
  if (/^npm |npm-cli/.test(command)) return "npm";
  return command.slice(0, 40);
}

export function instanceMemory(pid: number): InstanceMemory {
  const processes: ProcessMemory[] = [];
  for (const member of processTree(pid)) {
    const status = read(`/proc/${member}/status`);
    if (!status) continue;
    processes.push({ pid: member, role: roleOf(member), rssMb: kb(status, "VmRSS"), peakMb: kb(status, "VmHWM"), pssMb: kb(read(`/proc/${member}/smaps_rollup`), "Pss") });
  }
  const sum = (field: "rssMb" | "pssMb") => processes.reduce((total, process) => total + process[field], 0);
  return { processes, rssMb: sum("rssMb"), pssMb: sum("pssMb") };
}

/** The pid of the first process in the tree with this role (the front, Next, the worker). */
export function pidOf(pid: number, role: string): number {
  return processTree(pid).find((member) => roleOf(member) === role) ?? NaN;
}

export function printInstanceMemory(label: string, memory: InstanceMemory) {
  console.log(`  ${label}: ${memory.rssMb.toFixed(0)} MB RSS summed over ${memory.processes.length} processes (${memory.pssMb.toFixed(0)} MB PSS)`);
  for (const process of memory.processes) {
    console.log(`    ${process.role.padEnd(24)} RSS ${process.rssMb.toFixed(0).padStart(4)} MB  PSS ${process.pssMb.toFixed(0).padStart(4)} MB  peak RSS ${process.peakMb.toFixed(0).padStart(4)} MB`);
  }
}
