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
  initial?: LiveState;
}

/** Under the usual 20,000 open files per process, leaving room for readers' requests and Next's sockets. */
export const MAX_STREAMS = 15_000;

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
  /** Streams refused for being over the cap, since start. */
  refused = 0;

  constructor(options: LiveStreamsOptions = {}) {
    this.current = options.initial ?? { version: -1, stale: false };
    this.maxStreams = options.maxStreams ?? MAX_STREAMS;
    this.retryMs = options.retryMs ?? 2_000;
    this.maxQueuedBytes = options.maxQueuedBytes ?? 64 * 1024;
    this.heartbeat = setInterval(() => this.broadcast(HEARTBEAT), options.heartbeatMs ?? 25_000).unref();
  }

  get state(): LiveState {
    return this.current;
  }

  get size(): number {
    return this.streams.size;
  }

  /** Answers GET /events: the stream, or a 503 when this instance holds as many as it may. */
  open(req: http.IncomingMessage, res: http.ServerResponse) {
    if (this.streams.size >= this.maxStreams) {
      this.refused++;
      res.writeHead(503, { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store", "retry-after": "60" });
      res.end("Too many open pages on this server; this one will not update by itself. Reload it later.");
      return;
    }
    const socket = req.socket;
    // No inactivity timeout on a stream that is quiet by design; events go out at once.
    socket.setTimeout(0);
    socket.setNoDelay(true);
    // Close-delimited (HTTP/1.1 allows it; Node adds "Connection: close"): no chunk framing per write.
    res.useChunkedEncodingByDefault = false;
    res.writeHead(200, HEAD);
    res.write(formatEvent("hello", this.current, spreadFor(this.streams.size), this.retryMs + Math.floor(Math.random() * this.retryMs)));
    this.streams.add(res);
    res.on("close", () => this.streams.delete(res));
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
