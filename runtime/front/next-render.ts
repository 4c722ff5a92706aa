// How the front gets a public response from Next: one GET over loopback, turned into
// a cached response (Next's scripts stripped from pages and the front's one live script
// added to those readers keep open, Next's own caching headers dropped).
import http from "node:http";
import { isClientOnlyErrorShell, markStale, notFoundKey, stripScripts } from "@/lib/front";
import { splitLocale } from "@/lib/i18n/routing";
import { addLiveScript, isLivePage } from "@/lib/live-page";
import { makeEntry, type CachedResponse } from "./response-cache";

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

export interface Fetched {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

export interface NextRenderOptions {
  /** Next's loopback port. */
  port: number;
  agent: http.Agent;
  /** A render that takes longer fails (Next's development server compiles on first use: give it longer). */
  timeoutMs?: number;
  /**
   * The SHA-256 (base64) of public/live.js as served now, or null when there is none:
   * pages readers keep open load it (lib/live-page.ts), with that integrity.
   */
  liveScript?: () => string | null;
}

export class NextRender {
  constructor(private readonly options: NextRenderOptions) {}

  /** One GET to Next, read whole. */
  fetch(target: string, fresh = false): Promise<Fetched> {
    const { port, timeoutMs = 15_000 } = this.options;
    // A retry goes on a new connection: never a reused one Next may be closing.
    const agent = fresh ? false : this.options.agent;
    return new Promise((resolve, reject) => {
      // Any user agent (next.config.js htmlLimitedBots matches all) makes Next render metadata
      // into <head> before the body; with none, it streams it into the body for scripts to move.
      const headers = { "accept-encoding": "identity", accept: "text/html,application/json,*/*", host: `127.0.0.1:${port}`, "user-agent": "Herald-front" };
      const request = http.request({ host: "127.0.0.1", port, path: target, method: "GET", headers, agent, timeout: timeoutMs }, (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("end", () => resolve({ status: response.statusCode ?? 502, headers: response.headers, body: Buffer.concat(chunks) }));
        response.on("error", reject);
      });
      request.on("timeout", () => request.destroy(new Error(`Next took too long to render ${target}`)));
      request.on("error", (error: NodeJS.ErrnoException) => {
        // Next closed an idle keep-alive connection just as it was reused: once more, on a new one.
        if (!fresh && request.reusedSocket && error.code === "ECONNRESET") this.fetch(target, true).then(resolve, reject);
        else reject(error);
      });
      request.end();
    });
  }

  /** Renders `key` through Next; null when Next could not (the database down, most likely). */
  async render(key: string, version: number): Promise<CachedResponse | null> {
    try {
      return await this.renderOrThrow(key, version);
    } catch (error) {
      console.error(`front: could not render ${key}:`, (error as Error).message);
      return null;
    }
  }

  private async renderOrThrow(key: string, version: number): Promise<CachedResponse | null> {
    let fetched = await this.fetch(key);
    const contentType = String(fetched.headers["content-type"] ?? "");
    const html = contentType.startsWith("text/html");
    if (html && isClientOnlyErrorShell(fetched.status, fetched.body.toString("utf8"))) {
      // The 404 page in the key's language ("/ja/…" gets the Japanese one).
      const notFound = await this.fetch(notFoundKey("page", splitLocale(key).locale));
      if (notFound.status === 404) fetched = notFound;
    }
    if (fetched.status >= 500 || fetched.headers["set-cookie"]) return null;

    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(fetched.headers)) {
      if (value !== undefined && !DROPPED.has(name)) headers[name] = Array.isArray(value) ? value.join(", ") : value;
    }
    let body = fetched.body;
    const storedAt = new Date();
    // Built only if the database goes away (response-cache.ts makeEntry), from the kept bytes.
    let staleBody: Buffer | (() => Buffer) = body;
    if (html) {
      const stripped = stripScripts(body.toString("utf8"));
      if (stripped === null) return null;
      const liveScript = isLivePage(key, fetched.status) ? this.options.liveScript?.() : null;
      const page = liveScript ? addLiveScript(stripped, liveScript, version) : stripped;
      const kept = (body = Buffer.from(page));
      staleBody = () => Buffer.from(markStale(kept.toString("utf8"), storedAt));
    }
    return makeEntry(fetched.status, headers, body, version, staleBody, storedAt);
  }
}
