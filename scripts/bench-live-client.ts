// The readers of the live-updates figure (scripts/bench-live.ts), in a process of their
// own so that holding them costs the front nothing: `count` event streams on one
// instance, as open pages hold them (public/live.js), each a bare socket. Told a
// version over IPC, it notes when each stream hears it and, as the script does, fetches
// / after a random wait within the spread the event names (over 256 keep-alive connections here,
// where each browser would use its own), noting whether it got the new page.
// Times are epoch milliseconds with fractions, comparable with the parent's on one machine.
import http from "node:http";
import net from "node:net";
import { performance } from "node:perf_hooks";

const [port, count] = process.argv.slice(2).map(Number);
const now = () => performance.timeOrigin + performance.now();
/** What the last event said the fetches should spread over (public/live.js waits a random part of it). */
let spread = 0;

interface Stream {
  socket: net.Socket;
  /** The newest version heard; -1 before the hello. */
  version: number;
}

export type ToClient = { type: "open" } | { type: "hear"; version: number; timeoutMs: number; etag: string } | { type: "close" };
export type FromClient =
  | { type: "opened"; ok: number; refused: number; failed: number; ms: number }
  | { type: "heard"; times: number[] }
  | { type: "fetched"; times: number[]; changed: number; unchanged: number; failed: number };

const send = (message: FromClient) => process.send!(message);
const streams: Stream[] = [];
/** The version awaited now, and what to do when a stream hears it. */
let awaited = Infinity;
let onHeard: (stream: Stream) => void = () => {};

function open(): Promise<"ok" | "refused" | "failed"> {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host: "127.0.0.1" });
    const stream: Stream = { socket, version: -1 };
    let settled = false;
    const settle = (outcome: "ok" | "refused" | "failed") => {
      if (settled) return;
      settled = true;
      if (outcome === "ok") streams.push(stream);
      else socket.destroy();
      resolve(outcome);
    };
    socket.setEncoding("latin1");
    socket.on("connect", () => socket.write(`GET /events HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nAccept: text/event-stream\r\n\r\n`));
    socket.on("data", (chunk: string) => {
      if (!settled) {
        if (chunk.startsWith("HTTP/1.1 503")) return settle("refused");
        if (!chunk.startsWith("HTTP/1.1 200")) return settle("failed");
      }
      const before = stream.version;
      for (const match of chunk.matchAll(/"version":(-?\d+),"stale":\w+,"spread":(\d+)/g)) {
        stream.version = Math.max(stream.version, Number(match[1]));
        spread = Number(match[2]);
      }
      if (!settled && chunk.includes("event: hello")) settle("ok");
      if (before < awaited && stream.version >= awaited) onHeard(stream);
    });
    socket.on("error", () => settle("failed"));
    socket.on("close", () => settle("failed"));
  });
}

/** The streams, opened a few hundred at a time (the kernel's accept queue is finite). */
async function openAll() {
  const started = now();
  const outcomes = { ok: 0, refused: 0, failed: 0 };
  for (let opened = 0; opened < count; opened += 250) {
    const batch = await Promise.all(Array.from({ length: Math.min(250, count - opened) }, open));
    for (const outcome of batch) outcomes[outcome]++;
  }
  return { ...outcomes, ms: now() - started };
}

/**
 * Reports when each stream heard `version`; then fetches each one's page at the moment the
 * script would have (a random part of the spread after hearing), revalidating with the
 * ETag / had before the change as a browser does, and reports when each came back and how
 * many got the new page (200) rather than the old one (304). The fetches wait until every
 * stream has heard, so their work does not delay the hearing measured.
 */
function hear(version: number, timeoutMs: number, etag: string) {
  const heard: number[] = [];
  const fetchAt: number[] = [];
  let reported = false;
  const report = () => {
    if (reported) return;
    reported = true;
    clearTimeout(heardTimer);
    awaited = Infinity;
    send({ type: "heard", times: heard });
    fetchAll(fetchAt, etag);
  };
  const heardTimer = setTimeout(report, timeoutMs);
  awaited = version;
  onHeard = () => {
    if (reported) return;
    heard.push(now());
    fetchAt.push(now() + Math.random() * spread);
    if (heard.length === streams.length) report();
  };
}

function fetchAll(fetchAt: number[], etag: string) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });
  const times: number[] = [];
  const outcomes = { changed: 0, unchanged: 0, failed: 0 };
  const done = (outcome: keyof typeof outcomes) => {
    outcomes[outcome]++;
    if (outcome !== "failed") times.push(now());
    if (outcomes.changed + outcomes.unchanged + outcomes.failed === fetchAt.length) {
      agent.destroy();
      send({ type: "fetched", times, ...outcomes });
    }
  };
  const fetchPage = () =>
    http
      .get({ host: "127.0.0.1", port, path: "/", agent, headers: { "accept-encoding": "gzip", "if-none-match": etag } }, (response) => {
        response.resume();
        response.on("end", () => done(response.statusCode === 200 ? "changed" : response.statusCode === 304 ? "unchanged" : "failed"));
      })
      .on("error", () => done("failed"));
  if (fetchAt.length === 0) send({ type: "fetched", times, ...outcomes });
  for (const at of fetchAt) setTimeout(fetchPage, Math.max(0, at - now()));
}

process.on("message", async (message: ToClient) => {
  if (message.type === "open") send({ type: "opened", ...(await openAll()) });
  if (message.type === "hear") hear(message.version, message.timeoutMs, message.etag);
  if (message.type === "close") {
    for (const stream of streams) stream.socket.destroy();
    process.exit(0);
  }
});
