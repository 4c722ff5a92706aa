// The production HTTP server: Next.js behind a thin front that fetches public pages
// from Next over loopback before answering, so it can repair what Next gets wrong
// for readers without JavaScript.
import { randomBytes } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import next from "next";
import { isClientOnlyErrorShell, isPublicPageRequest, NOT_FOUND_PROBE_PATH } from "@/lib/front";

const INTERNAL_HEADER = "x-herald-internal";

interface Fetched {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

// Hop-by-hop headers and those the front recomputes.
const DROPPED = new Set(["connection", "keep-alive", "transfer-encoding", "content-length", "date"]);

export async function startServer({ dir, port, host }: { dir: string; port: number; host: string }) {
  const app = next({ dev: false, dir, hostname: host, port });
  await app.prepare();
  const handle = app.getRequestHandler();
  const secret = randomBytes(16).toString("hex");
  const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
  let loopbackPort = port;

  function fetchFromNext(path: string, from: http.IncomingMessage): Promise<Fetched> {
    return new Promise((resolve, reject) => {
      const headers: http.OutgoingHttpHeaders = { ...from.headers, [INTERNAL_HEADER]: secret, "accept-encoding": "identity" };
      const request = http.request({ host: "127.0.0.1", port: loopbackPort, path, method: "GET", headers, agent }, (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("end", () => resolve({ status: response.statusCode ?? 502, headers: response.headers, body: Buffer.concat(chunks) }));
        response.on("error", reject);
      });
      request.on("error", reject);
      request.end();
    });
  }

  function send(res: http.ServerResponse, fetched: Fetched, status: number, head: boolean) {
    for (const [name, value] of Object.entries(fetched.headers)) {
      if (value !== undefined && !DROPPED.has(name)) res.setHeader(name, value);
    }
    res.setHeader("content-length", fetched.body.length);
    res.writeHead(status);
    res.end(head ? undefined : fetched.body);
  }

  async function servePublicPage(req: http.IncomingMessage, res: http.ServerResponse) {
    const url = req.url ?? "/";
    let fetched = await fetchFromNext(url, req);
    if (isClientOnlyErrorShell(fetched.status, fetched.body.toString("utf8"))) {
      const notFound = await fetchFromNext(NOT_FOUND_PROBE_PATH, req);
      if (notFound.status === 404) fetched = notFound;
    }
    send(res, fetched, fetched.status, req.method === "HEAD");
  }

  const server = http.createServer((req, res) => {
    const internal = req.headers[INTERNAL_HEADER] === secret;
    if (!internal && isPublicPageRequest(req.method, req.url ?? "/", req.headers)) {
      servePublicPage(req, res).catch((error) => {
        console.error("front: could not fetch a page from Next", error);
        if (!res.headersSent) res.writeHead(502, { "content-type": "text/plain; charset=utf-8" });
        res.end("The status page is restarting. Please try again in a moment.");
      });
      return;
    }
    if (internal) delete req.headers[INTERNAL_HEADER];
    handle(req, res).catch((error: unknown) => {
      console.error(error);
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
  });

  await new Promise<void>((resolve) => server.listen(port, host, resolve));
  loopbackPort = (server.address() as AddressInfo).port;
  return server;
}
