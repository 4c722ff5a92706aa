// The files in public/ (favicon, icons, robots.txt, the web manifest, scripts), answered
// by the front from memory like the public pages. Without this every one of them took
// the public-read path and got the shared 404. They are read once at start, each with
// its gzipped copy and its header lists made up front, so answering costs what a cache
// hit costs; in front of `next dev` they are read again when they change.
import { createHash } from "node:crypto";
import { readdirSync, readFileSync, statSync } from "node:fs";
import type http from "node:http";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { etagOf, isNotModified } from "@/lib/http-cache";
import { contentSecurityPolicy, HSTS, isHttps, STATIC_SECURITY_HEADERS } from "@/lib/security-headers";

/** By extension; anything else is sent as bytes (and never sniffed: nosniff). */
export const CONTENT_TYPES: Readonly<Record<string, string>> = {
  ".ico": "image/x-icon",
  ".png": "image/png",
  ".svg": "image/svg+xml",
  ".jpg": "image/jpeg",
  ".jpeg": "image/jpeg",
  ".gif": "image/gif",
  ".webp": "image/webp",
  ".avif": "image/avif",
  ".txt": "text/plain; charset=utf-8",
  ".webmanifest": "application/manifest+json",
  ".json": "application/json",
  ".xml": "application/xml",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".woff2": "font/woff2",
};

export function contentTypeOf(name: string): string {
  return CONTENT_TYPES[path.extname(name).toLowerCase()] ?? "application/octet-stream";
}

/**
 * The names are not fingerprinted, so a changed icon or script must reach browsers that
 * already have it: within the hour. An hour still spares every page view a request.
 */
export const STATIC_CACHE_CONTROL = "public, max-age=3600";

/** One file above this is left to Next, which streams it from disk. */
export const MAX_FILE_BYTES = 1024 * 1024;
/** What public/ may take in memory altogether; files beyond it are left to Next. */
export const MAX_TOTAL_BYTES = 16 * 1024 * 1024;

/** Smaller bodies gain nothing worth a Content-Encoding from gzip. */
const GZIP_MIN_BYTES = 256;
const CSP = { http: contentSecurityPolicy({}), https: contentSecurityPolicy({ https: true }) };
const SECURITY_HEADERS = Object.entries(STATIC_SECURITY_HEADERS).flatMap(([name, value]) => [name.toLowerCase(), value]);

export interface StaticFile {
  /** The URL path it answers: "/favicon.ico". */
  path: string;
  contentType: string;
  body: Buffer;
  /** The gzipped body, when that is at least a tenth smaller. */
  gzip: Buffer | null;
  /** SHA-256 of the body, base64: the form a CSP hash or a subresource integrity attribute takes. */
  sha256: string;
  etag: string;
  /** Flat header lists for writeHead, by `${gzip}|${https}`. */
  heads: Map<string, string[]>;
  /** On disk when read: what development compares to see a change. */
  mtimeMs: number;
}

export function makeStaticFile(urlPath: string, body: Buffer, mtimeMs = 0): StaticFile {
  const contentType = contentTypeOf(urlPath);
  const zipped = body.length >= GZIP_MIN_BYTES ? gzipSync(body, { level: 9 }) : null;
  const gzip = zipped && zipped.length <= body.length * 0.9 ? zipped : null;
  const etag = etagOf(body);
  const heads = new Map<string, string[]>();
  for (const compressed of [false, true]) {
    if (compressed && !gzip) continue;
    for (const https of [false, true]) {
      const head = ["content-type", contentType, "content-length", String(compressed ? gzip!.length : body.length), "etag", etag, "cache-control", STATIC_CACHE_CONTROL];
      if (gzip) head.push("vary", "Accept-Encoding");
      if (compressed) head.push("content-encoding", "gzip");
      head.push(...SECURITY_HEADERS, "content-security-policy", https ? CSP.https : CSP.http);
      if (https) head.push("strict-transport-security", HSTS);
      heads.set(`${compressed}|${https}`, head);
    }
  }
  return { path: urlPath, contentType, body, gzip, sha256: createHash("sha256").update(body).digest("base64"), etag, heads, mtimeMs };
}

/** What a request gets: the head for writeHead, and the body (none for HEAD and 304). */
export interface StaticAnswer {
  status: 200 | 304;
  head: string[];
  body: Buffer | undefined;
}

export function answer(file: StaticFile, request: { method: string; ifNoneMatch?: string; acceptEncoding?: string; https: boolean }): StaticAnswer {
  if (request.ifNoneMatch !== undefined && isNotModified(new Headers({ "if-none-match": request.ifNoneMatch }), file.etag, new Date(0))) {
    const head = file.heads.get(`false|${request.https}`)!;
    const withoutLength: string[] = [];
    for (let index = 0; index < head.length; index += 2) {
      if (head[index] !== "content-length") withoutLength.push(head[index], head[index + 1]);
    }
    return { status: 304, head: withoutLength, body: undefined };
  }
  const gzip = file.gzip !== null && /\bgzip\b/.test(request.acceptEncoding ?? "");
  return { status: 200, head: file.heads.get(`${gzip}|${request.https}`)!, body: request.method === "HEAD" ? undefined : gzip ? file.gzip! : file.body };
}

interface Listed {
  urlPath: string;
  file: string;
  size: number;
  mtimeMs: number;
}

/** Every file under `dir`, sorted by URL path; hidden files and folders (".DS_Store", ".git…") are left out. */
export function listFiles(dir: string, base = dir): Listed[] {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
  const listed: Listed[] = [];
  for (const entry of entries) {
    if (entry.name.startsWith(".")) continue;
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) listed.push(...listFiles(file, base));
    else if (entry.isFile()) {
      const stat = statSync(file);
      const urlPath = "/" + path.relative(base, file).split(path.sep).map(encodeURIComponent).join("/");
      listed.push({ urlPath, file, size: stat.size, mtimeMs: stat.mtimeMs });
    }
  }
  return listed.sort((a, b) => (a.urlPath < b.urlPath ? -1 : 1));
}

export interface StaticFilesOptions {
  maxFileBytes?: number;
  maxTotalBytes?: number;
  /** In front of `next dev`: public/ is looked at again (at most once a second), so an edit shows on reload. */
  dev?: boolean;
}

/** The files of one public/ folder, by URL path. */
export class StaticFiles {
  private files = new Map<string, StaticFile>();
  /** Paths of files too large to keep: Next answers them. */
  private leftToNext = new Set<string>();
  private readAt = 0;

  constructor(
    private readonly dir: string,
    private readonly options: StaticFilesOptions = {},
  ) {
    const left = this.read();
    if (left.length > 0) console.log(`front: left to Next, too large to keep in memory: ${left.map((urlPath) => `${path.basename(this.dir)}${urlPath}`).join(", ")}`);
  }

  /** Reads public/ again, keeping the files that did not change. Returns the paths left to Next. */
  read(): string[] {
    const { maxFileBytes = MAX_FILE_BYTES, maxTotalBytes = MAX_TOTAL_BYTES } = this.options;
    const files = new Map<string, StaticFile>();
    const leftToNext = new Set<string>();
    let total = 0;
    for (const listed of listFiles(this.dir)) {
      if (listed.size > maxFileBytes || total + listed.size > maxTotalBytes) {
        leftToNext.add(listed.urlPath);
        continue;
      }
      const known = this.files.get(listed.urlPath);
      const file = known && known.mtimeMs === listed.mtimeMs && known.body.length === listed.size ? known : makeStaticFile(listed.urlPath, readFileSync(listed.file), listed.mtimeMs);
      files.set(listed.urlPath, file);
      total += file.body.length;
    }
    this.files = files;
    this.leftToNext = leftToNext;
    this.readAt = Date.now();
    return [...leftToNext];
  }

  /** The file a URL path names (no query string), if it is kept in memory. */
  get(urlPath: string): StaticFile | undefined {
    if (this.options.dev && Date.now() - this.readAt >= 1_000) this.read();
    return this.files.get(urlPath);
  }

  get paths(): string[] {
    return [...this.files.keys()];
  }

  /**
   * Answers a request for a file in public/: from memory, or through `pass` (to Next)
   * when the file is too large to keep. False when the request names no such file.
   */
  serve(req: http.IncomingMessage, res: http.ServerResponse, pass: () => void): boolean {
    const url = req.url ?? "/";
    const mark = url.indexOf("?");
    const urlPath = mark === -1 ? url : url.slice(0, mark);
    const file = this.get(urlPath);
    if (!file) {
      if (!this.leftToNext.has(urlPath)) return false;
      pass();
      return true;
    }
    // Next answers a POST to a public file with a 500.
    if (req.method !== "GET" && req.method !== "HEAD") {
      res.writeHead(405, ["allow", "GET, HEAD", "content-type", "text/plain; charset=utf-8", ...SECURITY_HEADERS]);
      res.end("Method not allowed.");
      return true;
    }
    const forwardedProto = req.headers["x-forwarded-proto"];
    const sent = answer(file, {
      method: req.method,
      ifNoneMatch: req.headers["if-none-match"],
      acceptEncoding: req.headers["accept-encoding"],
      https: forwardedProto !== undefined && isHttps("http:", String(forwardedProto)),
    });
    res.writeHead(sent.status, sent.head);
    res.end(sent.body);
    return true;
  }
}
