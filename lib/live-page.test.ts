import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { stripScripts } from "@/lib/front";
import { addLiveScript, isLivePage, liveScriptHash } from "@/lib/live-page";

const sha256 = createHash("sha256").update("(() => {})();\n").digest("base64");

// What Next renders: its runtime, flight data and preloads around the page.
const rendered =
  '<!DOCTYPE html><html lang="en"><head><meta charSet="utf-8"/><link rel="stylesheet" href="/_next/static/css/a.css"/>' +
  '<link rel="preload" as="script" fetchPriority="low" href="/_next/static/chunks/webpack.js"/><script src="/_next/static/chunks/main.js" async=""></script>' +
  '<title>Sega Pass status</title></head><body><main id="main"><h1>Status</h1></main><div id="live-updates" aria-live="polite" aria-atomic="true"></div>' +
  '<script>(self.__next_f=self.__next_f||[]).push([0])</script><script nonce="n">self.__next_f.push([1,"<\\/script>"])</script></body></html>';

describe("the live script on a public page", () => {
  it("is the only script left: Next's are stripped first, then the front's own tag goes into the head", () => {
    const page = addLiveScript(stripScripts(rendered)!, sha256, 42);
    const scripts = page.match(/<script\b[^>]*>/gi);
    expect(scripts).toEqual([`<script src="/live.js?v=${sha256.slice(0, 16).replace(/\+/g, "-").replace(/\//g, "_")}" integrity="sha256-${sha256}" data-version="42" defer>`]);
    expect(page).toContain(`defer></script></head><body><main id="main">`);
    expect(page).not.toContain("__next_f");
    expect(page).not.toContain("_next/static/chunks");
  });

  it("names the hash the page's policy must allow, and nothing for a page without the tag", () => {
    expect(liveScriptHash(addLiveScript(stripScripts(rendered)!, sha256, 1))).toBe(sha256);
    expect(liveScriptHash(stripScripts(rendered)!)).toBeNull();
    // Text that merely mentions the tag is escaped by React, so it never counts.
    expect(liveScriptHash(`<p>&lt;script src="/live.js?v=1" integrity="sha256-${sha256}"</p>`)).toBeNull();
    // A page without a head is left alone rather than given a script in the wrong place.
    expect(addLiveScript("<p>fragment</p>", sha256, 1)).toBe("<p>fragment</p>");
  });

  it("goes on the pages readers keep open, not on the subscribe form or error pages", () => {
    expect(isLivePage("/", 200)).toBe(true);
    expect(isLivePage("/incidents/cm0a", 200)).toBe(true);
    expect(isLivePage("/history?month=2011-05", 200)).toBe(true);
    expect(isLivePage("/subscribe", 200)).toBe(false);
    expect(isLivePage("/ja", 200)).toBe(true);
    expect(isLivePage("/ja/subscribe", 200)).toBe(false);
    expect(isLivePage("/ja/history?month=2011-03", 200)).toBe(true);
    expect(isLivePage("/ja/incidents/cm0breach", 200)).toBe(true);
    expect(isLivePage("/ja/__herald/not-found", 404)).toBe(false);
    expect(isLivePage("/__herald/not-found", 404)).toBe(false);
    expect(isLivePage("/", 500)).toBe(false);
  });
});
