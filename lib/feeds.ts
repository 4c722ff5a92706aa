import RSS from "rss";
import { stripBidiControls } from "@/lib/bidi";
import type { LocalizedText } from "@/lib/i18n/incident-text";
import { markdownToText, renderMarkdown } from "@/lib/markdown";

// RSS 2.0 (built with the `rss` package), Atom 1.0 and JSON Feed 1.1 from one list
// of entries: one entry per published update and one per published postmortem, newest first.

export interface FeedEntry {
  /** Stable for the life of the update, even when it is corrected. */
  id: string;
  title: string;
  /** Absolute link to the update's anchor on its incident page. */
  url: string;
  publishedAt: Date;
  /** Moves when the update is corrected; equals publishedAt otherwise. */
  updatedAt: Date;
  /** Sanitised HTML. */
  html: string;
  text: string;
  categories: string[];
}

export interface FeedChannel {
  title: string;
  description: string;
  /** The page the feed belongs to (absolute). */
  siteUrl: string;
  /** This feed's own address (absolute), without extension: ".rss", ".atom", ".json" are added. */
  feedBase: string;
  language: string;
  author: string;
  /** When the feed's content last changed. */
  updatedAt: Date;
}

export const FEED_LIMIT = 50;

/** Characters XML 1.0 forbids even in CDATA. */
const INVALID_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

function xmlText(value: string): string {
  return value
    .replace(INVALID_XML, "")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;");
}

/**
 * Titles, names and tags as plain text that no reader can take for markup, even one
 * that renders an RSS title as HTML: < and > become the look-alikes ‹ and › (which no
 * Unicode normalisation turns back), and bidi controls go (lib/bidi.ts).
 */
export function feedText(value: string): string {
  return stripBidiControls(value).replace(INVALID_XML, "").replace(/</g, "\u2039").replace(/>/g, "\u203A");
}

/**
 * An update's body as an entry's HTML. A reader resolves a relative link against the
 * feed's own address, or not at all, so links to the page are made absolute here.
 */
export function entryHtml(body: string, siteUrl: string): string {
  return renderMarkdown(body, { url: siteUrl, absoluteLinks: true });
}

/**
 * Markdown an editor wrote, as an entry's HTML and text. Text a reader gets in another
 * language than the feed's (not translated yet) is marked with its language and follows
 * `note`, which says so in the feed's language.
 */
export function entryBody(body: LocalizedText, siteUrl: string, note: string): { html: string; text: string } {
  const html = entryHtml(body.text, siteUrl);
  const text = markdownToText(body.text);
  if (body.translated) return { html, text };
  return { html: `<p><em>${xmlText(note)}</em></p><div lang="${body.lang}">${html}</div>`, text: `${note}\n\n${text}` };
}

export function entryId(updateId: string): string {
  return `urn:herald:update:${updateId}`;
}

/** A postmortem's one entry: stable through its revisions, and never an update's id. */
export function postmortemEntryId(incidentId: string): string {
  return `urn:herald:incident:${incidentId}:postmortem`;
}

/**
 * An entry's HTML and text with the incident's pinned advice ahead of them, under
 * `heading` (in the feed's language) and set off, so a reader never takes it for part of
 * the update.
 */
export function withAdvice(entry: { html: string; text: string }, advice: { html: string; text: string } | null, heading: string): { html: string; text: string } {
  if (!advice) return entry;
  return {
    html: `<section><h2>${xmlText(heading)}</h2>${advice.html}</section><hr>${entry.html}`,
    text: `${heading}:\n${advice.text}\n\n---\n\n${entry.text}`,
  };
}

export function buildRss(channel: FeedChannel, entries: FeedEntry[]): string {
  const feed = new RSS({
    title: feedText(channel.title),
    description: feedText(channel.description),
    site_url: channel.siteUrl,
    feed_url: `${channel.feedBase}.rss`,
    language: channel.language,
    pubDate: channel.updatedAt,
    ttl: 1,
    generator: "Herald",
  });
  for (const entry of entries) {
    feed.item({
      title: feedText(entry.title),
      description: entry.html.replace(INVALID_XML, ""),
      url: entry.url,
      guid: entry.id,
      date: entry.publishedAt,
      categories: entry.categories.map(feedText),
    });
  }
  // The package stamps lastBuildDate with the current time; the content's own time
  // keeps the bytes, and so the ETag, stable between changes.
  return feed
    .xml({ indent: true })
    .replace(/<lastBuildDate>[^<]*<\/lastBuildDate>/, `<lastBuildDate>${channel.updatedAt.toUTCString()}</lastBuildDate>`);
}

export function buildAtom(channel: FeedChannel, entries: FeedEntry[]): string {
  const lines = [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="' + xmlText(channel.language) + '">',
    `  <id>${xmlText(`${channel.feedBase}.atom`)}</id>`,
    `  <title type="text">${xmlText(feedText(channel.title))}</title>`,
    `  <subtitle type="text">${xmlText(feedText(channel.description))}</subtitle>`,
    `  <updated>${channel.updatedAt.toISOString()}</updated>`,
    `  <link rel="self" type="application/atom+xml" href="${xmlText(`${channel.feedBase}.atom`)}"/>`,
    `  <link rel="alternate" type="text/html" href="${xmlText(channel.siteUrl)}"/>`,
    `  <author><name>${xmlText(feedText(channel.author))}</name></author>`,
    "  <generator>Herald</generator>",
  ];
  for (const entry of entries) {
    lines.push(
      "  <entry>",
      `    <id>${xmlText(entry.id)}</id>`,
      `    <title type="text">${xmlText(feedText(entry.title))}</title>`,
      `    <link rel="alternate" type="text/html" href="${xmlText(entry.url)}"/>`,
      `    <published>${entry.publishedAt.toISOString()}</published>`,
      `    <updated>${entry.updatedAt.toISOString()}</updated>`,
      ...entry.categories.map((category) => `    <category term="${xmlText(feedText(category))}"/>`),
      `    <content type="html">${xmlText(entry.html)}</content>`,
      "  </entry>",
    );
  }
  lines.push("</feed>", "");
  return lines.join("\n");
}

export function buildJsonFeed(channel: FeedChannel, entries: FeedEntry[]) {
  return {
    version: "https://jsonfeed.org/version/1.1",
    title: feedText(channel.title),
    home_page_url: channel.siteUrl,
    feed_url: `${channel.feedBase}.json`,
    description: feedText(channel.description),
    language: channel.language,
    authors: [{ name: feedText(channel.author) }],
    items: entries.map((entry) => ({
      id: entry.id,
      url: entry.url,
      title: feedText(entry.title),
      content_html: entry.html,
      content_text: entry.text,
      date_published: entry.publishedAt.toISOString(),
      date_modified: entry.updatedAt.toISOString(),
      tags: entry.categories.map(feedText),
    })),
  };
}
