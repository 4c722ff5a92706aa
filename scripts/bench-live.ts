// The live-updates figure of `npm run bench`: 10,000 open pages holding the front's event
// stream (runtime/front/live.ts), held by a second process (scripts/bench-live-client.ts);
// then a change is committed, a few times over, and the time until each stream heard it
// is read, and until each page, fetched as public/live.js fetches it, came back. The
// front's memory before and with the streams open gives what a stream costs. Figures
// only: what is good enough is for the reader of the report.
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import http from "node:http";
import path from "node:path";
import { performance } from "node:perf_hooks";
import Database from "better-sqlite3";
import type { FromClient, ToClient } from "./bench-live-client";

const root = path.resolve(import.meta.dirname, "..");
const now = () => performance.timeOrigin + performance.now();

const mb = (pid: number) => {
  try {
    return Number(readFileSync(`/proc/${pid}/status`, "utf8").match(/VmRSS:\s+(\d+) kB/)?.[1] ?? NaN) / 1024;
  } catch {
    return NaN;
  }
};

const descriptors = (pid: number) => {
  try {
    return readdirSync(`/proc/${pid}/fd`).length;
  } catch {
    return NaN;
  }
};

function percentile(sorted: number[], fraction: number): number {
  return sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * fraction))];
}

const figures = (times: number[], from: number) => {
  const sorted = times.map((time) => time - from).sort((a, b) => a - b);
  return `p50 ${percentile(sorted, 0.5).toFixed(0)} ms, p99 ${percentile(sorted, 0.99).toFixed(0)} ms, max ${(sorted.at(-1) ?? NaN).toFixed(0)} ms`;
};

/** The ETag / has now, as a browser that has the page would send it back. */
function etagOfHome(port: number): Promise<string> {
  return new Promise((resolve, reject) => {
    http
      .get({ host: "127.0.0.1", port, path: "/", headers: { "accept-encoding": "gzip" } }, (response) => {
        response.resume();
        response.on("end", () => resolve(String(response.headers.etag)));
      })
      .on("error", reject);
  });
}

/** Commits a change / shows (a service renamed) and the version bump; returns the new version. */
function publish(databaseFile: string): number {
  const database = new Database(databaseFile);
  try {
    return database.transaction(() => {
      database.prepare('UPDATE "Service" SET "name" = ? WHERE "slug" = ?').run(`Live marker ${randomBytes(4).toString("hex")}`, "website");
      database.prepare('UPDATE "PageSettings" SET "version" = "version" + 1').run();
      return (database.prepare('SELECT "version" FROM "PageSettings" WHERE "id" = 1').get() as { version: number }).version;
    })();
  } finally {
    database.close();
  }
}

const currentVersion = (databaseFile: string) => {
  const database = new Database(databaseFile, { readonly: true });
  try {
    return (database.prepare('SELECT "version" FROM "PageSettings" WHERE "id" = 1').get() as { version: number }).version;
  } finally {
    database.close();
  }
};

export async function benchLive({
  port,
  databaseFile,
  frontPid,
  streams = Number(process.env.BENCH_LIVE_STREAMS ?? 10_000),
  changes = 3,
}: {
  port: number;
  databaseFile: string;
  frontPid: () => number;
  streams?: number;
  changes?: number;
}) {
  const pid = frontPid();
  console.log(`\nLive updates: ${streams.toLocaleString("en-GB")} open pages on the event stream (GET /events, held by a second process), then ${changes} changes`);
  const client = spawn(process.execPath, [path.join(root, "node_modules", "tsx", "dist", "cli.mjs"), "scripts/bench-live-client.ts", String(port), String(streams)], {
    cwd: root,
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  const next = <T extends FromClient["type"]>(type: T) =>
    new Promise<Extract<FromClient, { type: T }>>((resolve) => {
      const listener = (message: FromClient) => {
        if (message.type !== type) return;
        client.off("message", listener);
        resolve(message as Extract<FromClient, { type: T }>);
      };
      client.on("message", listener);
    });
  const tell = (message: ToClient) => client.send(message);
  let sampler: NodeJS.Timeout | undefined;

  try {
    const rssBefore = mb(pid);
    const limit = readFileSync(`/proc/${pid}/limits`, "utf8").match(/Max open files\s+(\d+)/)?.[1] ?? "?";
    let mostDescriptors = 0;
    sampler = setInterval(() => (mostDescriptors = Math.max(mostDescriptors, descriptors(pid))), 250);
    tell({ type: "open" });
    const opened = await next("opened");
    // Let the front settle (garbage collected, the last hellos written) before reading its memory.
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    const rssOpen = mb(pid);
    console.log(`  opened ${opened.ok.toLocaleString("en-GB")} streams in ${(opened.ms / 1000).toFixed(1)} s (refused ${opened.refused}, failed ${opened.failed})`);
    console.log(
      `  the front's RSS: ${rssBefore.toFixed(0)} MB before, ${rssOpen.toFixed(0)} MB with the streams open: ` +
        `${(((rssOpen - rssBefore) * 1024) / Math.max(1, opened.ok)).toFixed(1)} KB a stream`,
    );

    for (let change = 1; change <= changes; change++) {
      const version = currentVersion(databaseFile) + 1;
      tell({ type: "hear", version, timeoutMs: 10_000, etag: await etagOfHome(port) });
      await new Promise((resolve) => setTimeout(resolve, 200));
      const heard = next("heard");
      const fetched = next("fetched");
      if (publish(databaseFile) !== version) throw new Error("another change came in between");
      const published = now();
      const { times } = await heard;
      const spread = times.length > 0 ? Math.max(...times) - Math.min(...times) : NaN;
      console.log(
        `  change ${change}: ${times.length.toLocaleString("en-GB")} of ${opened.ok.toLocaleString("en-GB")} streams heard it; from the commit: ` +
          `${figures(times, published)} (first to last stream: ${spread.toFixed(0)} ms)`,
      );
      const pages = await fetched;
      console.log(
        `    then each page fetched / within the spread the event named, revalidating as the script does: ${figures(pages.times, published)}; ` +
          `${pages.changed.toLocaleString("en-GB")} got the new page, ${pages.unchanged} the old one (304), ${pages.failed} failed`,
      );
      await new Promise((resolve) => setTimeout(resolve, 1_000));
    }
    console.log(`  the front's RSS after the changes: ${mb(pid).toFixed(0)} MB; descriptors open at most: ${mostDescriptors.toLocaleString("en-GB")} (it may open ${limit})`);
  } finally {
    clearInterval(sampler);
    tell({ type: "close" });
    await new Promise((resolve) => client.once("exit", resolve));
  }
}
