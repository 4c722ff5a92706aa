import http from "node:http";
import net from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { NextProxy } from "./proxy";

/** A stand-in for Next, and a front that proxies everything to it. */
async function setUp(next: http.RequestListener, { trustProxy = false, maxBodyBytes = 1024 } = {}) {
  const upstream = http.createServer(next);
  upstream.on("upgrade", (req, socket) => {
    socket.write(`HTTP/1.1 101 Switching Protocols\r\nupgrade: websocket\r\nconnection: Upgrade\r\nx-seen-client-ip: ${req.headers["x-herald-client-ip"]}\r\n\r\n`);
    socket.on("data", (chunk: Buffer) => socket.write(`echo:${chunk.toString()}`));
  });
  await new Promise<void>((resolve) => upstream.listen(0, "127.0.0.1", resolve));
  const agent = new http.Agent({ keepAlive: true });
  const proxy = new NextProxy({ port: (upstream.address() as net.AddressInfo).port, agent, trustProxy, maxBodyBytes });
  const front = http.createServer((req, res) => proxy.forward(req, res));
  front.on("upgrade", (req, socket, head) => proxy.upgrade(req, socket, head));
  await new Promise<void>((resolve) => front.listen(0, "127.0.0.1", resolve));
  servers.push(upstream, front);
  agents.push(agent);
  return (front.address() as net.AddressInfo).port;
}

const servers: http.Server[] = [];
const agents: http.Agent[] = [];
afterEach(() => {
  agents.splice(0).forEach((agent) => agent.destroy());
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    server.close();
  }
});

function send(port: number, options: http.RequestOptions, body?: string | Buffer[]): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
  return new Promise((resolve, reject) => {
    const request = http.request({ host: "127.0.0.1", port, ...options }, (response) => {
      const chunks: Buffer[] = [];
      response.on("data", (chunk: Buffer) => chunks.push(chunk));
      response.on("end", () => resolve({ status: response.statusCode!, headers: response.headers, body: Buffer.concat(chunks).toString() }));
    });
    request.on("error", reject);
    if (Array.isArray(body)) for (const chunk of body) request.write(chunk);
    else if (body) request.write(body);
    request.end();
  });
}

describe("NextProxy", () => {
  it("passes answers through, with the client's address from the socket, never from the client", async () => {
    const port = await setUp((req, res) => res.end(`ip=${req.headers["x-herald-client-ip"]}`));
    const answer = await send(port, { path: "/admin", headers: { "x-herald-client-ip": "6.6.6.6", "x-forwarded-for": "7.7.7.7" } });
    expect(answer.status).toBe(200);
    expect(answer.body).toBe("ip=127.0.0.1");
  });

  it("takes the hop the trusted proxy appended to X-Forwarded-For, not one the client wrote before it", async () => {
    const port = await setUp((req, res) => res.end(`ip=${req.headers["x-herald-client-ip"]}`), { trustProxy: true });
    // The client sent "X-Forwarded-For: 6.6.6.6"; the proxy appended the address it saw.
    expect((await send(port, { path: "/admin", headers: { "x-forwarded-for": "6.6.6.6, 203.0.113.9" } })).body).toBe("ip=203.0.113.9");
    expect((await send(port, { path: "/admin", headers: { "x-forwarded-for": "203.0.113.10" } })).body).toBe("ip=203.0.113.10");
  });

  it("answers a form post Next could not decode (its 500) with a 400 that says nothing was saved", async () => {
    const port = await setUp((req, res) => {
      req.resume();
      res.writeHead(500).end("Internal Server Error");
    });
    const answer = await send(port, { path: "/subscribe", method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" } }, "email=a");
    expect(answer.status).toBe(400);
    expect(answer.body).toContain("nothing was saved");
    // Not a form post: Next's answer as it was.
    expect((await send(port, { path: "/api/v2/whatever", method: "POST", headers: { "content-type": "application/json" } }, "{}")).status).toBe(500);
  });

  it("refuses a body over the limit, declared or streamed, before Next reads it all", async () => {
    let received = 0;
    const port = await setUp((req, res) => {
      req.on("data", (chunk: Buffer) => (received += chunk.length));
      req.on("end", () => res.end("ok"));
    });
    expect((await send(port, { path: "/admin", method: "POST", headers: { "content-length": "5000" } }, "x".repeat(5000))).status).toBe(413);
    const streamed = await send(port, { path: "/admin", method: "POST" }, Array.from({ length: 10 }, () => Buffer.alloc(512, "x")));
    expect(streamed.status).toBe(413);
    expect(received).toBeLessThanOrEqual(1024);
    expect((await send(port, { path: "/admin", method: "POST" }, "small")).body).toBe("ok");
  });

  it("lets a client that declared too large a body finish sending it, so it reads the 413 instead of a broken pipe", async () => {
    let nextSaw = 0;
    const port = await setUp((req, res) => {
      nextSaw++;
      res.end("ok");
    });
    // Far more than the sockets buffer: answering and closing while it is still being sent
    // left the client with EPIPE (the e2e spec met it in CI with a 3 MB form post).
    const body = Buffer.alloc(8 * 1024 * 1024, "a");
    const { status, text, error } = await new Promise<{ status: number; text: string; error: string | null }>((resolve) => {
      let status = 0;
      let text = "";
      let error: string | null = null;
      const request = http.request({ host: "127.0.0.1", port, path: "/admin", method: "POST", headers: { "content-length": String(body.length) } }, (response) => {
        status = response.statusCode!;
        response.on("data", (chunk: Buffer) => (text += chunk.toString()));
      });
      request.on("error", (problem: NodeJS.ErrnoException) => (error = problem.code ?? problem.message));
      request.on("close", () => resolve({ status, text, error }));
      request.end(body);
    });
    expect({ status, error }).toEqual({ status: 413, error: null });
    expect(text).toContain("too large");
    expect(nextSaw).toBe(0);
  });

  it("pipes an upgrade (the development server's websocket) both ways", async () => {
    const port = await setUp((_req, res) => res.end());
    const socket = net.connect(port, "127.0.0.1");
    socket.write("GET /_next/webpack-hmr HTTP/1.1\r\nHost: localhost\r\nConnection: Upgrade\r\nUpgrade: websocket\r\nx-herald-client-ip: 6.6.6.6\r\n\r\n");
    let received = "";
    await new Promise<void>((resolve) =>
      socket.on("data", (chunk: Buffer) => {
        received += chunk.toString();
        if (received.includes("\r\n\r\n") && !received.includes("echo:")) socket.write("ping");
        if (received.includes("echo:ping")) resolve();
      }),
    );
    socket.destroy();
    expect(received).toMatch(/^HTTP\/1\.1 101/);
    expect(received).toContain("x-seen-client-ip: 127.0.0.1");
  });

  it("sends a GET again on a new connection when Next closed the kept-alive one it was sent on", async () => {
    // Next closes an idle connection just as the front reuses it: here, every second request on one.
    const requests = new WeakMap<object, number>();
    const port = await setUp((req, res) => {
      const count = (requests.get(req.socket) ?? 0) + 1;
      requests.set(req.socket, count);
      if (count > 1) return void req.socket.destroy();
      res.end(`ok ${req.url}`);
    });
    expect((await send(port, { path: "/_next/static/a.css" })).body).toBe("ok /_next/static/a.css");
    const second = await send(port, { path: "/_next/static/b.css" });
    expect(second.status).toBe(200);
    expect(second.body).toBe("ok /_next/static/b.css");
  });
});
