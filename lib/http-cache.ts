import { createHash } from "node:crypto";

// Conditional GET for feeds, the API and badges: an ETag from the bytes, Last-Modified
// from the content, 304 for readers that already have it, and headers that let a CDN
// or reverse proxy answer a flood while staying seconds behind at most.

export const PUBLIC_CACHE_CONTROL = "public, max-age=0, must-revalidate, s-maxage=5, stale-while-revalidate=60, stale-if-error=86400";

export function etagOf(body: string | Uint8Array): string {
  return `"${createHash("sha256").update(body).digest("base64url").slice(0, 27)}"`;
}

export function isNotModified(headers: Headers, etag: string, lastModified: Date): boolean {
  const ifNoneMatch = headers.get("if-none-match");
  if (ifNoneMatch !== null) {
    return ifNoneMatch.split(",").some((tag) => {
      const candidate = tag.trim();
      return candidate === "*" || candidate === etag || candidate === `W/${etag}`;
    });
  }
  const ifModifiedSince = headers.get("if-modified-since");
  if (ifModifiedSince === null) return false;
  const since = Date.parse(ifModifiedSince);
  return !Number.isNaN(since) && Math.floor(lastModified.getTime() / 1000) <= Math.floor(since / 1000);
}

export const CORS_HEADERS: Record<string, string> = {
  "Access-Control-Allow-Origin": "*",
  "Access-Control-Allow-Methods": "GET, HEAD, OPTIONS",
  "Access-Control-Allow-Headers": "If-None-Match, If-Modified-Since",
  "Access-Control-Expose-Headers": "ETag, Last-Modified",
  "Access-Control-Max-Age": "86400",
  // Badges and feeds are embedded and read from other origins.
  "Cross-Origin-Resource-Policy": "cross-origin",
};

export function publicResponse(request: Request, body: string, { contentType, lastModified }: { contentType: string; lastModified: Date }): Response {
  const etag = etagOf(body);
  const headers = new Headers({
    ...CORS_HEADERS,
    "Content-Type": contentType,
    ETag: etag,
    "Last-Modified": lastModified.toUTCString(),
    "Cache-Control": PUBLIC_CACHE_CONTROL,
    Vary: "Accept-Encoding",
  });
  if (isNotModified(request.headers, etag, lastModified)) return new Response(null, { status: 304, headers });
  return new Response(request.method === "HEAD" ? null : body, { status: 200, headers });
}

export function preflightResponse(): Response {
  return new Response(null, { status: 204, headers: CORS_HEADERS });
}
