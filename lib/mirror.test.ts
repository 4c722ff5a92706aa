import { describe, expect, it } from "vitest";
import { NOT_FOUND_KEYS, publicKeys } from "@/lib/front";
import { formatManifest, isMirrorPath, MIRROR_MANIFEST, mirrorFile, mirrorPage, mirrorPlan, mirrorStylesheet, parseManifest, relativeLink, type MirrorSite } from "@/lib/mirror";

const LIVE = "https://status.example.com";

const site: MirrorSite = {
  publicUrl: LIVE,
  keys: new Set(["/", "/history", "/history?month=2011-03", "/incidents/cm0breach", "/services/forums", "/history.rss", "/api/v2/summary.json", "/services/forums/badge.svg", NOT_FOUND_KEYS.page]),
  publicFiles: new Set(["/favicon.ico", "/icon.svg", "/manifest.webmanifest"]),
};

describe("mirrorFile", () => {
  it("makes every page a folder's index.html, and keeps the names of feeds, the API and badges", () => {
    expect(mirrorFile("/")).toBe("index.html");
    expect(mirrorFile("/history")).toBe("history/index.html");
    expect(mirrorFile("/history?month=2011-06")).toBe("history/2011-06/index.html");
    expect(mirrorFile("/incidents/cm0breach")).toBe("incidents/cm0breach/index.html");
    expect(mirrorFile("/services/sega-pass-login")).toBe("services/sega-pass-login/index.html");
    expect(mirrorFile("/history.rss")).toBe("history.rss");
    expect(mirrorFile("/history.atom")).toBe("history.atom");
    expect(mirrorFile("/history.json")).toBe("history.json");
    expect(mirrorFile("/badge.svg")).toBe("badge.svg");
    expect(mirrorFile("/api/v2/summary.json")).toBe("api/v2/summary.json");
    expect(mirrorFile("/api/v2/incidents/unresolved.json")).toBe("api/v2/incidents/unresolved.json");
    expect(mirrorFile("/services/forums/history.atom")).toBe("services/forums/history.atom");
    expect(mirrorFile("/services/forums/badge.svg")).toBe("services/forums/badge.svg");
    expect(mirrorFile("/maintenance.ics")).toBe("maintenance.ics");
    expect(mirrorFile("/services/forums/maintenance.ics")).toBe("services/forums/maintenance.ics");
    expect(mirrorFile(NOT_FOUND_KEYS.page)).toBe("404.html");
  });

  it("gives every key of the public site its own file, but the subscribe form", () => {
    const keys = publicKeys({ incidents: new Set(["cm0a", "cm0b"]), services: new Set(["forums", "payments"]), earliestMonth: "2011-06", currentMonth: "2011-06", defaultLocale: "en" });
    const files = keys.map(mirrorFile);
    // The subscribe form in each language.
    expect(files.filter((file) => file === null)).toHaveLength(2);
    expect(mirrorFile("/subscribe")).toBeNull();
    expect(new Set(files).size).toBe(keys.length - 1);
  });

  it("puts another language's twin in that language's folder, and keeps the one 404.html the default language's", () => {
    expect(mirrorFile("/ja")).toBe("ja/index.html");
    expect(mirrorFile("/ja/__herald/not-found")).toBeNull();
    expect(mirrorFile("/ja/subscribe")).toBeNull();
    expect(mirrorFile("/ja/")).toBeNull();
    const keys = publicKeys({ incidents: new Set(["cm0a"]), services: new Set(["forums"]), earliestMonth: "2011-06", currentMonth: "2011-06", defaultLocale: "en" });
    expect(keys.map(mirrorFile)).toEqual(expect.arrayContaining(["ja/index.html", "ja/history/index.html", "ja/incidents/cm0a/index.html", "ja/services/forums/index.html"]));
    expect(mirrorFile("/ja/history?month=2011-03")).toBe("ja/history/2011-03/index.html");
    // Japanese the default: English is the twin in its folder.
    expect(publicKeys({ incidents: new Set(), services: new Set(), earliestMonth: null, currentMonth: "2011-06", defaultLocale: "ja" }).map(mirrorFile)).toContain("en/index.html");
  });

  it("links the two languages' home pages to each other", () => {
    const both: MirrorSite = { ...site, keys: new Set([...site.keys, "/ja"]) };
    expect(mirrorPage(page('<a href="/" hreflang="en">English</a><a href="/history">履歴</a>'), "/ja", both)!.html).toContain('<a href="../index.html" hreflang="en">English</a><a href="../history/index.html">履歴</a>');
    expect(mirrorPage(page('<a href="/ja" hreflang="ja">日本語</a>'), "/", both)!.html).toContain('<a href="ja/index.html" hreflang="ja">日本語</a>');
    const twins: MirrorSite = { ...both, keys: new Set([...both.keys, "/ja/history", "/ja/incidents/cm0breach"]) };
    expect(mirrorPage(page('<a href="/ja/incidents/cm0breach">障害</a><a href="/incidents/cm0breach" hreflang="en">English</a>'), "/ja/history", twins)!.html).toContain(
      '<a href="../incidents/cm0breach/index.html">障害</a><a href="../../incidents/cm0breach/index.html" hreflang="en">English</a>',
    );
  });

  it("has no file for what is not a canonical public key, nor for the JSON and badge 404s", () => {
    for (const key of ["/admin", "/subscriptions/manage?token=x", "/history?month=2011-06&x=1", "/incidents/cm0breach?cb=1", "/history/", "/unknown", NOT_FOUND_KEYS.api, NOT_FOUND_KEYS.service]) {
      expect(mirrorFile(key), key).toBeNull();
    }
  });

  it("never names a file outside its folder, whatever an id or slug decodes to", () => {
    for (const key of ["/incidents/..", "/incidents/%2E%2E", "/incidents/.", "/services/a%2Fb", "/services/..%2F..%2Fetc", "/services/a%5Cb", "/incidents/a%00b", "/incidents/a%0Ab", "/services/c%3A", "/services/%E0%A4%A"]) {
      expect(mirrorFile(key), key).toBeNull();
    }
    expect(mirrorFile("/services/..%2F..%2Fetc/badge.svg")).toBeNull();
    // A name that is merely unusual is fine, and decoded.
    expect(mirrorFile("/incidents/caf%C3%A9")).toBe("incidents/café/index.html");
  });
});

describe("isMirrorPath", () => {
  it("accepts relative paths inside the mirror only", () => {
    expect(isMirrorPath("incidents/x/index.html")).toBe(true);
    expect(isMirrorPath("_next/static/chunks/[root]_x.css")).toBe(true);
    for (const file of ["../x", "a/../../x", "/etc/passwd", "a//b", "", "a/./b", "C:\\x", "a\u0000b", MIRROR_MANIFEST]) expect(isMirrorPath(file), file).toBe(false);
  });
});

describe("relativeLink", () => {
  it("goes up from the page's folder and names the file", () => {
    expect(relativeLink("index.html", "history/2011-06/index.html")).toBe("history/2011-06/index.html");
    expect(relativeLink("incidents/x/index.html", "history/2011-06/index.html")).toBe("../../history/2011-06/index.html");
    expect(relativeLink("history/index.html", "history/2011-06/index.html")).toBe("2011-06/index.html");
    expect(relativeLink("history/2011-06/index.html", "history/index.html")).toBe("../index.html");
    expect(relativeLink("services/forums/index.html", "services/forums/badge.svg")).toBe("badge.svg");
    expect(relativeLink("incidents/x/index.html", "index.html")).toBe("../../index.html");
  });

  it("encodes names and keeps a fragment, alone within the same file", () => {
    expect(relativeLink("index.html", "incidents/café/index.html", "#update-1")).toBe("incidents/caf%C3%A9/index.html#update-1");
    expect(relativeLink("incidents/x/index.html", "incidents/x/index.html", "#update-1")).toBe("#update-1");
    expect(relativeLink("incidents/x/index.html", "incidents/x/index.html")).toBe("index.html");
  });
});

/** A page the way Next renders one, after the front stripped Next's scripts and added the live one. */
const page = (body: string) =>
  '<!DOCTYPE html><html lang="en"><head><meta charSet="utf-8"/>' +
  '<link rel="stylesheet" href="/_next/static/chunks/0a1b2c._.css" nonce="OWNlZWZl" data-precedence="next"/>' +
  '<link rel="preload" href="/_next/static/media/font-s.p.woff2" as="font" crossorigin="" type="font/woff2"/>' +
  '<title>Status</title><link rel="canonical" href="https://status.example.com/incidents/cm0breach"/>' +
  '<link rel="alternate" type="application/rss+xml" title="Status (RSS)" href="https://status.example.com/history.rss"/>' +
  '<link rel="icon" href="/favicon.ico" sizes="32x32"/><link rel="manifest" href="/manifest.webmanifest"/>' +
  '<script src="/live.js?v=abc" integrity="sha256-x" data-version="3" defer=""></script></head>' +
  `<body><a href="#main">Skip</a><main id="main">${body}</main></body></html>`;

describe("mirrorPage", () => {
  const links = (html: string) => [...html.matchAll(/(?:href|src|action)="([^"]*)"/g)].map((match) => match[1]);

  it("makes links to what the mirror holds relative to the page, naming index.html", () => {
    const mirrored = mirrorPage(
      page(
        '<a href="/">Home</a><a href="/history">History</a><a href="/history?month=2011-03">← Older</a>' +
          '<a href="/incidents/cm0breach#update-u1">16 June</a><a href="/services/forums">Forums</a>' +
          '<img src="/services/forums/badge.svg" alt=""/><a href="/api/v2/summary.json">API</a><a href="/history.rss">RSS</a>',
      ),
      "/services/forums",
      site,
    )!;
    expect(links(mirrored.html)).toEqual([
      "../../_next/static/chunks/0a1b2c._.css",
      "../../_next/static/media/font-s.p.woff2",
      "https://status.example.com/incidents/cm0breach",
      "../../history.rss",
      "../../favicon.ico",
      "../../manifest.webmanifest",
      "#main",
      "../../index.html",
      "../../history/index.html",
      "../../history/2011-03/index.html",
      "../../incidents/cm0breach/index.html#update-u1",
      "index.html",
      "badge.svg",
      "../../api/v2/summary.json",
      "../../history.rss",
    ]);
    expect(mirrored.assets).toEqual(["/_next/static/chunks/0a1b2c._.css", "/_next/static/media/font-s.p.woff2"]);
  });

  it("keeps the canonical link on the live site, and drops every script and nonce", () => {
    const { html } = mirrorPage(page(""), "/incidents/cm0breach", site)!;
    expect(html).toContain('<link rel="stylesheet" href="../../_next/static/chunks/0a1b2c._.css" data-precedence="next"/>');
    expect(html).toContain('<link rel="canonical" href="https://status.example.com/incidents/cm0breach"/>');
    expect(html).not.toMatch(/<script|live\.js/);
  });

  it("sends what the mirror cannot hold to the live site", () => {
    const { html } = mirrorPage(
      page(
        '<a href="/subscribe">Subscribe</a><a href="/admin">Console</a><a href="/subscriptions/manage?token=a&amp;b=c">Manage</a>' +
          '<a href="/incidents/cm0older">An incident not mirrored</a><a href="/history?month=1999-01">Long ago</a>' +
          '<form action="/subscribe" method="post"></form><form action="https://status.example.com/history"></form>',
      ),
      "/",
      site,
    )!;
    expect(links(html).slice(7)).toEqual([
      "https://status.example.com/subscribe",
      "https://status.example.com/admin",
      "https://status.example.com/subscriptions/manage?token=a&amp;b=c",
      "https://status.example.com/incidents/cm0older",
      "https://status.example.com/history?month=1999-01",
      "https://status.example.com/subscribe",
      "https://status.example.com/history",
    ]);
  });

  it("leaves links to other sites, fragments and other schemes alone", () => {
    const body =
      '<a href="https://www.sega.com/">Sega</a><a href="https://status.example.com.evil.test/">Lookalike</a><a href="//cdn.example.com/x.css">CDN</a>' +
      '<a href="mailto:help@example.com">Mail</a><a href="#update-1">Here</a><p>Text with href=&quot;/history&quot; in it</p>';
    const { html } = mirrorPage(page(body), "/", site)!;
    expect(html).toContain(body);
  });

  it("links from the not-found page from the mirror's root: it is served at any depth", () => {
    const { html } = mirrorPage(page('<a href="/">Home</a><a href="/history">History</a>'), NOT_FOUND_KEYS.page, site)!;
    expect(links(html)).toContain("/_next/static/chunks/0a1b2c._.css");
    expect(links(html)).toContain("/index.html");
    expect(links(html)).toContain("/history/index.html");
  });

  it("refuses a page with a script it cannot take out, and a key with no file", () => {
    expect(mirrorPage(page("<script>unclosed"), "/", site)).toBeNull();
    expect(mirrorPage(page(""), "/subscribe", site)).toBeNull();
  });
});

describe("mirrorStylesheet", () => {
  it("lists the files a stylesheet names and reaches root-relative ones relatively", () => {
    const css = '@font-face{src:url(../media/font.p.woff2) format("woff2")}.a{background:url("/_next/static/media/bg.svg")}.b{background:url(data:image/png;base64,AAA)}.c{background:url(https://example.com/x.png)}';
    const { css: rewritten, assets } = mirrorStylesheet(css, "/_next/static/chunks/app.css");
    expect(assets).toEqual(["/_next/static/media/font.p.woff2", "/_next/static/media/bg.svg"]);
    expect(rewritten).toContain("url(../media/font.p.woff2)");
    expect(rewritten).toContain('url("../media/bg.svg")');
    expect(rewritten).toContain("url(data:image/png;base64,AAA)");
    expect(rewritten).toContain("url(https://example.com/x.png)");
  });
});

describe("the manifest", () => {
  it("reads back what it wrote", () => {
    const files = new Map([
      ["index.html", "h1"],
      ["history.rss", "h2"],
    ]);
    expect(parseManifest(formatManifest(files))).toEqual(files);
  });

  it("is empty when missing, unreadable or not Herald's, and never lists a path outside the mirror", () => {
    expect(parseManifest(null).size).toBe(0);
    expect(parseManifest("{not json").size).toBe(0);
    expect(parseManifest('{"files":{"index.html":"x"}}').size).toBe(0);
    const parsed = parseManifest(JSON.stringify({ herald: "mirror", version: 1, files: { "../outside": "x", "/etc/passwd": "x", "a/../../b": "x", "index.html": "y", "badge.svg": 3 } }));
    expect([...parsed.keys()]).toEqual(["index.html"]);
  });
});

describe("mirrorPlan", () => {
  it("writes what changed, what pages need first and the home page last, then removes what went", () => {
    const previous = new Map([
      ["index.html", "old"],
      ["incidents/gone/index.html", "x"],
      ["history.rss", "same"],
      ["_next/static/chunks/old.css", "x"],
    ]);
    const next = new Map([
      ["index.html", "new"],
      ["404.html", "new"],
      ["history/index.html", "new"],
      ["incidents/new/index.html", "new"],
      ["history.rss", "same"],
      ["_next/static/chunks/new.css", "new"],
      ["api/v2/summary.json", "new"],
    ]);
    expect(mirrorPlan(previous, next)).toEqual({
      write: ["_next/static/chunks/new.css", "api/v2/summary.json", "incidents/new/index.html", "history/index.html", "404.html", "index.html"],
      remove: ["incidents/gone/index.html", "_next/static/chunks/old.css"],
    });
  });
});
