// Everything the front does not answer from memory (the console, assets, writes, health)
// goes to Next as it came, streamed both ways, with the client's address added and
// request bodies limited as they stream.
import http from "node:http";
import net from "node:net";
import type { Duplex } from "node:stream";
import { isFormPost } from "@/lib/front";
import { BodyLimit } from "./body-limit";

/** Request bodies the front passes to Next: Next's own server-action limit (next.config.js). */
export const MAX_BODY_BYTES = 2 * 1024 * 1024;
/** How much of a refused body is read and dropped, and for how long, before the connection goes. */
const LINGER_MAX_BYTES = 16 * 1024 * 1024;
const LINGER_MS = 10_000;

/** The header that carries the client's address to Next, for sign-in throttling. */
const CLIENT_IP = "x-herald-client-ip";
const HOP_BY_HOP = new Set(["connection", "keep-alive", "transfer-encoding"]);

export interface NextProxyOptions {
  /** Next's loopback port. */
  port: number;
  agent: http.Agent;
  /** Behind a reverse proxy: the client is the first X-Forwarded-For hop. */
  trustProxy?: boolean;
  maxBodyBytes?: number;
}

export class NextProxy {
  private readonly maxBodyBytes: number;

  constructor(private readonly options: NextProxyOptions) {
    this.maxBodyBytes = options.maxBodyBytes ?? MAX_BODY_BYTES;
  }

  /**
   * The client's address: never one a client sent. Behind a trusted proxy, the last
   * X-Forwarded-For hop, the one the proxy appended; the ones before it are whatever the
   * client wrote, and a guesser would write a new one per request.
   */
  clientAddress(req: http.IncomingMessage): string {
    const forwarded = this.options.trustProxy ? (String(req.headers["x-forwarded-for"] ?? "").split(",").at(-1) ?? "").trim() : "";
    return forwarded || req.socket.remoteAddress || "";
  }

  /** Streams `req` to Next and Next's answer back. */
  forward(req: http.IncomingMessage, res: http.ServerResponse) {
    if (Number(req.headers["content-length"] ?? 0) > this.maxBodyBytes) return this.refuseUnread(req, res);
    const headers = { ...req.headers, [CLIENT_IP]: this.clientAddress(req) };
    let refused = false;
    const formPost = isFormPost(req.method, req.url ?? "/", req.headers);
    const upstream = http.request({ host: "127.0.0.1", port: this.options.port, method: req.method, path: req.url, headers, agent: this.options.agent }, (response) => {
      if (formPost && response.statusCode === 500) {
        // Every action answers its own errors with a message; a 500 is a body Next could not decode.
        response.resume();
        res.writeHead(400, { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" });
        res.end("This form could not be read, so nothing was saved. Reload the page and send it again.");
        return;
      }
      relay(response, res);
    });
    upstream.on("error", (error: NodeJS.ErrnoException) => {
      if (refused) return;
      // Next closed an idle keep-alive connection just as it was reused: a request without
      // a body is sent again on a fresh one (the race Node's documentation describes).
      if (upstream.reusedSocket && error.code === "ECONNRESET" && !res.headersSent && isBodiless(req)) {
        retryWithoutBody(this.options.port, req, headers, res);
        return;
      }
      nextDidNotAnswer(error, res);
    });
    // A streamed body (no Content-Length, or a false one) is counted as it arrives.
    const limit = new BodyLimit(this.maxBodyBytes, () => {
      refused = true;
      upstream.destroy();
      if (res.headersSent) res.destroy();
      else this.tooLarge(res);
    });
    req.pipe(limit).pipe(upstream);
  }

  /**
   * An upgrade request (the development server's hot-reload websocket): the request head
   * is written to Next as it came, then bytes flow both ways untouched.
   */
  upgrade(req: http.IncomingMessage, socket: Duplex, head: Buffer) {
    const upstream = net.connect(this.options.port, "127.0.0.1");
    const close = () => {
      upstream.destroy();
      socket.destroy();
    };
    upstream.on("error", close);
    socket.on("error", close);
    upstream.on("connect", () => {
      const lines = [`${req.method} ${req.url} HTTP/${req.httpVersion}`];
      for (let index = 0; index < req.rawHeaders.length; index += 2) {
        if (req.rawHeaders[index].toLowerCase() !== CLIENT_IP) lines.push(`${req.rawHeaders[index]}: ${req.rawHeaders[index + 1]}`);
      }
      lines.push(`${CLIENT_IP}: ${this.clientAddress(req)}`);
      upstream.write(`${lines.join("\r\n")}\r\n\r\n`);
      if (head.length > 0) upstream.write(head);
      upstream.pipe(socket);
      socket.pipe(upstream);
    });
  }

  /**
   * Refuses a body declared too large. It is read and dropped first (a lingering close, as
   * nginx does): a client still sending when the connection closes meets a broken pipe and
   * never reads the 413. Never for long or for much: past either, the connection goes.
   */
  private refuseUnread(req: http.IncomingMessage, res: http.ServerResponse) {
    let dropped = 0;
    const answer = () => {
      clearTimeout(timer);
      if (!res.headersSent) this.tooLarge(res);
    };
    const giveUp = () => {
      answer();
      req.destroy();
    };
    const timer = setTimeout(giveUp, LINGER_MS);
    req.on("data", (chunk: Buffer) => {
      dropped += chunk.length;
      if (dropped > LINGER_MAX_BYTES) giveUp();
    });
    req.on("end", answer);
    req.on("error", () => clearTimeout(timer));
  }

  private tooLarge(res: http.ServerResponse) {
    // Close the connection: the rest of an oversized body is never read.
    res.writeHead(413, { "content-type": "text/plain; charset=utf-8", connection: "close", "cache-control": "no-store" });
    res.end(`This request is too large: the limit is ${this.maxBodyBytes / 1024 / 1024} MB.`);
  }
}

/** A GET or HEAD without a body: safe to send to Next a second time. */
function isBodiless(req: http.IncomingMessage): boolean {
  return (req.method === "GET" || req.method === "HEAD") && !req.headers["content-length"] && !req.headers["transfer-encoding"];
}

/** Sends `req` again on a new connection (no agent: never a reused socket), streaming the answer back. */
function retryWithoutBody(port: number, req: http.IncomingMessage, headers: http.OutgoingHttpHeaders, res: http.ServerResponse) {
  const upstream = http.request({ host: "127.0.0.1", port, method: req.method, path: req.url, headers, agent: false }, (response) => relay(response, res));
  upstream.on("error", (error) => nextDidNotAnswer(error, res));
  upstream.end();
}

/** Next's answer to the reader, without the hop-by-hop headers. */
function relay(response: http.IncomingMessage, res: http.ServerResponse) {
  const out: http.OutgoingHttpHeaders = {};
  for (const [name, value] of Object.entries(response.headers)) {
    if (value !== undefined && !HOP_BY_HOP.has(name)) out[name] = value;
  }
  res.writeHead(response.statusCode ?? 502, out);
  response.pipe(res);
}

function nextDidNotAnswer(error: Error, res: http.ServerResponse) {
  console.error("front: Next did not answer:", error.message);
  if (!res.headersSent) res.writeHead(502, { "content-type": "text/plain; charset=utf-8" });
  res.end("The status page is restarting. Please try again in a moment.");
}
