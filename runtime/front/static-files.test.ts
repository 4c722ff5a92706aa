import { createHash, randomBytes } from "node:crypto";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { gunzipSync } from "node:zlib";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { contentTypeOf, STATIC_CACHE_CONTROL, StaticFiles } from "./static-files";

const PUBLIC = path.resolve(import.meta.dirname, "..", "..", "public");

interface Received {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

/** A real front-like server: `files` first, Next (a 299 here) for what they pass on, 404 for the rest. */
async function serverFor(files: StaticFiles) {
  const server = http.createServer((req, res) => {
    const passed = () => {
      res.writeHead(299);
      res.end("from Next");
    };
    if (files.serve(req, res, passed)) return;
    res.writeHead(404);
    res.end();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  const request = (target: string, { method = "GET", headers = {} }: { method?: string; headers?: Record<string, string> } = {}) =>
    new Promise<Received>((resolve, reject) => {
      http
        .request({ host: "127.0.0.1", port, path: target, method, headers }, (response) => {
          const chunks: Buffer[] = [];
          response.on("data", (chunk) => chunks.push(chunk));
          response.on("end", () => resolve({ status: response.statusCode!, headers: response.headers, body: Buffer.concat(chunks) }));
        })
        .on("error", reject)
        .end();
    });
  return { request, close: () => new Promise((resolve) => server.close(resolve)) };
}

describe("the public/ folder", () => {
  const files = new StaticFiles(PUBLIC);

  it("holds the favicon, the icons, robots.txt and the manifest, each with its own content type", () => {
    for (const name of ["/favicon.ico", "/icon.svg", "/apple-touch-icon.png", "/icon-192.png", "/icon-512.png", "/robots.txt", "/manifest.webmanifest"]) {
      expect(files.get(name), name).toBeDefined();
    }
    expect(files.get("/favicon.ico")!.contentType).toBe("image/x-icon");
    expect(files.get("/manifest.webmanifest")!.contentType).toBe("application/manifest+json");
    for (const name of files.paths) expect(contentTypeOf(name), name).not.toBe("application/octet-stream");
  });

  it("has a manifest whose icons are all there, and a robots.txt that keeps crawlers out of the console and personal links", () => {
    const manifest = JSON.parse(files.get("/manifest.webmanifest")!.body.toString("utf8"));
    expect(manifest.start_url).toBe("/");
    for (const icon of manifest.icons) expect(files.get(icon.src), icon.src).toBeDefined();
    const robots = files.get("/robots.txt")!.body.toString("utf8");
    expect(robots).toMatch(/^Disallow: \/admin$/m);
    expect(robots).toMatch(/^Disallow: \/subscriptions\/$/m);
  });

  it("has PNG icons of the sizes they claim, and a favicon that is an icon file", () => {
    // A PNG's width and height are the first two fields of its IHDR chunk.
    const size = (name: string) => {
      const png = files.get(name)!.body;
      return [png.readUInt32BE(16), png.readUInt32BE(20)];
    };
    expect(size("/apple-touch-icon.png")).toEqual([180, 180]);
    expect(size("/icon-192.png")).toEqual([192, 192]);
    expect(size("/icon-512.png")).toEqual([512, 512]);
    const ico = files.get("/favicon.ico")!.body;
    expect([ico.readUInt16LE(0), ico.readUInt16LE(2)]).toEqual([0, 1]);
    expect(ico.readUInt16LE(4)).toBeGreaterThan(0);
  });
});

describe("StaticFiles", () => {
  let dir: string;
  let script: Buffer;
  let image: Buffer;
  let files: StaticFiles;
  let server: Awaited<ReturnType<typeof serverFor>>;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), "herald-static-"));
    script = Buffer.from(`// a script\n${"console.log('live update');\n".repeat(100)}`);
    image = randomBytes(4096);
    mkdirSync(path.join(dir, "icons"));
    mkdirSync(path.join(dir, ".hidden"));
    writeFileSync(path.join(dir, "live.js"), script);
    writeFileSync(path.join(dir, "icons", "badge.png"), image);
    writeFileSync(path.join(dir, "robots.txt"), "User-agent: *\n");
    writeFileSync(path.join(dir, ".DS_Store"), "junk");
    writeFileSync(path.join(dir, ".hidden", "secret.txt"), "not public");
    writeFileSync(path.join(dir, "video.mp4"), Buffer.alloc(64 * 1024));
    files = new StaticFiles(dir, { maxFileBytes: 32 * 1024 });
    server = await serverFor(files);
  });

  afterAll(async () => {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("keeps every file of the folder and its subfolders by URL path, hidden ones left out", () => {
    expect(files.paths).toEqual(["/icons/badge.png", "/live.js", "/robots.txt"]);
  });

  it("gives a file's bytes and their SHA-256 in the form a CSP hash or an integrity attribute takes", () => {
    const file = files.get("/live.js")!;
    expect(file.body.equals(script)).toBe(true);
    expect(file.sha256).toBe(createHash("sha256").update(script).digest("base64"));
  });

  it("answers GET and HEAD with the bytes, their type, an ETag, an hour of caching and the security headers", async () => {
    const got = await server.request("/icons/badge.png");
    expect(got.status).toBe(200);
    expect(got.body.equals(image)).toBe(true);
    expect(got.headers["content-type"]).toBe("image/png");
    expect(got.headers["content-length"]).toBe(String(image.length));
    expect(got.headers.etag).toBe(files.get("/icons/badge.png")!.etag);
    expect(got.headers["cache-control"]).toBe(STATIC_CACHE_CONTROL);
    expect(got.headers["x-content-type-options"]).toBe("nosniff");
    expect(got.headers["x-frame-options"]).toBe("DENY");
    expect(got.headers["content-security-policy"]).toContain("script-src 'none'");
    expect(got.headers["strict-transport-security"]).toBeUndefined();

    const head = await server.request("/robots.txt?utm_source=x", { method: "HEAD" });
    expect(head.status).toBe(200);
    expect(head.body.length).toBe(0);
    expect(head.headers["content-type"]).toBe("text/plain; charset=utf-8");
    expect(head.headers["content-length"]).toBe("14");
  });

  it("sends HSTS and the https policy behind a proxy that says the request came over https", async () => {
    const got = await server.request("/robots.txt", { headers: { "x-forwarded-proto": "https" } });
    expect(got.headers["strict-transport-security"]).toContain("max-age=");
    expect(got.headers["content-security-policy"]).toContain("upgrade-insecure-requests");
  });

  it("answers 304 with no body to a reader that has the file", async () => {
    const etag = files.get("/live.js")!.etag;
    for (const ifNoneMatch of [etag, `W/${etag}`, `"other", ${etag}`]) {
      const got = await server.request("/live.js", { headers: { "if-none-match": ifNoneMatch, "accept-encoding": "gzip" } });
      expect(got.status).toBe(304);
      expect(got.body.length).toBe(0);
      expect(got.headers.etag).toBe(etag);
      expect(got.headers["content-length"]).toBeUndefined();
    }
    expect((await server.request("/live.js", { headers: { "if-none-match": '"other"' } })).status).toBe(200);
  });

  it("gzips where it makes the answer smaller, for readers that accept it", async () => {
    const zipped = await server.request("/live.js", { headers: { "accept-encoding": "gzip, br" } });
    expect(zipped.headers["content-encoding"]).toBe("gzip");
    expect(zipped.headers.vary).toBe("Accept-Encoding");
    expect(zipped.body.length).toBeLessThan(script.length / 4);
    expect(gunzipSync(zipped.body).equals(script)).toBe(true);
    const plain = await server.request("/live.js");
    expect(plain.headers["content-encoding"]).toBeUndefined();
    expect(plain.body.equals(script)).toBe(true);
    // Random bytes and tiny files do not shrink: sent as they are.
    for (const target of ["/icons/badge.png", "/robots.txt"]) {
      const got = await server.request(target, { headers: { "accept-encoding": "gzip" } });
      expect(got.headers["content-encoding"], target).toBeUndefined();
      expect(got.headers.vary, target).toBeUndefined();
    }
  });

  it("leaves a file too large to keep to Next, and every other path to the rest of the front", async () => {
    expect(files.get("/video.mp4")).toBeUndefined();
    expect((await server.request("/video.mp4")).status).toBe(299);
    expect((await server.request("/")).status).toBe(404);
    expect((await server.request("/.DS_Store")).status).toBe(404);
    expect((await server.request("/.hidden/secret.txt")).status).toBe(404);
    expect((await server.request("/live.js/")).status).toBe(404);
  });

  it("refuses other methods on a file with 405, naming the ones it takes", async () => {
    const posted = await server.request("/live.js", { method: "POST" });
    expect(posted.status).toBe(405);
    expect(posted.headers.allow).toBe("GET, HEAD");
    expect(posted.headers["x-content-type-options"]).toBe("nosniff");
    expect((await server.request("/", { method: "POST" })).status).toBe(404);
  });

  it("keeps to its total: the files beyond it are left to Next", () => {
    const bounded = new StaticFiles(dir, { maxFileBytes: 32 * 1024, maxTotalBytes: 5_000 });
    // Sorted by path: the image (4 KB) fits, the script would pass the total.
    expect(bounded.paths).toEqual(["/icons/badge.png", "/robots.txt"]);
  });
});

describe("StaticFiles in front of next dev", () => {
  afterEach(() => vi.useRealTimers());

  it("shows an edited or added file on the next request a second later; production keeps what it read at start", () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "herald-static-dev-"));
    try {
      writeFileSync(path.join(dir, "live.js"), "one");
      vi.useFakeTimers({ toFake: ["Date"] });
      const dev = new StaticFiles(dir, { dev: true });
      const production = new StaticFiles(dir);
      writeFileSync(path.join(dir, "live.js"), "two, longer");
      writeFileSync(path.join(dir, "new.txt"), "new");
      vi.advanceTimersByTime(1_000);
      expect(dev.get("/live.js")!.body.toString()).toBe("two, longer");
      expect(dev.get("/new.txt")).toBeDefined();
      expect(production.get("/live.js")!.body.toString()).toBe("one");
      expect(production.get("/new.txt")).toBeUndefined();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
