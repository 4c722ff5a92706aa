// The front: the HTTP server readers reach, with Next in a child process behind it on
// a loopback port (runtime/next-process.ts). The front never loads Next, so answering
// a reader costs about what a bare Node server costs.
//
// Public GETs (pages, feeds, the API, badges) are answered from memory, one response
// per canonical URL (lib/front.ts canonicalKey: undeclared query parameters dropped,
// unknown ids sharing one 404). Each is fetched from Next once per data version, a few
// at a time (public-responses.ts, renderer.ts), with the scripts stripped from pages
// (next-render.ts), and kept with a gzipped copy (response-cache.ts). The version poll
// (version-poll.ts) says when to fetch again; while the database is unreachable the
// front keeps answering from memory, marked as possibly out of date, and from the
// snapshot on disk after a restart (snapshot.ts). The files in public/ are answered
// from memory too (static-files.ts). Open public pages hold an event stream the front
// answers itself, told when "/" shows a new version (live.ts, public/live.js).
// Everything else is streamed to Next (proxy.ts).
import http from "node:http";
import path from "node:path";
import { canonicalKey, isFrontRead, keyLocale } from "@/lib/front";
import { translator } from "@/lib/i18n/translator";
import { isNotModified } from "@/lib/http-cache";
import { EVENTS_PATH, LIVE_SCRIPT_PATH } from "@/lib/live-page";
import { isHttps } from "@/lib/security-headers";
import { LiveStreams } from "./live";
import { followInMirror } from "./mirror";
import { NextRender } from "./next-render";
import { NextProxy } from "./proxy";
import { PublicResponses } from "./public-responses";
import type { CachedResponse } from "./response-cache";
import { loadSnapshot, readBuildId, saveSnapshot, snapshotPath, snapshotWriter } from "./snapshot";
import { StaticFiles } from "./static-files";
import { POLL_MS, VersionPoll } from "./version-poll";

export interface FrontOptions {
  /** The project folder (the snapshot lives under .herald/). */
  dir: string;
  databaseUrl: string;
  port: number;
  host: string;
  /** Next's loopback port. */
  nextPort: number;
  trustProxy?: boolean;
  /**
   * In front of `next dev`: responses are kept for a second only (an edited component
   * shows on the next reload), renders may take as long as a first compile, a public
   * page Next fails to render is passed through with its error overlay (never kept),
   * Next's own development paths (/__nextjs…) reach it, and upgrades (the hot-reload
   * websocket) are piped through.
   */
  dev?: boolean;
  /** A folder to keep a static mirror of the public site in, written after every change (HERALD_MIRROR_DIR; mirror.ts). */
  mirrorDir?: string;
}

export async function startFront({ dir, databaseUrl, port, host, nextPort, trustProxy = false, dev = false, mirrorDir }: FrontOptions) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
  const next = new NextRender({
    port: nextPort,
    agent,
    timeoutMs: dev ? 120_000 : 15_000,
    liveScript: () => staticFiles.get(LIVE_SCRIPT_PATH)?.sha256 ?? null,
  });
  const proxy = new NextProxy({ port: nextPort, agent, trustProxy });
  const staticFiles = new StaticFiles(path.join(dir, "public"), { dev });
  const snapshotFile = snapshotPath(dir, databaseUrl);
  const build = readBuildId(dir);
  const live = new LiveStreams();
  const responses: PublicResponses = new PublicResponses({
    render: (key, version) => next.render(key, version),
    onStored: (key, entry) => {
      saveSoon();
      // Open pages are told once the page most of them show has the change: their fetch is then a hit.
      if (key === "/" && entry.version === responses.version) live.update({ version: entry.version });
    },
    maxAgeMs: dev ? 1_000 : undefined,
    waitWhenOld: dev,
    prerender: !dev,
    onSettled: (version, keys) => mirror?.settled(version, keys),
  });
  const mirror = mirrorDir ? followInMirror({ dir: mirrorDir, root: dir, cache: responses.cache, render: (key, version) => next.render(key, version) }) : null;
  const snapshotState = { savedAt: null as string | null, responses: 0, settledVersion: null as number | null };
  const saveSoon = snapshotWriter(async () => {
    const settled = responses.lastSettled?.version ?? null;
    const first = responses.wholeSet();
    const written = await saveSnapshot(snapshotFile, responses.cache, (key) => responses.isCanonical(key), { first, routes: responses.routes, build });
    Object.assign(snapshotState, { savedAt: new Date().toISOString(), responses: written, settledVersion: settled });
  });
  // Written by this or an older version: only canonical keys come back, with what existed then.
  const restored = await loadSnapshot(snapshotFile, responses.cache, (key) => canonicalKey(key, null) === key, { build });
  if (restored.count > 0) console.log(`front: ${restored.count} responses restored from the last snapshot, for use while the database is unreachable`);
  responses.routes ??= restored.routes;
  const poll = new VersionPoll(responses);
  await poll.start();
  // The poll finds the database gone or back; open pages fetch the marked (or unmarked) page.
  const reachability = setInterval(() => live.update({ stale: !responses.databaseReachable }), POLL_MS).unref();

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
    // In development, show what Next says (its error overlay), not a generic answer.
    if (dev) return proxy.forward(req, res);
    // Never rendered, and Next cannot render it now (busy or failing): a quick answer, not a wait.
    res.writeHead(503, { "content-type": "text/plain; charset=utf-8", "retry-after": "2", "cache-control": "no-store" });
    res.end(translator(keyLocale(key, responses.routes))("front.unavailable"));
  }

  /** Next's readiness report, with the front's own view added. */
  async function health(res: http.ServerResponse) {
    try {
      const fetched = await next.fetch("/api/health");
      const report = { ...JSON.parse(fetched.body.toString("utf8")), front: { ...responses.state, snapshot: snapshotState } };
      res.writeHead(fetched.status, { "content-type": "application/json", "cache-control": "no-store" });
      res.end(JSON.stringify(report));
    } catch (error) {
      res.writeHead(503, { "content-type": "application/json", "cache-control": "no-store" });
      res.end(JSON.stringify({ status: "degraded", live: true, ready: false, next: (error as Error).message, front: { ...responses.state, snapshot: snapshotState } }));
    }
  }

  const server = http.createServer((req, res) => {
    // The files in public/ (favicon, icons, robots.txt, the manifest, scripts), from memory (static-files.ts).
    if (staticFiles.serve(req, res, () => proxy.forward(req, res))) return;
    const url = req.url ?? "/";
    if (req.method === "GET" && (url === EVENTS_PATH || url.startsWith(`${EVENTS_PATH}?`))) return live.open(req, res, proxy.clientAddress(req));
    if (isFrontRead(req.method, url) && !(dev && url.startsWith("/__nextjs"))) {
      // The hot path: a hit is answered synchronously, with no promise in between.
      const key = responses.keyFor(url);
      const hit = responses.hit(key);
      if (hit) return send(req, res, hit.entry, hit.stale);
      serveMiss(req, res, key).catch((error) => {
        console.error("front:", error);
        if (!res.headersSent) res.writeHead(500, { "content-type": "text/plain; charset=utf-8" });
        res.end(translator(keyLocale(key, responses.routes))("front.failed"));
      });
      return;
    }
    if (req.method === "GET" && url.split("?")[0] === "/api/health") {
      void health(res);
      return;
    }
    proxy.forward(req, res);
  });
  server.keepAliveTimeout = 65_000;
  // Production has no websockets (Node closes an upgrade nobody handles); development's hot reload does.
  if (dev) server.on("upgrade", (req, socket, head) => proxy.upgrade(req, socket, head));

  // Readers arriving in a burst connect faster than the front accepts them (Node takes one
  // connection per event-loop turn). The kernel keeps the rest in the listen queue, up to
  // net.core.somaxconn; at Node's default of 511 it dropped them, and their browsers tried
  // again 1, 3 and 7 s later (npm run bench, 10,000 readers: hundreds of timeouts, then none).
  await new Promise<void>((resolve) => server.listen({ port, host, backlog: 65_535 }, resolve));
  return {
    server,
    stop() {
      poll.stop();
      clearInterval(reachability);
      live.close();
      server.close();
    },
  };
}
