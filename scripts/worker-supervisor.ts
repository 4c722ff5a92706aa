import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");

/** The delivery worker in its own process, restarted if it dies: a crash there must not take the page down. */
export function superviseWorker(): { stop(): void } {
  let child: ChildProcess | undefined;
  let stopping = false;
  const run = () => {
    // exit-with-parent: if this process is killed outright, the worker stops too.
    child = spawn(process.execPath, ["--require", path.join(root, "scripts", "exit-with-parent.cjs"), "--import", "tsx", path.join(root, "scripts", "worker.ts")], {
      cwd: root,
      stdio: ["ignore", "inherit", "inherit"],
      env: { ...process.env, TSX_TSCONFIG_PATH: path.join(root, "tsconfig.scripts.json") },
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
