import { once } from "node:events";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isPrivateAddress, postWebhook, publicOnlyLookup, undelivered, WebhookError } from "@/server/delivery/webhook-post";

describe("isPrivateAddress", () => {
  it("lets webhooks reach public addresses of both families", () => {
    for (const address of ["8.8.8.8", "1.1.1.1", "93.184.215.14", "172.32.0.1", "100.128.0.1", "2606:4700::1111", "2001:4860:4860::8888", "::ffff:8.8.8.8", "::ffff:808:808"]) {
      expect(isPrivateAddress(address), address).toBe(false);
    }
  });

  it("refuses private, loopback, link-local, shared, reserved and documentation addresses", () => {
    for (const address of [
      "0.0.0.0", "10.0.0.1", "10.255.255.255", "127.0.0.1", "127.1.2.3", "169.254.169.254", "172.16.0.1", "172.31.255.255",
      "192.168.1.1", "100.64.0.1", "100.127.255.255", "192.0.0.8", "198.18.0.1", "224.0.0.1", "255.255.255.255",
      "192.0.2.1", "198.51.100.7", "203.0.113.200",
      "::", "::1", "fc00::1", "fd12:3456::1", "fe80::1", "fe80::1%eth0", "ff02::1", "64:ff9b::a00:1", "2001:db8::1", "2001:db8:ffff::1",
    ]) {
      expect(isPrivateAddress(address), address).toBe(true);
    }
  });

  it("judges an IPv4-mapped or -compatible IPv6 address by the IPv4 address inside it", () => {
    for (const address of ["::ffff:10.0.0.1", "::ffff:7f00:1", "::FFFF:127.0.0.1", "0:0:0:0:0:ffff:a9fe:a9fe", "::ffff:192.0.2.1", "::127.0.0.1", "::a00:1"]) {
      expect(isPrivateAddress(address), address).toBe(true);
    }
  });

  it("lets a host name that resolves to a public IPv4 address through to the socket, and refuses one with any private answer", () => {
    // The connect-time check, with the resolver's answer given: no packet leaves the machine.
    const answers: Record<string, { address: string; family: number }[]> = {
      "hooks.example.com": [{ address: "93.184.216.34", family: 4 }],
      "v6.example.com": [{ address: "2606:4700::1111", family: 6 }],
      "rebind.example.com": [{ address: "93.184.216.34", family: 4 }, { address: "10.0.0.7", family: 4 }],
    };
    const lookup = publicOnlyLookup((hostname, _options, callback) => callback(null, answers[hostname]));
    const ask = (hostname: string) =>
      new Promise<{ error: Error | null; address: unknown }>((resolve) => lookup(hostname, {}, (error, address) => resolve({ error, address })));
    return Promise.all([
      expect(ask("hooks.example.com")).resolves.toEqual({ error: null, address: "93.184.216.34" }),
      expect(ask("v6.example.com")).resolves.toEqual({ error: null, address: "2606:4700::1111" }),
      ask("rebind.example.com").then(({ error }) => expect(error?.message).toMatch(/^rebind\.example\.com resolves to a private or loopback address \(10\.0\.0\.7\)/)),
    ]);
  });

  it("has nothing to say about host names (the lookup hook checks what they resolve to)", () => {
    expect(isPrivateAddress("hooks.example.com")).toBe(false);
  });
});

describe("postWebhook", () => {
  const hits: Record<"target" | "redirector", number> = { target: 0, redirector: 0 };
  let target: http.Server;
  let redirector: http.Server;
  let targetUrl: string;
  let redirectorPort: number;

  async function listen(server: http.Server): Promise<number> {
    server.listen(0, "127.0.0.1");
    await once(server, "listening");
    return (server.address() as AddressInfo).port;
  }

  beforeAll(async () => {
    target = http.createServer((request, response) => {
      hits.target += 1;
      request.resume();
      response.end("ok");
    });
    targetUrl = `http://127.0.0.1:${await listen(target)}/`;
    // Answers with a redirect to the target: a public receiver could point a sender at the intranet this way.
    redirector = http.createServer((request, response) => {
      hits.redirector += 1;
      request.resume();
      const status = Number(new URL(request.url ?? "/", "http://x").searchParams.get("status") ?? 302);
      response.writeHead(status, { location: targetUrl }).end();
    });
    redirectorPort = await listen(redirector);
  });

  afterAll(async () => {
    target.closeAllConnections();
    redirector.closeAllConnections();
    await Promise.all([new Promise((resolve) => target.close(resolve)), new Promise((resolve) => redirector.close(resolve))]);
  });

  const options = { timeoutMs: 5_000, allowPrivate: true };

  it("never follows a redirect, and does not count one as delivered", async () => {
    for (const status of [301, 302, 303, 307, 308]) {
      const url = new URL(`http://127.0.0.1:${redirectorPort}/hook?status=${status}`);
      hits.target = 0;
      expect(await postWebhook(url, { "content-type": "application/json" }, "{}", options)).toBe(status);
      expect(undelivered(url, status)).toBe(`127.0.0.1:${redirectorPort} answered HTTP ${status} (redirects are not followed)`);
      expect(hits.target, `after ${status}`).toBe(0);
    }
    expect(hits.redirector).toBe(5);
  });

  it("refuses a host name that resolves to a private address, before anything is sent", async () => {
    hits.target = 0;
    const url = new URL(targetUrl.replace("127.0.0.1", "localhost"));
    const error = await postWebhook(url, {}, "{}", { ...options, allowPrivate: false }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(WebhookError);
    expect((error as WebhookError).permanent).toBe(true);
    expect((error as WebhookError).message).toMatch(/^localhost resolves to a private or loopback address/);
    expect(hits.target).toBe(0);
  });

  it("refuses private addresses written into the URL, in either family", async () => {
    for (const address of ["127.0.0.1", "[::1]", "[::ffff:127.0.0.1]", "[::127.0.0.1]", "2130706433"]) {
      const error = await postWebhook(new URL(`http://${address}:9/`), {}, "{}", { ...options, allowPrivate: false }).catch((caught: unknown) => caught);
      expect((error as WebhookError).permanent, address).toBe(true);
    }
  });

  it("delivers to a private address only when allowed", async () => {
    hits.target = 0;
    expect(await postWebhook(new URL(targetUrl), {}, "{}", options)).toBe(200);
    expect(hits.target).toBe(1);
  });
});
