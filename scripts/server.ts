// The production HTTP server: a thin front process, with Next.js in a child process
// behind it on a loopback port. The front never loads Next, so answering a reader
// costs about what a bare Node server costs.
//
// Public GETs (pages, feeds, the API, badges) are answered from memory, one response
// per canonical URL (lib/front.ts canonicalKey: undeclared query parameters dropped,
// unknown ids sharing one 404). The front fetches each from Next over loopback once
// per data version, a few at a time, strips the scripts from pages (they need none),
// and keeps the bytes, gzipped too. A poll of the page's version counter (bumped with
// every public change) tells it when to fetch again, so every instance sees a change
// within a poll interval. When the database is unreachable it keeps answering from
// memory, marked as possibly out of date.
import { spawn } from "node:child_process";
import http from "node:http";
import net from "node:net";
import path from "node:path";
import { canonicalKey, isClientOnlyErrorShell, isFormPost, isFrontRead, markStale, NOT_FOUND_PROBE_PATH, stripScripts } from "@/lib/front";
import { isNotModified } from "@/lib/http-cache";
import { isHttps } from "@/lib/security-headers";
import { listPublicRoutes, readDataVersion } from "@/server/public-routes";
import { env } from "@/lib/env";
import { BodyLimit } from "./front-body-limit";
import { loadSnapshot, makeEntry, saveSnapshot, snapshotPath, type CachedResponse } from "./front-cache";
import { PublicResponses } from "./front-responses";

/** How often each instance asks the database whether anything public changed. */
const POLL_MS = 250;
/** What exists publicly is read again at least this often (the current month moves on). */
const ROUTES_MAX_AGE_MS = 60_000;
/** Request bodies the front passes to Next: Next's own server-action limit (next.config.js). */
const MAX_BODY_BYTES = 2 * 1024 * 1024;

// Hop-by-hop headers, those the front recomputes, and per-response ones that must not be shared.
const DROPPED = new Set([
  "connection",
  "keep-alive",
  "transfer-encoding",
  "content-length",
  "content-encoding",
  "date",
  "etag",
  "link",
  "vary",
  "cache-control",
  "x-nextjs-cache",
  "x-nextjs-prerender",
  "x-nextjs-stale-time",
]);

interface Fetched {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
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

export async function startServer({ dir, port, host, trustProxy = false }: { dir: string; port: number; host: string; trustProxy?: boolean }) {
  const nextPort = await freePort();
  const nextProcess = spawn(process.execPath, ["--require", path.join(dir, "scripts", "exit-with-parent.cjs"), path.join(dir, "node_modules", "next", "dist", "bin", "next"), "start", "--port", String(nextPort), "--hostname", "127.0.0.1"], {
    cwd: dir,
    stdio: ["ignore", "inherit", "inherit"],
    env: { ...process.env, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1" },
  });
  nextProcess.on("exit", (code, signal) => {
    console.error(`Next exited (${signal ?? code}); stopping so a supervisor can restart Herald.`);
    process.exit(1);
  });
  process.on("exit", () => nextProcess.kill("SIGTERM"));
  await waitUntilListening(nextPort, 60_000);
  const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
  const snapshotFile = snapshotPath(dir, env().DATABASE_URL);
  let snapshotTimer: NodeJS.Timeout | undefined;
  function scheduleSnapshot() {
    snapshotTimer ??= setTimeout(() => {
      snapshotTimer = undefined;
      saveSnapshot(snapshotFile, responses.cache, (key) => responses.isCanonical(key)).catch((error) =>
        console.error("front: could not save the snapshot:", (error as Error).message),
      );
    }, 2_000).unref();
  }
  const responses = new PublicResponses({ render, onStored: scheduleSnapshot });
  // Written by this or an older version: only canonical keys come back.
  const restored = await loadSnapshot(snapshotFile, responses.cache, (key) => canonicalKey(key, null) === key);
  if (restored > 0) console.log(`front: ${restored} responses restored from the last snapshot, for use while the database is unreachable`);

  function fetchFromNext(target: string): Promise<Fetched> {
    return new Promise((resolve, reject) => {
      // Any user agent (next.config.js htmlLimitedBots matches all) makes Next render metadata
      // into <head> before the body; with none, it streams it into the body for scripts to move.
      const headers = { "accept-encoding": "identity", accept: "text/html,application/json,*/*", host: `127.0.0.1:${nextPort}`, "user-agent": "Herald-front" };
      const request = http.request({ host: "127.0.0.1", port: nextPort, path: target, method: "GET", headers, agent, timeout: 15_000 }, (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("end", () => resolve({ status: response.statusCode ?? 502, headers: response.headers, body: Buffer.concat(chunks) }));
        response.on("error", reject);
      });
      request.on("timeout", () => request.destroy(new Error(`Next took too long to render ${target}`)));
      request.on("error", reject);
      request.end();
    });
  }

  /** Renders `key` through Next; null when Next could not (database down). */
  async function render(key: string, version: number): Promise<CachedResponse | null> {
    try {
      return await renderFromNext(key, version);
    } catch (error) {
      console.error(`front: could not render ${key}:`, (error as Error).message);
      return null;
    }
  }

  async function renderFromNext(key: string, version: number): Promise<CachedResponse | null> {
    let fetched = await fetchFromNext(key);
    const contentType = String(fetched.headers["content-type"] ?? "");
    const html = contentType.startsWith("text/html");
    if (html && isClientOnlyErrorShell(fetched.status, fetched.body.toString("utf8"))) {
      const notFound = await fetchFromNext(NOT_FOUND_PROBE_PATH);
      if (notFound.status === 404) fetched = notFound;
    }
    if (fetched.status >= 500 || fetched.headers["set-cookie"]) return null;

    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(fetched.headers)) {
      if (value !== undefined && !DROPPED.has(name)) headers[name] = Array.isArray(value) ? value.join(", ") : value;
    }
    let body = fetched.body;
    let staleBody = body;
    if (html) {
      const stripped = stripScripts(body.toString("utf8"));
      if (stripped === null) return null;
      body = Buffer.from(stripped);
      staleBody = Buffer.from(markStale(stripped, new Date()));
    }
    return makeEntry(fetched.status, headers, body, version, staleBody);
  }

  function send(req: http.IncomingMessage, res: http.ServerResponse, entry: CachedResponse, stale: boolean) {
    const variant = stale ? entry.stale : entry.fresh;
    const https = req.headers["x-forwarded-proto"] !== undefined && isHttps("http:", String(req.headers["x-forwarded-proto"]));
    const conditional = req.headers["if-none-match"] !== undefined || req.headers["if-modified-since"] !== undefined;
    if (conditional && entry.status === 200 && isNotModified(new Headers(req.headers as Record<string, string>), variant.etag, entry.lastModified)) {
      const head = variant.heads.get(`false|${https}`)!;
      const withoutLength: string[] = [];
      for (let index = 0; index < head.length; index += 2) {
        if (head[index] !== "content-length") withoutLength.push(head[index], head[index + 1]);
      }
      res.writeHead(304, withoutLength);
      res.end();
      return;
    }
    const gzip = variant.gzip !== null && /\bgzip\b/.test(req.headers["accept-encoding"] ?? "");
    res.writeHead(entry.status, variant.heads.get(`${gzip}|${https}`));
    res.end(req.method === "HEAD" ? undefined : gzip ? variant.gzip : variant.body);
  }

  async function serveMiss(req: http.IncomingMessage, res: http.ServerResponse, key: string) {
    const answer = await responses.miss(key);
    if (answer) return send(req, res, answer.entry, answer.stale);
    // Never rendered, and Next cannot render it now (busy or failing): a quick answer, not a wait.
    res.writeHead(503, { "content-type": "text/plain; charset=utf-8", "retry-after": "2", "cache-control": "no-store" });
    res.end("This page is temporarily unavailable. Please try again in a moment.");
  }

  // The version poll: cheap, and the only way other instances' changes reach this one.
  let routesLoadedAt = 0;
  async function poll() {
    try {
      const version = await readDataVersion();
      if (version !== responses.version || Date.now() - routesLoadedAt >= ROUTES_MAX_AGE_MS) {
        const routes = await listPublicRoutes();
        routesLoadedAt = Date.now();
        responses.update(version, routes);
      }
      responses.databaseReachable = true;
    } catch (error) {
      if (responses.databaseReachable) console.error("front: the database is unreachable; serving from memory:", (error as Error).message);
      responses.databaseReachable = false;
    } finally {
      setTimeout(poll, POLL_MS).unref();
    }
  }
  await poll();

  function tooLarge(res: http.ServerResponse) {
    // Close the connection: the rest of an oversized body is never read.
    res.writeHead(413, { "content-type": "text/plain; charset=utf-8", connection: "close", "cache-control": "no-store" });
    res.end(`This request is too large: the limit is ${MAX_BODY_BYTES / 1024 / 1024} MB.`);
  }

  /** Everything else (the console, assets, writes) goes to Next as it came, streamed both ways. */
  function proxy(req: http.IncomingMessage, res: http.ServerResponse) {
    if (Number(req.headers["content-length"] ?? 0) > MAX_BODY_BYTES) return tooLarge(res);
    // Sign-in throttling needs the client's address; never trust one a client sent.
    const forwarded = trustProxy ? String(req.headers["x-forwarded-for"] ?? "").split(",")[0].trim() : "";
    const headers = { ...req.headers, "x-herald-client-ip": forwarded || req.socket.remoteAddress || "" };
    let refused = false;
    const formPost = isFormPost(req.method, req.url ?? "/", req.headers);
    const upstream = http.request({ host: "127.0.0.1", port: nextPort, method: req.method, path: req.url, headers, agent }, (response) => {
      if (formPost && response.statusCode === 500) {
        // Every action answers its own errors with a message; a 500 is a body Next could not decode.
        response.resume();
        res.writeHead(400, { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" });
        res.end("This form could not be read, so nothing was saved. Reload the page and send it again.");
        return;
      }
      const out: http.OutgoingHttpHeaders = {};
      for (const [name, value] of Object.entries(response.headers)) {
        if (value !== undefined && name !== "connection" && name !== "keep-alive" && name !== "transfer-encoding") out[name] = value;
      }
      res.writeHead(response.statusCode ?? 502, out);
      response.pipe(res);
    });
    upstream.on("error", (error) => {
      if (refused) return;
      console.error("front: Next did not answer:", error.message);
      if (!res.headersSent) res.writeHead(502, { "content-type": "text/plain; charset=utf-8" });
      res.end("The status page is restarting. Please try again in a moment.");
    });
    // A streamed body (no Content-Length, or a false one) is counted as it arrives.
    const limit = new BodyLimit(MAX_BODY_BYTES, () => {
      refused = true;
      upstream.destroy();
      if (res.headersSent) res.destroy();
      else tooLarge(res);
    });
    req.pipe(limit).pipe(upstream);
  }

  /** Next's readiness report, with the front's own view added. */
  async function health(res: http.ServerResponse) {
    try {
      const fetched = await fetchFromNext("/api/health");
      const report = { ...JSON.parse(fetched.body.toString("utf8")), front: responses.state };
      res.writeHead(fetched.status, { "content-type": "application/json", "cache-control": "no-store" });
      res.end(JSON.stringify(report));
    } catch (error) {
      res.writeHead(503, { "content-type": "application/json", "cache-control": "no-store" });
      res.end(JSON.stringify({ status: "degraded", live: true, ready: false, next: (error as Error).message, front: responses.state }));
    }
  }

  const server = http.createServer((req, res) => {
    const url = req.url ?? "/";
    if (isFrontRead(req.method, url)) {
      // The hot path: a hit is answered synchronously, with no promise in between.
      const key = responses.keyFor(url);
      const hit = responses.hit(key);
      if (hit) return send(req, res, hit.entry, hit.stale);
      serveMiss(req, res, key).catch((error) => {
        console.error("front:", error);
        if (!res.headersSent) res.writeHead(500, { "content-type": "text/plain; charset=utf-8" });
        res.end("Something went wrong.");
      });
      return;
    }
    if (req.method === "GET" && url.split("?")[0] === "/api/health") {
      void health(res);
      return;
    }
    proxy(req, res);
  });
  server.keepAliveTimeout = 65_000;

  await new Promise<void>((resolve) => server.listen(port, host, resolve));
  return {
    server,
    stop() {
      server.close();
      nextProcess.removeAllListeners("exit");
      nextProcess.kill("SIGTERM");
    },
  };
}
