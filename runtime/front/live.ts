// The live event stream: every open public page (public/live.js) holds one GET /events,
// answered by the front itself, and hears when what it shows has changed. An event
// carries the whole state, {"version":N,"stale":bool}: the data version the front's "/"
// shows, and whether the database is unreachable (pages served "may be out of date").
// The script compares it with the version its page was rendered from (lib/live-page.ts)
// and fetches the page again only when it is behind; so the first event ("hello") also
// tells a page that connects late, or again after a drop, whether it missed a change.
// "spread" says over how many milliseconds the pages should spread their fetches: a few
// open pages fetch at once, ten thousand over half a second.
//
// One instance holds ten thousand of these, so a stream costs what a socket costs and a
// broadcast writes one preformatted Buffer to each: the body is not chunked (it ends
// when the connection does), so each write goes to the socket as it is.
import type http from "node:http";
import { STATIC_SECURITY_HEADERS } from "@/lib/security-headers";

export interface LiveState {
  /** The data version "/" shows; -1 until it was first rendered. */
  version: number;
  /** The database is unreachable: pages are served from memory, marked. */
  stale: boolean;
}

export interface LiveStreamsOptions {
  /** Beyond this many open streams a new one is refused (503), so ordinary reads keep their file descriptors. */
  maxStreams?: number;
  /** A comment this often keeps proxies from closing a quiet stream, and finds dead readers. */
  heartbeatMs?: number;
  /** EventSource's reconnection delay after a drop: at least this, up to twice it, so a restart's reconnections spread out. */
  retryMs?: number;
  /** A reader this far behind (bytes queued, unread) is dropped: it reconnects and catches up from the hello. */
  maxQueuedBytes?: number;
  /** Streams one client address may hold: one address cannot take every slot. */
  maxPerClient?: number;
  /** A stream is ended after this long; the page reconnects and the hello catches it up. Idle holders cannot keep a slot for ever. */
  maxLifetimeMs?: number;
  initial?: LiveState;
}

/** Under the usual 20,000 open files per process, leaving room for readers' requests and Next's sockets. */
export const MAX_STREAMS = 15_000;

/** Enough for a household or an office behind one address, far from every slot. */
export const MAX_STREAMS_PER_CLIENT = 64;

/** Pages fetching after a change, per millisecond of spread: 10,000 pages spread over half a second. */
const FETCHES_PER_MS = 20;
const MAX_SPREAD_MS = 500;

/** Over how long `streams` pages should spread their fetches. */
export function spreadFor(streams: number): number {
  return Math.min(MAX_SPREAD_MS, Math.ceil(streams / FETCHES_PER_MS));
}

const HEAD = [
  "content-type",
  "text/event-stream",
  "cache-control",
  "no-store",
  // nginx and others would otherwise hold events back to fill a buffer.
  "x-accel-buffering",
  "no",
  ...Object.entries(STATIC_SECURITY_HEADERS).flatMap(([name, value]) => [name.toLowerCase(), value]),
];

const HEARTBEAT = Buffer.from(":\n\n");

/** One server-sent event. */
export function formatEvent(event: string, state: LiveState, spread: number, retryMs?: number): Buffer {
  const retry = retryMs === undefined ? "" : `retry: ${retryMs}\n`;
  return Buffer.from(`${retry}event: ${event}\ndata: ${JSON.stringify({ version: state.version, stale: state.stale, spread })}\n\n`);
}

export class LiveStreams {
  private readonly streams = new Set<http.ServerResponse>();
  private current: LiveState;
  private readonly heartbeat: NodeJS.Timeout;
  private readonly maxStreams: number;
  private readonly retryMs: number;
  private readonly maxQueuedBytes: number;
  private readonly maxPerClient: number;
  private readonly maxLifetimeMs: number;
  /** Open streams per client address. */
  private readonly perClient = new Map<string, number>();
  /** Sockets that hold a stream: pipelined requests on one socket get no second one. */
  private readonly holding = new WeakSet<object>();
  /** Streams refused for being over a cap, since start. */
  refused = 0;

  constructor(options: LiveStreamsOptions = {}) {
    this.current = options.initial ?? { version: -1, stale: false };
    this.maxStreams = options.maxStreams ?? MAX_STREAMS;
    this.retryMs = options.retryMs ?? 2_000;
    this.maxQueuedBytes = options.maxQueuedBytes ?? 64 * 1024;
    this.maxPerClient = options.maxPerClient ?? MAX_STREAMS_PER_CLIENT;
    this.maxLifetimeMs = options.maxLifetimeMs ?? 15 * 60_000;
    this.heartbeat = setInterval(() => this.broadcast(HEARTBEAT), options.heartbeatMs ?? 25_000).unref();
  }

  get state(): LiveState {
    return this.current;
  }

  get size(): number {
    return this.streams.size;
  }

  /**
   * Answers GET /events from `client` (its address, as the proxy works it out): the
   * stream, or a 503 when this instance, or this client, holds as many as it may, or a
   * second stream is asked for on a socket that holds one (pipelined requests).
   */
  open(req: http.IncomingMessage, res: http.ServerResponse, client = req.socket.remoteAddress ?? "") {
    const socket = req.socket;
    const held = this.perClient.get(client) ?? 0;
    if (this.streams.size >= this.maxStreams || held >= this.maxPerClient || this.holding.has(socket)) {
      this.refused++;
      res.writeHead(503, { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store", "retry-after": "60", connection: "close" });
      res.end("Too many open pages on this server; this one will not update by itself. Reload it later.");
      return;
    }
    // No inactivity timeout on a stream that is quiet by design; events go out at once.
    socket.setTimeout(0);
    socket.setNoDelay(true);
    // Close-delimited (HTTP/1.1 allows it; Node adds "Connection: close"): no chunk framing per write.
    res.useChunkedEncodingByDefault = false;
    res.writeHead(200, HEAD);
    res.write(formatEvent("hello", this.current, spreadFor(this.streams.size), this.retryMs + Math.floor(Math.random() * this.retryMs)));
    this.streams.add(res);
    this.holding.add(socket);
    this.perClient.set(client, held + 1);
    // Jittered, so streams opened together do not all reconnect together.
    const lifetime = setTimeout(() => res.end(), this.maxLifetimeMs * (0.75 + Math.random() / 4)).unref();
    res.on("close", () => {
      clearTimeout(lifetime);
      this.streams.delete(res);
      this.holding.delete(socket);
      const left = (this.perClient.get(client) ?? 1) - 1;
      if (left > 0) this.perClient.set(client, left);
      else this.perClient.delete(client);
    });
  }

  /**
   * Takes what changed: a version only ever moves forward. When the state is news, every
   * stream is told with one event; returns whether it was.
   */
  update(next: Partial<LiveState>): boolean {
    const version = next.version !== undefined && next.version > this.current.version ? next.version : this.current.version;
    const stale = next.stale ?? this.current.stale;
    if (version === this.current.version && stale === this.current.stale) return false;
    this.current = { version, stale };
    this.broadcast(formatEvent("change", this.current, spreadFor(this.streams.size)));
    return true;
  }

  /** Ends every stream (the front is stopping); the readers reconnect to whatever serves next. */
  close() {
    clearInterval(this.heartbeat);
    for (const res of this.streams) res.end();
    this.streams.clear();
  }

  private broadcast(chunk: Buffer) {
    for (const res of this.streams) {
      if (res.writableLength > this.maxQueuedBytes) {
        res.destroy();
        continue;
      }
      res.write(chunk);
    }
  }
}
