// The delivery worker in its own process, restarted if it dies: a crash there must not
// take the page down.
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";

export interface WorkerCommand {
  root: string;
  /** What node runs after its flags: the compiled entry, or (in development) the TypeScript one through tsx. */
  args: string[];
  env?: Record<string, string>;
}

export function superviseWorker({ root, args, env = {} }: WorkerCommand): { stop(): void } {
  let child: ChildProcess | undefined;
  let stopping = false;
  const run = () => {
    // exit-with-parent: if this process is killed outright, the worker stops too.
    child = spawn(process.execPath, ["--require", path.join(root, "runtime", "exit-with-parent.cjs"), ...args], {
      cwd: root,
      stdio: ["ignore", "inherit", "inherit"],
      env: { ...process.env, ...env },
    });
    child.on("exit", (code, signal) => {
      if (stopping) return;
      console.error(`[worker] exited (${signal ?? code}); restarting in 1 s`);
      setTimeout(run, 1_000).unref();
    });
  };
  run();
  process.on("exit", () => child?.kill("SIGTERM"));
  return {
    stop() {
      stopping = true;
      child?.kill("SIGTERM");
    },
  };
}

/** On SIGINT or SIGTERM: stop the worker, the front and Next, in that order, then exit. */
export function stopOnSignals(...parts: ({ stop(): void } | null)[]) {
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.on(signal, () => {
      for (const part of parts) part?.stop();
      process.exit(0);
    });
  }
}
