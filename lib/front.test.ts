import { readdirSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import {
  isFormPost,
  canonicalKey,
  keyLocale,
  localeRewrite,
  localizedLink,
  notFoundKey,
  notFoundKeys,
  REFRESH_FIRST,
  refreshFirst,
  switchLink,
  isClientOnlyErrorShell,
  isFrontRead,
  isSnapshotPath,
  markStale,
  NOT_FOUND_KEYS,
  PUBLIC_ROUTES,
  publicKeys,
  stripScripts,
  type PublicRoutes,
} from "@/lib/front";

const routes: PublicRoutes = {
  incidents: new Set(["cm0incident1", "cm0incident2"]),
  services: new Set(["forums", "sega-pass-login"]),
  earliestMonth: "2009-04",
  currentMonth: "2011-06",
  defaultLocale: "en",
};

describe("canonicalKey", () => {
  it("drops every query parameter a route does not declare", () => {
    for (const url of ["/?cb=1", "/?fbclid=IwAR0abc", "/?utm_source=x&utm_medium=y", "/?", "/?_rsc=1x2y", "/?month=2011-03"]) expect(canonicalKey(url, routes), url).toBe("/");
    expect(canonicalKey("/incidents/cm0incident1?cb=7", routes)).toBe("/incidents/cm0incident1");
    expect(canonicalKey("/history.rss?fbclid=1", routes)).toBe("/history.rss");
    expect(canonicalKey("/api/v2/summary.json?callback=x", routes)).toBe("/api/v2/summary.json");
    expect(canonicalKey("/services/forums/badge.svg?style=flat", routes)).toBe("/services/forums/badge.svg");
  });

  it("keeps a declared parameter, normalised, whatever surrounds it", () => {
    expect(canonicalKey("/history?month=2011-03", routes)).toBe("/history?month=2011-03");
    expect(canonicalKey("/history?fbclid=1&month=2011-03&cb=2", routes)).toBe("/history?month=2011-03");
    expect(canonicalKey("/history?month=2011%2D03", routes)).toBe("/history?month=2011-03");
    expect(canonicalKey("/history/?month=2011-03", routes)).toBe("/history?month=2011-03");
    expect(canonicalKey("/history?cb=1", routes)).toBe("/history");
  });

  it("gives a month with nothing of its own the response it shows", () => {
    // This month and later show what /history shows.
    expect(canonicalKey("/history?month=2011-06", routes)).toBe("/history");
    expect(canonicalKey("/history?month=2999-12", routes)).toBe("/history");
    // The page refuses these with its 404; more than a year before the first incident there is nothing to show.
    for (const month of ["2011-13", "2011-6", "", "abc", "2008-03", "0001-01", "9999-99", "%E0%A4%A"]) expect(canonicalKey(`/history?month=${month}`, routes), month).toBe(NOT_FOUND_KEYS.page);
    expect(canonicalKey("/history?month=2008-04", routes)).toBe("/history?month=2008-04");
    expect(canonicalKey("/history?month", routes)).toBe(NOT_FOUND_KEYS.page);
    expect(canonicalKey("/history?month=2011-03&month=2011-04", routes)).toBe(NOT_FOUND_KEYS.page);
    expect(canonicalKey("/history?month=2010-06", { ...routes, earliestMonth: null })).toBe("/history?month=2010-06");
    expect(canonicalKey("/history?month=2010-05", { ...routes, earliestMonth: null })).toBe(NOT_FOUND_KEYS.page);
    // However many made-up months, a bounded number of responses.
    const keys = new Set(Array.from({ length: 120_000 }, (_, index) => canonicalKey(`/history?month=${String(Math.floor(index / 12)).padStart(4, "0")}-${String((index % 12) + 1).padStart(2, "0")}`, routes)));
    expect(keys.size).toBe(2 + 38);
  });

  it("answers every unknown id or path with one shared 404 of the kind Next gives", () => {
    for (const url of ["/incidents/does-not-exist", "/incidents/cm0draft?x=1", "/services/nope", "/no-such-page", "/incidents", "/services/forums/other", "/History", "/favicon.ico"]) {
      expect(canonicalKey(url, routes), url).toBe(NOT_FOUND_KEYS.page);
    }
    for (const url of ["/services/nope/history.rss", "/services/nope/history.atom", "/services/nope/history.json", "/services/nope/badge.svg", "/services/nope/maintenance.ics"]) {
      expect(canonicalKey(url, routes), url).toBe(NOT_FOUND_KEYS.service);
    }
    for (const url of ["/api/v2/nothing.json", "/api/v1/summary.json", "/api/v2/incidents/unknown.json", "/api"]) expect(canonicalKey(url, routes), url).toBe(NOT_FOUND_KEYS.api);
    // Each shared key is its own canonical key, so it is kept once and saved in the snapshot.
    for (const key of Object.values(NOT_FOUND_KEYS)) expect(canonicalKey(key, routes)).toBe(key);
  });

  it("keeps known ids and slugs, percent-decoded", () => {
    expect(canonicalKey("/incidents/cm0incident2", routes)).toBe("/incidents/cm0incident2");
    expect(canonicalKey("/incidents/cm0incident%32", routes)).toBe("/incidents/cm0incident2");
    expect(canonicalKey("/services/forums/", routes)).toBe("/services/forums");
    expect(canonicalKey("/services/sega-pass-login/history.atom", routes)).toBe("/services/sega-pass-login/history.atom");
    expect(canonicalKey("/services/forums/maintenance.ics?cb=1", routes)).toBe("/services/forums/maintenance.ics");
    expect(canonicalKey("/maintenance.ics?x=1", routes)).toBe("/maintenance.ics");
    expect(canonicalKey("/incidents/%E0%A4%A", routes)).toBe(NOT_FOUND_KEYS.page);
  });

  it("takes ids as they are before the database has ever answered", () => {
    expect(canonicalKey("/incidents/anything?cb=1", null)).toBe("/incidents/anything");
    expect(canonicalKey("/history?month=1999-01&x=1", null)).toBe("/history?month=1999-01");
    expect(canonicalKey("/history?month=1999-13", null)).toBe(NOT_FOUND_KEYS.page);
  });
});

describe("addresses in another language", () => {
  const japanese: PublicRoutes = { ...routes, defaultLocale: "ja" };

  it("keeps one key per twin, under its language's prefix, however it was written", () => {
    for (const url of ["/ja", "/ja/", "/ja?utm_source=x", "/ja/?cb=1"]) expect(canonicalKey(url, routes), url).toBe("/ja");
    // The default language's prefix names the plain address.
    for (const url of ["/en", "/en/", "/en?cb=1"]) expect(canonicalKey(url, routes), url).toBe("/");
    expect(canonicalKey("/", routes)).toBe("/");
  });

  it("twins each incident's page, whose text may be translated", () => {
    expect(canonicalKey("/ja/incidents/cm0incident1", routes)).toBe("/ja/incidents/cm0incident1");
    expect(canonicalKey("/en/incidents/cm0incident1?x=1", routes)).toBe("/incidents/cm0incident1");
  });

  it("swaps the roles when Japanese is the default", () => {
    expect(canonicalKey("/", japanese)).toBe("/");
    expect(canonicalKey("/ja", japanese)).toBe("/");
    expect(canonicalKey("/en", japanese)).toBe("/en");
    expect(canonicalKey("/en/nope", japanese)).toBe("/en/__herald/not-found");
    expect(canonicalKey("/nope", japanese)).toBe(NOT_FOUND_KEYS.page);
  });

  it("keeps the pages' twins under their language's prefix, with the same rules for ids, slugs and months", () => {
    const twins: [url: string, key: string][] = [
      ["/ja/history", "/ja/history"],
      ["/ja/history/?utm_source=x", "/ja/history"],
      ["/ja/history?month=2011-03&cb=1", "/ja/history?month=2011-03"],
      // This month or later is the plain history page, in each language.
      ["/ja/history?month=2011-06", "/ja/history"],
      ["/ja/incidents/cm0incident1?cb=7", "/ja/incidents/cm0incident1"],
      ["/ja/services/forums", "/ja/services/forums"],
      ["/ja/subscribe?from=header", "/ja/subscribe"],
      // The default language's prefix names the plain address.
      ["/en/history?month=2011-03", "/history?month=2011-03"],
      ["/en/incidents/cm0incident1", "/incidents/cm0incident1"],
      ["/en/subscribe", "/subscribe"],
    ];
    for (const [url, key] of twins) expect(canonicalKey(url, routes), url).toBe(key);
  });

  it("answers an address without a twin yet, or one that names nothing, with that language's 404", () => {
    for (const url of ["/ja/nope", "/ja/history?month=1999-13", "/ja/history?month=1990-01", "/ja/incidents/nothing", "/ja/services/nothing", "/ja/admin"]) {
      expect(canonicalKey(url, routes), url).toBe("/ja/__herald/not-found");
    }
    // A service's feed, badge or calendar for no service: that language's JSON 404.
    for (const url of ["/ja/services/nope/badge.svg", "/ja/services/nope/history.rss", "/ja/services/nope/maintenance.ics"]) expect(canonicalKey(url, routes), url).toBe("/ja/services/__herald/badge.svg");
    expect(notFoundKey("page", "ja")).toBe("/ja/__herald/not-found");
    expect(canonicalKey("/en/incidents/nothing", routes)).toBe(NOT_FOUND_KEYS.page);
    // The API speaks one language: one 404 for it.
    for (const url of ["/ja/api/v2/summary.json", "/ja/api/v2/nothing.json", "/ja/api"]) expect(canonicalKey(url, routes), url).toBe(NOT_FOUND_KEYS.api);
    for (const key of notFoundKeys(routes)) expect(canonicalKey(key, routes), key).toBe(key);
    expect(notFoundKeys(routes)).toEqual([...Object.values(NOT_FOUND_KEYS), "/ja/__herald/not-found", "/ja/services/__herald/badge.svg"]);
    expect(notFoundKeys(japanese)).toContain("/en/__herald/not-found");
  });

  it("keeps any language prefix before the database has ever answered", () => {
    expect(canonicalKey("/en", null)).toBe("/en");
    expect(canonicalKey("/ja/", null)).toBe("/ja");
    expect(canonicalKey("/ja/history", null)).toBe("/ja/history");
    expect(canonicalKey("/ja/incidents/anything?cb=1", null)).toBe("/ja/incidents/anything");
    expect(canonicalKey("/ja/history.rss", null)).toBe("/ja/history.rss");
    expect(canonicalKey("/ja/nope", null)).toBe("/ja/__herald/not-found");
  });

  it("renders the default language's first keys first, then their twins", () => {
    // The default language's first, then their twins, in the same order.
    expect(refreshFirst(routes)).toEqual([
      ...REFRESH_FIRST,
      "/ja",
      "/api/v2/summary.json?locale=ja",
      "/api/v2/status.json?locale=ja",
      "/ja/history.rss",
      "/ja/history.atom",
      "/ja/history.json",
      "/ja/badge.svg",
    ]);
    expect(refreshFirst(japanese).slice(REFRESH_FIRST.length, REFRESH_FIRST.length + 4)).toEqual(["/en", "/api/v2/summary.json?locale=en", "/api/v2/status.json?locale=en", "/en/history.rss"]);
  });

  it("keeps every page's twin ready, right after its original, with the page's own feeds, badge and calendar", () => {
    const keys = publicKeys(routes);
    const page = /^\/(\?|$)|^\/(history|incidents\/[^/]+|services\/[^/]+|subscribe)(\?|$)/;
    const twins = keys.filter((key) => key.startsWith("/ja") && page.test(key.slice(3) || "/"));
    expect(twins).toEqual(keys.filter((key) => !key.startsWith("/ja") && page.test(key)).map((key) => (key === "/" ? "/ja" : `/ja${key}`)));
    for (const key of ["/ja/history", "/ja/history?month=2011-03", "/ja/incidents/cm0incident1", "/ja/services/forums", "/ja/subscribe"]) {
      expect(keys[keys.indexOf(key) - 1], key).toBe(key.slice(3));
    }
    expect(keys.at(-1)).toBe("/ja/subscribe");
    // Beside the pages: the page's own feeds, badge and calendar, and the API's two most read answers.
    expect(keys.filter((key) => (key.startsWith("/ja") && !twins.includes(key)) || key.includes("locale="))).toEqual([
      "/api/v2/summary.json?locale=ja",
      "/api/v2/status.json?locale=ja",
      "/ja/history.rss",
      "/ja/history.atom",
      "/ja/history.json",
      "/ja/badge.svg",
      "/ja/maintenance.ics",
    ]);
    // A service's own feeds in another language: rendered when read.
    expect(canonicalKey("/ja/services/forums/history.rss", routes)).toBe("/ja/services/forums/history.rss");
    expect(publicKeys(japanese)).toContain("/en/incidents/cm0incident1");
    expect(publicKeys(japanese).some((key) => key.startsWith("/ja"))).toBe(false);
  });

  it("serves every feed, badge and calendar in every language", () => {
    for (const url of ["/ja/history.rss", "/ja/history.atom?cb=1", "/ja/history.json", "/ja/badge.svg", "/ja/maintenance.ics", "/ja/services/forums/history.atom", "/ja/services/forums/badge.svg", "/ja/services/sega-pass-login/maintenance.ics"]) {
      expect(canonicalKey(url, routes), url).toBe(url.split("?")[0]);
    }
    expect(canonicalKey("/en/history.rss", routes)).toBe("/history.rss");
    expect(canonicalKey("/ja/history.rss", { ...routes, defaultLocale: "ja" })).toBe("/history.rss");
    expect(localeRewrite("/ja/history.rss")).toEqual({ locale: "ja", path: "/history.rss", twin: true });
    expect(localeRewrite("/ja/services/forums/badge.svg")).toEqual({ locale: "ja", path: "/services/forums/badge.svg", twin: true });
  });

  it("keeps the API's `locale` only for a language other than the default, so its keys stay few", () => {
    expect(canonicalKey("/api/v2/summary.json?locale=ja", routes)).toBe("/api/v2/summary.json?locale=ja");
    expect(canonicalKey("/api/v2/incidents.json?cb=2&locale=ja", routes)).toBe("/api/v2/incidents.json?locale=ja");
    for (const value of ["en", "fr", "JA", "ja-JP", "", "%E0%A4%A"]) expect(canonicalKey(`/api/v2/summary.json?locale=${value}`, routes), value).toBe("/api/v2/summary.json");
    expect(canonicalKey("/api/v2/summary.json?locale=ja", japanese)).toBe("/api/v2/summary.json");
    expect(canonicalKey("/api/v2/summary.json?locale=en", japanese)).toBe("/api/v2/summary.json?locale=en");
    // Still one API, in one place: no prefixed addresses.
    expect(canonicalKey("/ja/api/v2/summary.json?locale=ja", routes)).toBe(NOT_FOUND_KEYS.api);
    expect(canonicalKey("/api/v1/openapi.json?locale=ja", routes)).toBe("/api/v1/openapi.json");
  });

  it("tells Next where to render a prefixed address", () => {
    expect(localeRewrite("/")).toBeNull();
    expect(localeRewrite("/history")).toBeNull();
    expect(localeRewrite("/ja")).toEqual({ locale: "ja", path: "/", twin: true });
    expect(localeRewrite("/en")).toEqual({ locale: "en", path: "/", twin: true });
    expect(localeRewrite("/ja/history")).toEqual({ locale: "ja", path: "/history", twin: true });
    expect(localeRewrite("/ja/history?month=2011-03")).toEqual({ locale: "ja", path: "/history?month=2011-03", twin: true });
    expect(localeRewrite("/ja/incidents/cm0incident1")).toEqual({ locale: "ja", path: "/incidents/cm0incident1", twin: true });
    expect(localeRewrite("/ja/subscribe")).toEqual({ locale: "ja", path: "/subscribe", twin: true });
    expect(localeRewrite("/ja/nope")).toEqual({ locale: "ja", path: "/__herald/not-found", twin: false });
    // Personal pages are Next's alone, in every language, and so is what their forms post to.
    expect(localeRewrite("/ja/subscriptions/manage")).toEqual({ locale: "ja", path: "/subscriptions/manage", twin: true });
    expect(localeRewrite("/ja/subscriptions/unsubscribe")).toEqual({ locale: "ja", path: "/subscriptions/unsubscribe", twin: true });
    expect(localeRewrite("/ja/subscriptions/channel/confirm")).toEqual({ locale: "ja", path: "/subscriptions/channel/confirm", twin: true });
    expect(localeRewrite("/ja/subscriptions/nothing")).toEqual({ locale: "ja", path: "/__herald/not-found", twin: false });
    expect(localeRewrite("/ja/__herald/not-found")).toEqual({ locale: "ja", path: "/__herald/not-found", twin: false });
    expect(localeRewrite("/ja/api/v2/summary.json")).toEqual({ locale: "ja", path: NOT_FOUND_KEYS.api, twin: false });
  });

  it("links within a language where a twin exists, and switches to the same page or the other language's home", () => {
    expect(localizedLink("/", "ja", "en")).toBe("/ja");
    expect(localizedLink("/history", "ja", "en")).toBe("/ja/history");
    expect(localizedLink("/history?month=2011-03", "ja", "en")).toBe("/ja/history?month=2011-03");
    expect(localizedLink("/incidents/cm0incident1#update-1", "ja", "en")).toBe("/ja/incidents/cm0incident1#update-1");
    expect(localizedLink("/subscribe", "ja", "en")).toBe("/ja/subscribe");
    expect(localizedLink("/history.rss", "ja", "en")).toBe("/ja/history.rss");
    // The API has no twin (it takes ?locale=): the one address.
    expect(localizedLink("/api/v2/summary.json", "ja", "en")).toBe("/api/v2/summary.json");
    expect(localizedLink("/subscriptions/manage?token=a.0.b&confirmed=1", "ja", "en")).toBe("/ja/subscriptions/manage?token=a.0.b&confirmed=1");
    expect(localizedLink("/subscriptions/unsubscribed", "en", "en")).toBe("/subscriptions/unsubscribed");
    expect(localizedLink("/history", "en", "en")).toBe("/history");
    expect(localizedLink("/", "en", "en")).toBe("/");
    expect(switchLink("/", "ja", "en")).toBe("/ja");
    expect(switchLink("/?utm_source=x", "ja", "en")).toBe("/ja");
    expect(switchLink("/", "en", "en")).toBe("/");
    expect(switchLink("/history?month=2011-03", "ja", "en")).toBe("/ja/history?month=2011-03");
    expect(switchLink("/history?month=2011-03&utm_source=x", "ja", "en")).toBe("/ja/history?month=2011-03");
    expect(switchLink("/services/forums", "ja", "en")).toBe("/ja/services/forums");
    expect(switchLink("/history", "en", "en")).toBe("/history");
    expect(switchLink("/subscriptions/manage?token=a.0.b", "ja", "en")).toBe("/ja/subscriptions/manage?token=a.0.b");
    expect(switchLink("/__herald/not-found", "en", "ja")).toBe("/en");
  });

  it("says which language a key's response is in", () => {
    expect(keyLocale("/ja", routes)).toBe("ja");
    expect(keyLocale("/", routes)).toBe("en");
    expect(keyLocale("/", japanese)).toBe("ja");
    expect(keyLocale("/", null)).toBe("en");
  });
});

describe("PUBLIC_ROUTES", () => {
  const root = path.resolve(import.meta.dirname, "..", "app");

  /** The URL patterns of every page and route handler under `dir`, route groups left out. */
  function routesOnDisk(dir: string, prefix: string[] = []): string[] {
    const found: string[] = [];
    for (const entry of readdirSync(path.join(root, dir, ...prefix), { withFileTypes: true })) {
      if (entry.isDirectory()) found.push(...routesOnDisk(dir, [...prefix, entry.name]));
      else if (/^(page|route)\.tsx?$/.test(entry.name)) {
        const segments = [...dir.split("/"), ...prefix].filter((segment) => !/^\(.*\)$/.test(segment)).map((segment) => segment.replace(/^\[(\w+)\]$/, ":$1"));
        found.push(`/${segments.join("/")}`);
      }
    }
    return found;
  }

  it("holds every public page, feed and API route in app/, and no other", () => {
    const onDisk = [...routesOnDisk("(public)"), ...routesOnDisk("(feeds)"), ...routesOnDisk("api/v2"), ...routesOnDisk("api/v1")];
    // Pages reached by personal links (tokens) and the keyed write API are answered by Next, never kept.
    const personal = (route: string) => route.startsWith("/subscriptions/") || route.startsWith("/api/v1/pages/") || route.startsWith("/api/v1/integrations/");
    const kept = onDisk.filter((route) => !personal(route));
    expect(kept.length).toBeGreaterThan(15);
    expect(PUBLIC_ROUTES.map((route) => route.path).sort()).toEqual(kept.sort());
    expect(onDisk.filter(personal).length).toBeGreaterThan(5);
    for (const route of onDisk.filter(personal)) expect(isFrontRead("GET", route), route).toBe(false);
  });
});

describe("publicKeys", () => {
  it("names every public URL once, each its own canonical key, in the order a re-render goes", () => {
    const keys = publicKeys(routes);
    expect(new Set(keys).size).toBe(keys.length);
    for (const key of keys) expect(canonicalKey(key, routes), key).toBe(key);
    // Each twin followed by its copies in the other languages.
    expect(keys.slice(0, 6)).toEqual(["/", "/ja", "/api/v2/summary.json", "/api/v2/summary.json?locale=ja", "/api/v2/status.json", "/api/v2/status.json?locale=ja"]);
    // Every route in the table, with each id, slug and month it takes.
    for (const route of PUBLIC_ROUTES) expect(keys.some((key) => key.split("?")[0] === route.path || route.path.includes(":")), route.path).toBe(true);
    for (const id of routes.incidents) expect(keys).toContain(`/incidents/${id}`);
    for (const slug of routes.services) {
      for (const suffix of ["", "/history.rss", "/history.atom", "/history.json", "/badge.svg", "/maintenance.ics"]) expect(keys).toContain(`/services/${slug}${suffix}`);
    }
    expect(keys).toContain("/maintenance.ics");
    const months = keys.filter((key) => key.startsWith("/history?month="));
    // The pages "Older" leads to from /history (2011-06, -05, -04), three months each, back to the first incident (2009-04).
    expect(months).toEqual(["2011-03", "2010-12", "2010-09", "2010-06", "2010-03", "2009-12", "2009-09", "2009-06"].map((month) => `/history?month=${month}`));
    expect(keys.indexOf("/incidents/cm0incident1")).toBeLessThan(keys.indexOf("/services/forums"));
    expect(keys.slice(-2)).toEqual(["/subscribe", "/ja/subscribe"]);
  });

  it("holds the most recent incidents only, up to a bound", () => {
    const many: PublicRoutes = { ...routes, incidents: new Set(Array.from({ length: 50 }, (_, index) => `cm${49 - index}`)) };
    const incidents = publicKeys(many, 10).filter((key) => key.startsWith("/incidents/"));
    expect(incidents).toEqual(Array.from({ length: 10 }, (_, index) => `/incidents/cm${49 - index}`));
  });

  it("has no older history pages before any incident is published", () => {
    const empty: PublicRoutes = { incidents: new Set(), services: new Set(), earliestMonth: null, currentMonth: "2011-06", defaultLocale: "en" };
    expect(publicKeys(empty).filter((key) => /^\/history(\?|$)/.test(key))).toEqual(["/history"]);
    // The first incident this month or last: /history shows it, no older page.
    expect(publicKeys({ ...empty, earliestMonth: "2011-05" }).filter((key) => /^\/history(\?|$)/.test(key))).toEqual(["/history"]);
    expect(publicKeys({ ...empty, earliestMonth: "2011-03" }).filter((key) => /^\/history(\?|$)/.test(key))).toEqual(["/history", "/history?month=2011-03"]);
  });
});

describe("isFrontRead", () => {
  it("answers public GETs from memory, whatever the headers", () => {
    expect(isFrontRead("GET", "/")).toBe(true);
    expect(isFrontRead("HEAD", "/incidents/abc")).toBe(true);
    expect(isFrontRead("GET", "/history?month=2011-06")).toBe(true);
    expect(isFrontRead("GET", "/api/v2/summary.json")).toBe(true);
    // Unknown paths too: they share one cached 404.
    expect(isFrontRead("GET", "/administrators-guide")).toBe(true);
    expect(isFrontRead("GET", "/subscribe")).toBe(true);
  });

  it("leaves assets, the console, personal links, health checks and writes to Next", () => {
    expect(isFrontRead("GET", "/_next/static/chunks/a.js")).toBe(false);
    expect(isFrontRead("GET", "/admin")).toBe(false);
    expect(isFrontRead("GET", "/admin/incidents/new")).toBe(false);
    expect(isFrontRead("GET", "/api/health")).toBe(false);
    expect(isFrontRead("GET", "/api/health?x=1")).toBe(false);
    expect(isFrontRead("POST", "/")).toBe(false);
    expect(isFrontRead("POST", "/subscribe")).toBe(false);
    expect(isFrontRead("GET", "/subscriptions/manage?token=abc.0.sig")).toBe(false);
    expect(isFrontRead("GET", "/subscriptions/confirm?token=abc.1.sig")).toBe(false);
  });

  it("applies the same rules in every language: a personal link is never kept as a 404", () => {
    expect(isFrontRead("GET", "/ja")).toBe(true);
    expect(isFrontRead("GET", "/ja/history?month=2011-06")).toBe(true);
    expect(isFrontRead("GET", "/ja/subscribe")).toBe(true);
    expect(isFrontRead("POST", "/ja/subscribe")).toBe(false);
    expect(isFrontRead("GET", "/ja/subscriptions/manage?token=abc.0.sig")).toBe(false);
    expect(isFrontRead("GET", "/ja/subscriptions/unsubscribed")).toBe(false);
    expect(isFrontRead("GET", "/ja/subscriptions/channel?token=abc.0.sig")).toBe(false);
    expect(isFrontRead("GET", "/en/subscriptions/confirm?token=abc.1.sig")).toBe(false);
    expect(isFrontRead("GET", "/ja/admin")).toBe(false);
    expect(isFrontRead("GET", "/ja/api/health")).toBe(false);
  });
});

describe("isSnapshotPath", () => {
  it("keeps pages on disk, but not the subscribe form, whose action ids a rebuild changes", () => {
    expect(isSnapshotPath("/")).toBe(true);
    expect(isSnapshotPath("/history.rss")).toBe(true);
    expect(isSnapshotPath("/subscribe")).toBe(false);
    expect(isSnapshotPath("/subscribe?from=header")).toBe(false);
    expect(isSnapshotPath("/ja/subscribe")).toBe(false);
    expect(isSnapshotPath("/ja/subscribe?from=header")).toBe(false);
    expect(isSnapshotPath("/ja/history?month=2011-03")).toBe(true);
    expect(isSnapshotPath("/ja")).toBe(true);
  });
});

describe("isClientOnlyErrorShell", () => {
  it("spots Next's empty not-found shell", () => {
    expect(isClientOnlyErrorShell(404, '<!DOCTYPE html><html id="__next_error__"><head>')).toBe(true);
    expect(isClientOnlyErrorShell(404, '<!DOCTYPE html><html lang="en"><body><h1>Page not found</h1>')).toBe(false);
    expect(isClientOnlyErrorShell(200, '<html id="__next_error__"')).toBe(false);
  });
});

describe("stripScripts", () => {
  it("removes Next's runtime, flight data and script preloads", () => {
    const html =
      '<html><head><link rel="stylesheet" href="/a.css"/><link rel="preload" as="script" fetchPriority="low" href="/x.js"/>' +
      '<script src="/x.js" async=""></script></head><body><main id="main">Hi</main>' +
      '<script>(self.__next_f=self.__next_f||[]).push([0])</script><script nonce="n">self.__next_f.push([1,"\\u003c/script\\u003e"])</script></body></html>';
    expect(stripScripts(html)).toBe('<html><head><link rel="stylesheet" href="/a.css"/></head><body><main id="main">Hi</main></body></html>');
  });

  it("drops the per-render nonce, so a page's bytes and ETag depend on its content alone", () => {
    // Text as React writes it: quotes escaped.
    const render = (nonce: string) => stripScripts(`<html><head><link rel="stylesheet" href="/a.css" nonce="${nonce}"/></head><body><p>a nonce=&quot;x&quot;</p></body></html>`);
    expect(render("abc")).toBe(render("def"));
    expect(render("abc")).toBe('<html><head><link rel="stylesheet" href="/a.css"/></head><body><p>a nonce=&quot;x&quot;</p></body></html>');
  });

  it("refuses to half-strip", () => {
    expect(stripScripts("<script>never closed")).toBeNull();
  });
});

describe("markStale in another language", () => {
  it("speaks the page's language", () => {
    const html = markStale('<html lang="ja"><body><main id="main"><h1>稼働状況</h1></main></body></html>', new Date("2011-06-17T18:30:00Z"));
    expect(html).toContain('>このページは最新ではない可能性があります。現在データベースに接続できないため、<time datetime="2011-06-17T18:30:00.000Z">2011年6月17日 18:30 (UTC)</time>時点の内容を表示しています。');
    expect(markStale('<html lang="en"><body><main id="main"></main></body></html>', new Date("2011-06-17T18:30:00Z"))).toContain(
      'This page may be out of date: we cannot reach our database right now, so you are seeing it as it was at <time datetime="2011-06-17T18:30:00.000Z">17 June 2011 at 18:30 UTC</time>.',
    );
  });
});

describe("markStale", () => {
  it("puts a notice at the top of the main content", () => {
    const html = markStale('<body><main id="main" class="x"><h1>Status</h1></main></body>', new Date("2011-06-17T18:30:00Z"));
    expect(html).toMatch(/^<body><main id="main" class="x"><p role="status"[^>]*>This page may be out of date/);
    expect(html).toContain('<time datetime="2011-06-17T18:30:00.000Z">');
  });
});

describe("isFormPost", () => {
  it("knows a server action sent by the router or by a browser without JavaScript", () => {
    expect(isFormPost("POST", "/subscribe", { "next-action": "60d7" })).toBe(true);
    expect(isFormPost("POST", "/admin", { "content-type": "multipart/form-data; boundary=x" })).toBe(true);
    expect(isFormPost("POST", "/subscribe", { "content-type": "application/x-www-form-urlencoded" })).toBe(true);
  });

  it("leaves reads and the API alone", () => {
    expect(isFormPost("GET", "/subscribe", { "next-action": "60d7" })).toBe(false);
    expect(isFormPost("POST", "/api/v1/pages/x/incidents", { "content-type": "application/x-www-form-urlencoded" })).toBe(false);
    expect(isFormPost("POST", "/subscriptions/unsubscribe", { "content-type": "text/plain" })).toBe(false);
  });
});
