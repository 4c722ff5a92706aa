// Decisions the front HTTP server makes about a request or a response from Next,
// kept pure so they are tested on their own.
import { HISTORY_MONTHS_PER_PAGE } from "@/lib/constants";
import { shiftMonth } from "@/lib/time";

/**
 * The public paths the front answers itself, and from memory: pages, the subscribe form,
 * feeds, badges and the public API. `:id` names a published incident and `:slug` a
 * visible service; `params` are the query parameters the response depends on (every
 * other one is dropped from the cache key). A new public route must be added here:
 * lib/front.test.ts walks app/ and fails when one is missing.
 */
export const PUBLIC_ROUTES: readonly PublicRoute[] = [
  { path: "/" },
  { path: "/history", params: { month: historyMonth } },
  { path: "/incidents/:id" },
  { path: "/services/:slug" },
  { path: "/subscribe" },
  { path: "/history.rss" },
  { path: "/history.atom" },
  { path: "/history.json" },
  { path: "/badge.svg" },
  { path: "/maintenance.ics" },
  { path: "/services/:slug/history.rss", notFound: "service" },
  { path: "/services/:slug/history.atom", notFound: "service" },
  { path: "/services/:slug/history.json", notFound: "service" },
  { path: "/services/:slug/badge.svg", notFound: "service" },
  { path: "/services/:slug/maintenance.ics", notFound: "service" },
  { path: "/api/v2/summary.json" },
  { path: "/api/v2/status.json" },
  { path: "/api/v2/components.json" },
  { path: "/api/v2/incidents.json" },
  { path: "/api/v2/incidents/unresolved.json" },
  { path: "/api/v2/scheduled-maintenances.json" },
  { path: "/api/v2/scheduled-maintenances/upcoming.json" },
  { path: "/api/v2/scheduled-maintenances/active.json" },
  // The write API's description needs no key; the write API itself is never kept (isFrontRead).
  { path: "/api/v1/openapi.json" },
];

/** What exists publicly, from the database (server/public-routes.ts), for cache keys. */
export interface PublicRoutes {
  /** Published incidents, the newest first. */
  incidents: ReadonlySet<string>;
  /** Visible services. */
  services: ReadonlySet<string>;
  /** The local month of the oldest published incident ("2011-06"), null when there is none. */
  earliestMonth: string | null;
  /** This month, in the page's time zone. */
  currentMonth: string;
}

type NotFoundKind = "page" | "service" | "api";

/** Kept, changed (a string), dropped (undefined) or not found (null). */
type ParamRule = (value: string, routes: PublicRoutes | null) => string | undefined | null;

interface PublicRoute {
  path: string;
  params?: Record<string, ParamRule>;
  /** What Next answers when `:slug` names no service: a JSON 404 rather than the 404 page. */
  notFound?: NotFoundKind;
}

/** A path no route matches, so Next server-renders its compiled not-found page. */
export const NOT_FOUND_PROBE_PATH = "/__herald/not-found";

/**
 * The one cache key per kind of "not found": every unknown path or id shares it. Each is a
 * path Next answers with that very 404 ("__herald" is no valid slug).
 */
export const NOT_FOUND_KEYS: Record<NotFoundKind, string> = {
  page: NOT_FOUND_PROBE_PATH,
  service: "/services/__herald/badge.svg",
  api: "/api/__herald/not-found",
};

/** History pages kept for months before the first incident (empty, but someone may type one). */
export const HISTORY_MONTHS_BEFORE_FIRST = 12;

/**
 * The history page's `month`: a page of its own from a year before the first incident
 * to last month, so that a flood of made-up months finds a bounded set of responses.
 */
function historyMonth(value: string, routes: PublicRoutes | null): string | undefined | null {
  // app/(public)/history/page.tsx answers 404 to anything else.
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(value)) return null;
  if (!routes) return value;
  // This month or later shows the same as no month at all.
  if (value >= routes.currentMonth) return undefined;
  // Long before the first incident: nothing to show, and no link leads there.
  if (value < shiftMonth(routes.earliestMonth ?? routes.currentMonth, -HISTORY_MONTHS_BEFORE_FIRST)) return null;
  return value;
}

const STATIC_ROUTES = new Map(PUBLIC_ROUTES.filter((route) => !route.path.includes(":")).map((route) => [route.path, route]));
const DYNAMIC_ROUTES = PUBLIC_ROUTES.filter((route) => route.path.includes(":")).map((route) => ({ route, segments: route.path.split("/") }));

/** A percent-decoded path segment, or (`form`) query component; null when malformed. */
function decodeComponent(value: string, form = false): string | null {
  try {
    return decodeURIComponent(form ? value.replace(/\+/g, " ") : value);
  } catch {
    return null;
  }
}

/**
 * The cache key for a public read: the path with only its route's declared query
 * parameters, normalised and sorted, or the shared "not found" key of its kind when the
 * path matches no route or names an incident or service that is not public. Without
 * `routes` (the database never answered yet), ids and months are taken as they are.
 */
export function canonicalKey(url: string, routes: PublicRoutes | null): string {
  const mark = url.indexOf("?");
  let path = mark === -1 ? url : url.slice(0, mark);
  // Next redirects "/history/" to "/history": one response for both.
  if (path.length > 1 && path.endsWith("/")) path = path.replace(/\/+$/, "") || "/";
  let route = STATIC_ROUTES.get(path);
  let canonicalPath = path;
  if (!route) {
    const segments = path.split("/");
    for (const candidate of DYNAMIC_ROUTES) {
      if (candidate.segments.length !== segments.length) continue;
      let names: string | null | undefined = undefined;
      let matched = true;
      for (let index = 1; index < segments.length && matched; index++) {
        const pattern = candidate.segments[index];
        if (pattern[0] !== ":") {
          matched = pattern === segments[index];
          continue;
        }
        const value = decodeComponent(segments[index]);
        const known = value !== null && (routes === null ? value !== "" : (pattern === ":id" ? routes.incidents : routes.services).has(value));
        names = known ? value : null;
      }
      if (!matched) continue;
      if (names === null) return NOT_FOUND_KEYS[candidate.route.notFound ?? "page"];
      route = candidate.route;
      canonicalPath = candidate.route.path.replace(/:\w+/, encodeURIComponent(names!));
      break;
    }
  }
  if (!route) return NOT_FOUND_KEYS[path === "/api" || path.startsWith("/api/") ? "api" : "page"];
  if (!route.params || mark === -1) return canonicalPath;

  const values = new Map<string, string[]>();
  for (const pair of url.slice(mark + 1).split("&")) {
    const equals = pair.indexOf("=");
    const name = decodeComponent(equals === -1 ? pair : pair.slice(0, equals), true);
    if (name === null || !Object.hasOwn(route.params, name)) continue;
    const value = decodeComponent(equals === -1 ? "" : pair.slice(equals + 1), true);
    values.set(name, [...(values.get(name) ?? []), value ?? "\u0000"]);
  }
  const kept: string[] = [];
  for (const name of [...values.keys()].sort()) {
    const given = values.get(name)!;
    // A parameter given twice reaches the page as a list, which it refuses.
    const value = given.length === 1 ? route.params[name](given[0], routes) : null;
    if (value === null) return NOT_FOUND_KEYS.page;
    if (value !== undefined) kept.push(`${encodeURIComponent(name)}=${encodeURIComponent(value)}`);
  }
  return kept.length === 0 ? canonicalPath : `${canonicalPath}?${kept.join("&")}`;
}

/** Re-rendered first after every change, whoever reads them: what most readers and tools fetch. */
export const REFRESH_FIRST = ["/", "/api/v2/summary.json", "/api/v2/status.json", "/history.rss", "/history.atom", "/history.json", "/badge.svg"];

/** Incident pages kept ready (and in the snapshot), the most recent first; older ones are rendered when read. */
export const PRERENDERED_INCIDENTS = 500;

/**
 * The whole public site as cache keys, in the order a full re-render goes after a change:
 * what most readers and tools fetch, the rest of the API, the open and recent incidents,
 * the services, every page of history (newest first), the maintenance calendar, the
 * services' feeds, badges and calendars, then the subscribe form. A month typed in by
 * hand (`?month=` off the pages' steps) is rendered when asked for. `routes.incidents` is ordered newest first
 * (server/public-routes.ts); only the first `incidentLimit` are included.
 */
export function publicKeys(routes: PublicRoutes, incidentLimit = PRERENDERED_INCIDENTS): string[] {
  const keys = new Set<string>(REFRESH_FIRST);
  for (const route of PUBLIC_ROUTES) if (route.path.startsWith("/api/")) keys.add(route.path);
  let count = 0;
  for (const id of routes.incidents) {
    if (count++ >= incidentLimit) break;
    keys.add(`/incidents/${encodeURIComponent(id)}`);
  }
  for (const slug of routes.services) keys.add(`/services/${encodeURIComponent(slug)}`);
  keys.add("/history");
  // The pages the history's "Older" links lead to, back to the first incident: together they show every month.
  if (routes.earliestMonth !== null) {
    for (let month = shiftMonth(routes.currentMonth, -HISTORY_MONTHS_PER_PAGE); month >= routes.earliestMonth; month = shiftMonth(month, -HISTORY_MONTHS_PER_PAGE)) {
      keys.add(`/history?month=${month}`);
    }
  }
  keys.add("/maintenance.ics");
  for (const slug of routes.services) {
    for (const file of ["history.rss", "history.atom", "history.json", "badge.svg", "maintenance.ics"]) keys.add(`/services/${encodeURIComponent(slug)}/${file}`);
  }
  keys.add("/subscribe");
  return [...keys];
}

/**
 * GETs the front answers itself, from memory, whatever the headers say (public pages have
 * no client runtime, so an RSC header earns no other answer). Assets, the admin console,
 * pages reached by personal links, health checks and writes go to Next.
 */
export function isFrontRead(method: string | undefined, url: string): boolean {
  if (method !== "GET" && method !== "HEAD") return false;
  const mark = url.indexOf("?");
  const path = mark === -1 ? url : url.slice(0, mark);
  if (path.startsWith("/_next/") || path === "/admin" || path.startsWith("/admin/")) return false;
  // Pages reached by personal links: never kept, always answered by Next. The subscribe
  // form is the same for everyone and works without scripts, so it is kept like a page.
  if (path.startsWith("/subscriptions/")) return false;
  // The write API answers each key with what that key may see: never one kept answer.
  if (path.startsWith("/api/v1/") && path !== "/api/v1/openapi.json") return false;
  return path !== "/api/health" && !path.startsWith("/api/health/");
}

/**
 * Next renders notFound() thrown inside a page as an empty client-rendered shell
 * (vercel/next.js#62228): readers without JavaScript would get a blank page.
 */
export function isClientOnlyErrorShell(status: number, body: string): boolean {
  return status === 404 && body.includes('<html id="__next_error__"');
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
// React escapes quotes in text, so ` nonce="` only ever opens an attribute.
const NONCE = / nonce="[^"]*"/g;

/**
 * The public pages need no JavaScript: the front serves them without Next's runtime
 * and flight data, under a policy that allows no script at all. Returns null when a
 * script tag would survive, so such a page is passed through untouched instead.
 */
export function stripScripts(html: string): string | null {
  // A nonce is fresh per render: left on a stylesheet link, it would change the page's ETag on every render.
  const stripped = html.replace(SCRIPT, "").replace(SCRIPT_PRELOAD, "").replace(NONCE, "");
  return /<script\b/i.test(stripped) ? null : stripped;
}

const MAIN_OPEN = /<main\b[^>]*>/i;

/** Marks a page served from memory while the database cannot be reached (data-stale: for public/live.js). */
export function markStale(html: string, storedAt: Date): string {
  const notice =
    '<p role="status" data-stale class="mb-4 rounded border border-amber-300 bg-amber-50 px-4 py-2 text-sm text-amber-950 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-100">' +
    `This page may be out of date: we cannot reach our database right now, so you are seeing it as it was at <time datetime="${storedAt.toISOString()}">${storedAt.toUTCString()}</time>. It will update by itself when we are back.</p>`;
  return MAIN_OPEN.test(html) ? html.replace(MAIN_OPEN, (open) => `${open}${notice}`) : html;
}

/**
 * A form post to a page: a server action, sent by Next's router (Next-Action header) or
 * by a browser without JavaScript (a form-encoded or multipart body). Every action catches
 * its own errors and answers with a message, so a 500 for one means Next could not decode
 * the body: the front answers 400 instead.
 */
export function isFormPost(method: string | undefined, url: string, headers: Record<string, string | string[] | undefined>): boolean {
  if (method !== "POST" || url.startsWith("/api/")) return false;
  if (headers["next-action"] !== undefined) return true;
  return /^(multipart\/form-data|application\/x-www-form-urlencoded)\b/i.test(String(headers["content-type"] ?? ""));
}
