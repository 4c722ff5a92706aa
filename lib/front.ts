// Decisions the front HTTP server makes about a request or a response from Next,
// kept pure so they are tested on their own.
import { HISTORY_MONTHS_PER_PAGE } from "@/lib/constants";
import { DEFAULT_LOCALE, isLocale, LOCALES, localeOr, type Locale } from "@/lib/i18n/locales";
import { localizedPath, prefixPath, splitLocale } from "@/lib/i18n/routing";
import { translator } from "@/lib/i18n/translator";
import { formatDateTime, shiftMonth } from "@/lib/time";

/**
 * The public paths the front answers itself, and from memory: pages, the subscribe form,
 * feeds, badges and the public API. `:id` names a published incident and `:slug` a
 * visible service; `params` are the query parameters the response depends on (every
 * other one is dropped from the cache key); `twin` routes are served in every other
 * language too, under its prefix ("/ja"). A new public route must be added here:
 * lib/front.test.ts walks app/ and fails when one is missing.
 */
export const PUBLIC_ROUTES: readonly PublicRoute[] = [
  { path: "/", twin: true },
  { path: "/history", params: { month: historyMonth }, twin: true },
  { path: "/incidents/:id", twin: true },
  { path: "/services/:slug", twin: true },
  { path: "/subscribe", twin: true },
  { path: "/history.rss", twin: true },
  { path: "/history.atom", twin: true },
  { path: "/history.json", twin: true },
  { path: "/badge.svg", twin: true },
  { path: "/maintenance.ics", twin: true },
  { path: "/services/:slug/history.rss", notFound: "service", twin: true },
  { path: "/services/:slug/history.atom", notFound: "service", twin: true },
  { path: "/services/:slug/history.json", notFound: "service", twin: true },
  { path: "/services/:slug/badge.svg", notFound: "service", twin: true },
  { path: "/services/:slug/maintenance.ics", notFound: "service", twin: true },
  // The API has one address per endpoint; `?locale=ja` asks for its text in Japanese.
  { path: "/api/v2/summary.json", params: { locale: localeParam } },
  { path: "/api/v2/status.json", params: { locale: localeParam } },
  { path: "/api/v2/components.json", params: { locale: localeParam } },
  { path: "/api/v2/incidents.json", params: { locale: localeParam } },
  { path: "/api/v2/incidents/unresolved.json", params: { locale: localeParam } },
  { path: "/api/v2/scheduled-maintenances.json", params: { locale: localeParam } },
  { path: "/api/v2/scheduled-maintenances/upcoming.json", params: { locale: localeParam } },
  { path: "/api/v2/scheduled-maintenances/active.json", params: { locale: localeParam } },
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
  /** The language of the unprefixed addresses; every other one is under its prefix. */
  defaultLocale: Locale;
}

type NotFoundKind = "page" | "service" | "api";

/** Kept, changed (a string), dropped (undefined) or not found (null). */
type ParamRule = (value: string, routes: PublicRoutes | null) => string | undefined | null;

interface PublicRoute {
  path: string;
  params?: Record<string, ParamRule>;
  /** What Next answers when `:slug` names no service: a JSON 404 rather than the 404 page. */
  notFound?: NotFoundKind;
  /**
   * Also served in every other language, under its prefix ("/ja", "/en" while Japanese is
   * the default). A prefixed address of a route without a twin is that language's 404.
   */
  twin?: boolean;
}

/** A path no route matches, so Next server-renders its compiled not-found page. */
export const NOT_FOUND_PROBE_PATH = "/__herald/not-found";

/**
 * The one cache key per kind of "not found" in the default language: every unknown path
 * or id shares it. Each is a path Next answers with that very 404 ("__herald" is no valid
 * slug). Other languages have their own (notFoundKey).
 */
export const NOT_FOUND_KEYS: Record<NotFoundKind, string> = {
  page: NOT_FOUND_PROBE_PATH,
  service: "/services/__herald/badge.svg",
  api: "/api/__herald/not-found",
};

/**
 * The shared "not found" key of `kind` in the language of the prefix `prefix` (null: the
 * default language's, unprefixed). The API speaks one language, so it has one.
 */
export function notFoundKey(kind: NotFoundKind, prefix: Locale | null): string {
  return kind === "api" || prefix === null ? NOT_FOUND_KEYS[kind] : `/${prefix}${NOT_FOUND_KEYS[kind]}`;
}

/** The languages other than the default: those with prefixed addresses. */
function prefixedLocales(routes: PublicRoutes | null): Locale[] {
  return LOCALES.filter((locale) => locale !== routes?.defaultLocale);
}

/**
 * Every shared "not found" key, for the whole set to keep ready: the default language's
 * three, and each other language's for the kinds its twins can answer.
 */
export function notFoundKeys(routes: PublicRoutes | null): string[] {
  const kinds = new Set<NotFoundKind>(["page", ...PUBLIC_ROUTES.filter((route) => route.twin && route.notFound).map((route) => route.notFound!)]);
  const keys = Object.values(NOT_FOUND_KEYS);
  for (const locale of prefixedLocales(routes)) for (const kind of kinds) keys.push(notFoundKey(kind, locale));
  return [...new Set(keys)];
}

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

/**
 * The API's `locale`: a language Herald speaks other than the default, which answers in it;
 * anything else is dropped (the default language's answer, as Statuspage clients that send
 * what they like expect), so made-up values find one response.
 */
function localeParam(value: string, routes: PublicRoutes | null): string | undefined {
  return isLocale(value) && value !== routes?.defaultLocale ? value : undefined;
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
 * path matches no route or names an incident or service that is not public. A language
 * prefix stays in front of a twin's key ("/ja", "/ja/history"), but the default
 * language's, which names the unprefixed address; without a twin, the address is that
 * language's 404. Without `routes` (the database never answered yet), ids and months are
 * taken as they are, and so is any language prefix.
 */
export function canonicalKey(url: string, routes: PublicRoutes | null): string {
  const { locale, rest } = splitLocale(url);
  const prefix = locale === null || locale === routes?.defaultLocale ? null : locale;
  const key = unprefixedKey(rest, routes, locale !== null);
  if (typeof key !== "string") return notFoundKey(key.notFound, prefix);
  return prefix === null ? key : prefixPath(key, prefix);
}

/**
 * canonicalKey without the language prefix (`prefixed` says whether there was one: then
 * only twins are found), or which kind of "not found" the address is.
 */
function unprefixedKey(url: string, routes: PublicRoutes | null, prefixed: boolean): string | { notFound: NotFoundKind } {
  const mark = url.indexOf("?");
  let path = mark === -1 ? url : url.slice(0, mark);
  // Next redirects "/history/" to "/history": one response for both.
  if (path.length > 1 && path.endsWith("/")) path = path.replace(/\/+$/, "") || "/";
  const notFound = (kind: NotFoundKind) => ({ notFound: kind });
  const isApi = path === "/api" || path.startsWith("/api/");
  let route = STATIC_ROUTES.get(path);
  let canonicalPath = path;
  // Another language's address of a route without a twin (yet): that language's 404.
  if (route && prefixed && !route.twin) return notFound(isApi ? "api" : "page");
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
      if (prefixed && !candidate.route.twin) return notFound("page");
      if (names === null) return notFound(candidate.route.notFound ?? "page");
      route = candidate.route;
      canonicalPath = candidate.route.path.replace(/:\w+/, encodeURIComponent(names!));
      break;
    }
  }
  if (!route) return notFound(isApi ? "api" : "page");
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
    if (value === null) return notFound("page");
    if (value !== undefined) kept.push(`${encodeURIComponent(name)}=${encodeURIComponent(value)}`);
  }
  return kept.length === 0 ? canonicalPath : `${canonicalPath}?${kept.join("&")}`;
}

/**
 * The pages reached by personal links (a subscriber's or a chat channel's) and what their
 * forms post to: Next answers them, never the front (isFrontRead), in every language.
 */
export const PERSONAL_TWINS: ReadonlySet<string> = new Set([
  "/subscriptions/confirm",
  "/subscriptions/manage",
  "/subscriptions/unsubscribe",
  "/subscriptions/unsubscribed",
  "/subscriptions/chat",
  "/subscriptions/channel",
  "/subscriptions/channel/confirm",
]);

/**
 * The unprefixed `path`'s own address in every language: its canonical key when it is a
 * public route's twin, the path as it is for a personal page, null when it has no twin.
 */
function twinOf(path: string): string | null {
  const key = unprefixedKey(path, null, true);
  if (typeof key === "string") return key;
  return PERSONAL_TWINS.has(path.split(/[?#]/)[0]) ? path : null;
}

/**
 * Where Next renders a prefixed address (proxy.ts rewrites it there and names the language
 * in a header): its twin's unprefixed path (`twin`; the query goes along), or the shared
 * "not found" path of its kind for an address without a twin. Null for an address
 * without a language prefix.
 */
export function localeRewrite(pathname: string): { locale: Locale; path: string; twin: boolean } | null {
  const { locale, rest } = splitLocale(pathname);
  if (locale === null) return null;
  if (twinOf(rest) !== null) return { locale, path: rest, twin: true };
  const key = unprefixedKey(rest, null, true);
  return { locale, path: NOT_FOUND_KEYS[typeof key === "string" ? "page" : key.notFound], twin: false };
}

/**
 * A link to the unprefixed `path` from a page in `locale`: to its twin in that language,
 * or, for a page without one (yet), to the default language's page.
 */
export function localizedLink(path: string, locale: Locale, defaultLocale: Locale): string {
  return twinOf(path) === null ? path : localizedPath(path, locale, defaultLocale);
}

/**
 * Where the language switch on the page at the unprefixed `path` leads in `locale`: the
 * same page (its canonical address) when it has a twin, else that language's home page.
 */
export function switchLink(path: string, locale: Locale, defaultLocale: Locale): string {
  return localizedPath(twinOf(path) ?? "/", locale, defaultLocale);
}

/** The route an unprefixed path ("/services/forums/badge.svg", no query) has, whatever its id or slug names. */
function routeOfPath(path: string): PublicRoute | undefined {
  const found = STATIC_ROUTES.get(path);
  if (found) return found;
  const segments = path.split("/");
  return DYNAMIC_ROUTES.find(({ segments: pattern }) => pattern.length === segments.length && pattern.every((part, index) => (part[0] === ":" ? segments[index] !== "" : part === segments[index])))?.route;
}

/** The API's answers kept ready in every language (`?locale=ja`); the others' are rendered when read. */
const LOCALIZED_API_KEYS = new Set(["/api/v2/summary.json", "/api/v2/status.json"]);

/**
 * `key` (a default-language key) followed by its copies in every other language: its
 * twins, when its route has them, or the API's most read answers with `?locale=`.
 */
function withTwins(key: string, routes: PublicRoutes | null): string[] {
  if (LOCALIZED_API_KEYS.has(key)) return [key, ...prefixedLocales(routes).map((locale) => `${key}?locale=${locale}`)];
  if (!routeOfPath(key.split("?")[0])?.twin) return [key];
  return [key, ...prefixedLocales(routes).map((locale) => prefixPath(key, locale))];
}

/** Re-rendered first after every change, whoever reads them: what most readers and tools fetch (in the default language; refreshFirst adds the other languages'). */
export const REFRESH_FIRST = ["/", "/api/v2/summary.json", "/api/v2/status.json", "/history.rss", "/history.atom", "/history.json", "/badge.svg"];

/**
 * REFRESH_FIRST, then its copies in the other languages: the default language's answers,
 * which every instance and most tools read, are not held back by their twins (each
 * render costs a few hundred milliseconds on a busy machine).
 */
export function refreshFirst(routes: PublicRoutes | null): string[] {
  const twins = REFRESH_FIRST.flatMap((key) => withTwins(key, routes).slice(1));
  return [...REFRESH_FIRST, ...twins];
}

/** "/services/forums/history.rss" and the like: a service's feeds, badge and calendar. */
const isServiceFile = (key: string) => key.startsWith("/services/") && /\.\w+$/.test(key);

/** Incident pages kept ready (and in the snapshot), the most recent first; older ones are rendered when read. */
export const PRERENDERED_INCIDENTS = 500;

/**
 * The whole public site as cache keys, in the order a full re-render goes after a change:
 * what most readers and tools fetch, the rest of the API, the open and recent incidents,
 * the services, every page of history (newest first), the maintenance calendar, the
 * services' feeds, badges and calendars, then the subscribe form. A month typed in by
 * hand (`?month=` off the pages' steps) is rendered when asked for. `routes.incidents` is ordered newest first
 * (server/public-routes.ts); only the first `incidentLimit` are included. Each twin key is
 * followed by its copies in the other languages.
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
  // Each twin's other languages right after it: a Japanese reader of "/" waits no longer than an English one.
  // A service's own feeds, badge and calendar in another language are few readers' and are
  // rendered when read, so a whole pass (and a new instance's first) stays short.
  return [...keys].flatMap((key) => (isServiceFile(key) ? [key] : withTwins(key, routes)));
}

/**
 * GETs the front answers itself, from memory, whatever the headers say (public pages have
 * no client runtime, so an RSC header earns no other answer). Assets, the admin console,
 * pages reached by personal links, health checks and writes go to Next.
 */
export function isFrontRead(method: string | undefined, url: string): boolean {
  if (method !== "GET" && method !== "HEAD") return false;
  const mark = url.indexOf("?");
  // The same rules in every language: "/ja/subscriptions/manage" is a personal link too.
  const path = splitLocale(mark === -1 ? url : url.slice(0, mark)).rest;
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
  return splitLocale(url.split("?")[0]).rest !== "/subscribe";
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

const HTML_LANG = /<html\b[^>]*\slang="([^"]*)"/i;

/** The language a page Next rendered is in (its `<html lang>`), for what the front adds to it. */
export function pageLocale(html: string): Locale {
  return localeOr(HTML_LANG.exec(html)?.[1]);
}

/**
 * Marks a page served from memory while the database cannot be reached (data-stale: for
 * public/live.js), in the page's language.
 */
export function markStale(html: string, storedAt: Date): string {
  const locale = pageLocale(html);
  const text = translator(locale).markup("front.stale", {
    when: formatDateTime(storedAt, "UTC", locale),
    time: (chunks) => `<time datetime="${storedAt.toISOString()}">${chunks}</time>`,
  });
  const notice =
    '<p role="status" data-stale class="mb-4 rounded border border-amber-300 bg-amber-50 px-4 py-2 text-sm text-amber-950 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-100">' +
    `${text}</p>`;
  return MAIN_OPEN.test(html) ? html.replace(MAIN_OPEN, (open) => `${open}${notice}`) : html;
}

/** The language of the response at `key` (a canonical key): its prefix's, or the default one. */
export function keyLocale(key: string, routes: PublicRoutes | null): Locale {
  return splitLocale(key).locale ?? routes?.defaultLocale ?? DEFAULT_LOCALE;
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
