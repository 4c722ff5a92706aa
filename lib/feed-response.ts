import { buildAtom, buildJsonFeed, buildRss, type FeedChannel, type FeedEntry } from "@/lib/feeds";
import { publicResponse } from "@/lib/http-cache";
import { safeJson } from "@/lib/statuspage";

export type FeedFormat = "rss" | "atom" | "json";

const CONTENT_TYPES: Record<FeedFormat, string> = {
  rss: "application/rss+xml; charset=utf-8",
  atom: "application/atom+xml; charset=utf-8",
  json: "application/feed+json; charset=utf-8",
};

export function feedResponse(request: Request, format: FeedFormat, feed: { channel: FeedChannel; entries: FeedEntry[] }): Response {
  const body =
    format === "rss"
      ? buildRss(feed.channel, feed.entries)
      : format === "atom"
        ? buildAtom(feed.channel, feed.entries)
        : safeJson(buildJsonFeed(feed.channel, feed.entries));
  return publicResponse(request, body, { contentType: CONTENT_TYPES[format], lastModified: feed.channel.updatedAt });
}
