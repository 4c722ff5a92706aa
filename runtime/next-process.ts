// Next in a child process on a free loopback port, behind the front: `next start` for
// `npm start`, `next dev` for `npm run dev`. It is started with exit-with-parent.cjs,
// so killing the front outright takes it along.
import { spawn } from "node:child_process";
import net from "node:net";
import path from "node:path";
import { createInterface } from "node:readline";

export interface NextProcessOptions {
  root: string;
  mode: "production" | "development";
  /** Called when Next exits by itself (not through stop()). */
  onExit: (code: number | null, signal: NodeJS.Signals | null) => void;
  /** Extra Node flags for Next's process (memory limits). */
  nodeFlags?: string[];
}

/** A free loopback port for Next to listen on. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

async function waitUntilListening(port: number, timeoutMs: number) {
  const started = Date.now();
  for (;;) {
    const ok = await new Promise<boolean>((resolve) => {
      const socket = net.connect(port, "127.0.0.1", () => {
        socket.end();
        resolve(true);
      });
      socket.once("error", () => resolve(false));
    });
    if (ok) return;
    if (Date.now() - started > timeoutMs) throw new Error(`Next did not start listening on 127.0.0.1:${port}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** A line of the banner `next start` and `next dev` print on their way up. */
export function isNextBanner(line: string): boolean {
  const plain = line.replace(/\u001b\[[0-9;]*m/g, "").trim();
  return plain === "" || /^▲ Next\.js \d/.test(plain) || /^- (Local|Network|Environments|Experiments)\b/.test(plain) || /^✓ (Ready in|Starting|Running next\.config)/.test(plain) || /^· \w+$/.test(plain);
}

export async function startNext({ root, mode, onExit, nodeFlags = [] }: NextProcessOptions) {
  const port = await freePort();
  const production = mode === "production";
  const args = [
    "--require",
    path.join(root, "runtime", "exit-with-parent.cjs"),
    ...nodeFlags,
    path.join(root, "node_modules", "next", "dist", "bin", "next"),
    production ? "start" : "dev",
    "--port",
    String(port),
    "--hostname",
    "127.0.0.1",
  ];
  const child = spawn(process.execPath, args, {
    cwd: root,
    stdio: ["ignore", "pipe", "inherit"],
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", ...(production ? { NODE_ENV: "production" } : {}) },
  });
  // Next's own banner names its loopback port, which nobody should open: Herald says
  // where it serves. Everything else Next prints (errors, dev compiles) passes through.
  createInterface({ input: child.stdout! }).on("line", (line) => {
    if (!isNextBanner(line)) process.stdout.write(`${line}\n`);
  });
  child.on("exit", onExit);
  process.on("exit", () => child.kill("SIGTERM"));
  await waitUntilListening(port, production ? 60_000 : 120_000);
  return {
    port,
    stop() {
      child.removeAllListeners("exit");
      child.kill("SIGTERM");
    },
  };
}
