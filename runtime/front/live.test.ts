import http from "node:http";
import net, { type AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { LiveStreams, spreadFor, type LiveStreamsOptions } from "./live";

/** A real server answering every request with a stream, and readers that keep what they got. */
async function serve(options: LiveStreamsOptions = {}, serverOptions: http.ServerOptions = {}) {
  const live = new LiveStreams(options);
  const server = http.createServer(serverOptions, (req, res) => live.open(req, res));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  const readers: http.ClientRequest[] = [];
  const open = () =>
    new Promise<{ status: number; headers: http.IncomingHttpHeaders; text: () => string; ended: () => boolean; close: () => void }>((resolve, reject) => {
      const request = http.get({ host: "127.0.0.1", port, path: "/events", agent: false, headers: { accept: "text/event-stream" } }, (response) => {
        let text = "";
        let ended = false;
        response.setEncoding("utf8");
        response.on("data", (chunk: string) => (text += chunk));
        response.on("end", () => (ended = true));
        response.on("error", () => {});
        resolve({ status: response.statusCode!, headers: response.headers, text: () => text, ended: () => ended, close: () => request.destroy() });
      });
      request.on("error", reject);
      readers.push(request);
    });
  cleanups.push(() => {
    live.close();
    readers.forEach((request) => request.destroy());
    server.close();
  });
  return { live, server, open };
}

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((cleanup) => cleanup()));

async function until(condition: () => boolean, timeoutMs = 2_000) {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > timeoutMs) throw new Error("timed out");
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

describe("LiveStreams", () => {
  it("greets a stream with the state, then tells it each change once, a version never going back", async () => {
    const { live, open } = await serve({ initial: { version: 7, stale: false }, retryMs: 1_000 });
    const reader = await open();
    expect(reader.status).toBe(200);
    expect(reader.headers["content-type"]).toBe("text/event-stream");
    expect(reader.headers["cache-control"]).toBe("no-store");
    expect(reader.headers["x-accel-buffering"]).toBe("no");
    expect(reader.headers["x-content-type-options"]).toBe("nosniff");
    // Not chunked: each event is written to the socket as it is.
    expect(reader.headers["transfer-encoding"]).toBeUndefined();
    await until(() => reader.text().includes("event: hello"));
    expect(reader.text()).toMatch(/^retry: (1\d{3})\nevent: hello\ndata: \{"version":7,"stale":false,"spread":0\}\n\n$/);

    expect(live.update({ version: 8 })).toBe(true);
    expect(live.update({ version: 8 })).toBe(false);
    expect(live.update({ version: 6 })).toBe(false);
    expect(live.update({ stale: true })).toBe(true);
    await until(() => reader.text().includes('"stale":true'));
    expect(reader.text().split("event: change\n")).toEqual([expect.any(String), 'data: {"version":8,"stale":false,"spread":1}\n\n', 'data: {"version":8,"stale":true,"spread":1}\n\n']);
    // A page that connects now learns the state at once.
    const late = await open();
    await until(() => late.text().includes("event: hello"));
    expect(late.text()).toContain('data: {"version":8,"stale":true,"spread":1}');
  });

  it("refuses streams beyond its cap with a 503, and counts a closed one out at once", async () => {
    const { live, open } = await serve({ maxStreams: 2 });
    const first = await open();
    await open();
    const third = await open();
    expect(third.status).toBe(503);
    expect(third.headers["retry-after"]).toBe("60");
    expect(live.size).toBe(2);
    expect(live.refused).toBe(1);
    first.close();
    await until(() => live.size === 1);
    expect((await open()).status).toBe(200);
  });

  it("gives one socket one stream, however many requests it pipelines, and one address a bounded number", async () => {
    const { live, server, open } = await serve({ maxPerClient: 3 });
    const port = (server.address() as AddressInfo).port;
    // 500 requests written at once on one connection: Node makes a response for each.
    const socket = net.connect(port, "127.0.0.1");
    cleanups.push(() => socket.destroy());
    await new Promise((resolve) => socket.once("connect", resolve));
    socket.write("GET /events HTTP/1.1\r\nHost: x\r\n\r\n".repeat(500));
    await until(() => live.refused >= 1);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(live.size).toBe(1);
    // Two more from the same address, then no more.
    expect((await open()).status).toBe(200);
    expect((await open()).status).toBe(200);
    expect((await open()).status).toBe(503);
    expect(live.size).toBe(3);
  });

  it("ends a stream after its lifetime, so an idle holder cannot keep a slot", async () => {
    const { live, open } = await serve({ maxLifetimeMs: 100 });
    const reader = await open();
    await until(() => reader.ended(), 1_000);
    await until(() => live.size === 0);
  });

  it("asks the pages to spread their fetches wider the more of them are open, up to half a second", () => {
    expect(spreadFor(0)).toBe(0);
    expect(spreadFor(3)).toBe(1);
    expect(spreadFor(1_000)).toBe(50);
    expect(spreadFor(10_000)).toBe(500);
    expect(spreadFor(15_000)).toBe(500);
  });

  it("sends a heartbeat comment to every stream", async () => {
    const { open } = await serve({ heartbeatMs: 50 });
    const reader = await open();
    await until(() => reader.text().endsWith(":\n\n"));
  });

  it("outlives the server's request and header timeouts, which are for requests still arriving", async () => {
    const { live, open } = await serve({}, { requestTimeout: 300, headersTimeout: 200, keepAliveTimeout: 100, connectionsCheckingInterval: 50 });
    const reader = await open();
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(reader.ended()).toBe(false);
    live.update({ version: 1 });
    await until(() => reader.text().includes('"version":1'));
  });

  it("ends every stream when the front stops", async () => {
    const { live, open } = await serve();
    const readers = [await open(), await open()];
    live.close();
    await until(() => readers.every((reader) => reader.ended()));
    expect(live.size).toBe(0);
  });
});
