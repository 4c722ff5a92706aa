// Decisions the front HTTP server makes about a request or a response from Next,
// kept pure so they are tested on their own.

/** Public pages the front server fetches from Next in full before answering. */
export function isPublicPageRequest(method: string | undefined, url: string, headers: Record<string, string | string[] | undefined>): boolean {
  if (method !== "GET" && method !== "HEAD") return false;
  // Client-side navigations and prefetches ask for RSC payloads, not documents.
  if (headers["rsc"] !== undefined || headers["next-router-prefetch"] !== undefined) return false;
  const path = url.split("?")[0];
  return !path.startsWith("/_next/") && !path.startsWith("/admin") && !path.startsWith("/api/");
}

/**
 * Next renders notFound() thrown inside a page as an empty client-rendered shell
 * (vercel/next.js#62228): readers without JavaScript would get a blank page.
 */
export function isClientOnlyErrorShell(status: number, body: string): boolean {
  return status === 404 && body.includes('<html id="__next_error__"');
}

/** A path no route matches, so Next server-renders its compiled not-found page. */
export const NOT_FOUND_PROBE_PATH = "/__herald/not-found";
