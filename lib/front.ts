// Decisions the front HTTP server makes about a request or a response from Next,
// kept pure so they are tested on their own.

/**
 * Public reads the front answers itself: pages, feeds, badges, and (with `includeApi`)
 * the public API. Assets, the admin console and writes go straight to Next.
 */
export function isPublicPageRequest(
  method: string | undefined,
  url: string,
  headers: Record<string, string | string[] | undefined>,
  includeApi = false,
): boolean {
  if (method !== "GET" && method !== "HEAD") return false;
  // Client-side navigations and prefetches ask for RSC payloads, not documents.
  if (headers["rsc"] !== undefined || headers["next-router-prefetch"] !== undefined) return false;
  const path = url.split("?")[0];
  if (path.startsWith("/api/")) return includeApi && path.startsWith("/api/v2/");
  // Pages reached by personal links: never kept, always answered by Next. The subscribe
  // form is the same for everyone and works without scripts, so it is kept like a page:
  // a crowd arriving from an incident's "Get updates" link costs Next nothing.
  if (path.startsWith("/subscriptions/")) return false;
  return !path.startsWith("/_next/") && path !== "/admin" && !path.startsWith("/admin/");
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

/** Public responses the front keeps in memory: everything public but health checks. */
export function isCacheablePath(url: string): boolean {
  const path = url.split("?")[0];
  return path !== "/api/health" && !path.startsWith("/api/health/");
}

/**
 * Responses written to the on-disk snapshot, which outlives a rebuild: not the subscribe
 * form, whose hidden action ids belong to the build that drew it.
 */
export function isSnapshotPath(url: string): boolean {
  return url.split("?")[0] !== "/subscribe";
}

const SCRIPT = /<script\b[^>]*>[\s\S]*?<\/script\s*>/gi;
const SCRIPT_PRELOAD = /<link\b[^>]*\bas="script"[^>]*\/?>/gi;

/**
 * The public pages need no JavaScript: the front serves them without Next's runtime
 * and flight data, under a policy that allows no script at all. Returns null when a
 * script tag would survive, so such a page is passed through untouched instead.
 */
export function stripScripts(html: string): string | null {
  const stripped = html.replace(SCRIPT, "").replace(SCRIPT_PRELOAD, "");
  return /<script\b/i.test(stripped) ? null : stripped;
}

const MAIN_OPEN = /<main\b[^>]*>/i;

/** Marks a page served from memory while the database cannot be reached. */
export function markStale(html: string, storedAt: Date): string {
  const notice =
    '<p role="status" class="mb-4 rounded border border-amber-300 bg-amber-50 px-4 py-2 text-sm text-amber-950 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-100">' +
    `This page may be out of date: we cannot reach our database right now, so you are seeing it as it was at <time datetime="${storedAt.toISOString()}">${storedAt.toUTCString()}</time>. It will update by itself when we are back.</p>`;
  return MAIN_OPEN.test(html) ? html.replace(MAIN_OPEN, (open) => `${open}${notice}`) : html;
}
