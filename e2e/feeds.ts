import { spawnSync } from "node:child_process";
import { parseFeed } from "feedsmith";

/** Parses a feed with Debian's python3-feedparser, the library behind many real readers. */
export function parseWithFeedparser(body: string) {
  const script = `
import feedparser, json, sys, calendar
d = feedparser.parse(sys.stdin.buffer.read())
def ts(t): return calendar.timegm(t) if t else None
print(json.dumps({
  "bozo": int(bool(d.bozo)), "bozo_exception": str(d.get("bozo_exception", "")), "version": d.version,
  "title": d.feed.get("title"), "link": d.feed.get("link"),
  "links": [{"rel": l.get("rel"), "href": l.get("href")} for l in d.feed.get("links", [])],
  "updated": ts(d.feed.get("updated_parsed")), "language": d.feed.get("language"),
  "author": d.feed.get("author"),
  "entries": [{"id": e.get("id"), "title": e.get("title"), "link": e.get("link"),
               "published": ts(e.get("published_parsed")), "updated": ts(e.get("updated_parsed")),
               "content": (e.get("content") or [{}])[0].get("value") or e.get("summary"),
               "tags": [t.get("term") for t in e.get("tags", [])]} for e in d.entries]}))
`;
  const result = spawnSync("/usr/bin/python3", ["-c", script], { input: body, encoding: "utf8" });
  if (result.status !== 0) throw new Error(`feedparser failed: ${result.stderr}`);
  return JSON.parse(result.stdout) as {
    bozo: number;
    bozo_exception: string;
    version: string;
    title: string;
    link: string;
    links: { rel: string; href: string }[];
    updated: number | null;
    language: string | null;
    author: string | null;
    entries: { id: string; title: string; link: string; published: number | null; updated: number | null; content: string; tags: string[] }[];
  };
}

export type ParsedFeed = ReturnType<typeof parseWithFeedparser>;

/**
 * JSON Feed through feedsmith (feedparser 6.0 predates JSON Feed), put in the same
 * shape as feedparser's answer so one test reads all three formats.
 */
export function parseJsonFeed(body: string): ParsedFeed {
  const raw = JSON.parse(body);
  const parsed = parseFeed(body);
  if (parsed.format !== "json") throw new Error(`feedsmith read this as ${parsed.format}, not JSON Feed`);
  const feed = parsed.feed;
  const seconds = (value?: string) => (value ? Math.floor(Date.parse(value) / 1000) : null);
  return {
    bozo: raw.version === "https://jsonfeed.org/version/1.1" ? 0 : 1,
    bozo_exception: "",
    version: "json11",
    title: feed.title ?? "",
    link: feed.home_page_url ?? "",
    links: [{ rel: "self", href: feed.feed_url ?? "" }],
    updated: null,
    language: feed.language ?? null,
    author: feed.authors?.[0]?.name ?? null,
    entries: (feed.items ?? []).map((item) => ({
      id: item.id ?? "",
      title: item.title ?? "",
      link: item.url ?? "",
      published: seconds(item.date_published),
      updated: seconds(item.date_modified),
      content: item.content_html ?? "",
      tags: item.tags ?? [],
    })),
  };
}

/** Both parsers for XML feeds: feedparser's view, after feedsmith has read it too. */
export function parseXmlFeed(body: string): ParsedFeed {
  const strict = parseFeed(body);
  if (strict.format !== "rss" && strict.format !== "atom") throw new Error(`feedsmith read this as ${strict.format}`);
  return parseWithFeedparser(body);
}

/** xmllint, libxml2's strict parser: fails on anything not well-formed. */
export function xmllint(body: string): { ok: boolean; errors: string } {
  const result = spawnSync("xmllint", ["--noout", "-"], { input: body, encoding: "utf8" });
  return { ok: result.status === 0, errors: result.stderr };
}
