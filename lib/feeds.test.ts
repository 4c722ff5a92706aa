import { describe, expect, it } from "vitest";
import { buildAtom, buildJsonFeed, buildRss, entryHtml, entryId, type FeedChannel, type FeedEntry } from "@/lib/feeds";

const channel: FeedChannel = {
  title: "Status & <news>",
  description: "Updates",
  siteUrl: "https://status.example.com",
  feedBase: "https://status.example.com/history",
  language: "en",
  author: "Example",
  updatedAt: new Date("2011-06-17T18:30:00Z"),
};

const hostile: FeedEntry = {
  id: entryId("u1"),
  title: "Title ]]> with <script>alert(1)</script> & \u0007bell",
  url: "https://status.example.com/incidents/i1#update-u1",
  publishedAt: new Date("2011-06-16T09:00:00Z"),
  updatedAt: new Date("2011-06-17T09:00:00Z"),
  html: "<p>Body &amp; <strong>bold</strong></p>",
  text: "Body & bold",
  categories: ["Login & <Forums>"],
};

/** Title stored before the schemas dropped bidi controls: it would show as "….exe.txt" reversed. */
const forged: FeedEntry = {
  ...hostile,
  id: entryId("u2"),
  title: "Forged <img src=x onerror=alert(1)> \u202Eexe.txt",
  html: "<p>x</p>",
  text: "x",
  categories: ["\u2067API\u2069"],
};

/** An element's texts as an XML parser hands them to a reader: CDATA unwrapped, references decoded. */
function xmlTexts(xml: string, element: string): string[] {
  return [...xml.matchAll(new RegExp(`<${element}(?: [^>]*)?>([\\s\\S]*?)</${element}>`, "g"))].map(([, inner]) =>
    inner
      .split(/(<!\[CDATA\[[\s\S]*?\]\]>)/)
      .map((part) =>
        part.startsWith("<![CDATA[")
          ? part.slice(9, -3)
          : part
              .replace(/&#x([0-9a-f]+);/gi, (_, hex) => String.fromCodePoint(parseInt(hex, 16)))
              .replace(/&#(\d+);/g, (_, decimal) => String.fromCodePoint(Number(decimal)))
              .replace(/&(lt|gt|quot|apos|amp);/g, (_, name) => ({ lt: "<", gt: ">", quot: '"', apos: "'", amp: "&" })[name as "lt"]),
      )
      .join(""),
  );
}

describe("feed builders", () => {
  it("keep the bytes stable between builds of the same content", () => {
    expect(buildRss(channel, [hostile])).toBe(buildRss(channel, [hostile]));
    expect(buildRss(channel, [hostile])).toContain("<lastBuildDate>Fri, 17 Jun 2011 18:30:00 GMT</lastBuildDate>");
  });

  it("write titles and categories into RSS as text no reader can take for markup", () => {
    const rss = buildRss(channel, [hostile, forged]);
    expect(rss).toContain("<![CDATA[Title ]]\u203A with \u2039script\u203Aalert(1)\u2039/script\u203A & bell]]>");
    expect(rss).not.toContain("\u0007");
    expect(rss).toContain('<guid isPermaLink="false">urn:herald:update:u1</guid>');
    // What a reader gets once the XML is decoded: text without a single angle bracket.
    for (const element of ["title", "category"]) {
      const texts = xmlTexts(rss, element);
      expect(texts.length, element).toBeGreaterThan(0);
      for (const text of texts) expect(text, element).not.toMatch(/[<>\u202E]/);
    }
    expect(xmlTexts(rss, "title")).toEqual(["Status & \u2039news\u203A", "Title ]]\u203A with \u2039script\u203Aalert(1)\u2039/script\u203A & bell", "Forged \u2039img src=x onerror=alert(1)\u203A exe.txt"]);
    expect(xmlTexts(rss, "category")).toEqual(["Login & \u2039Forums\u203A", "API"]);
    // The body stays HTML, for readers to sanitise.
    expect(xmlTexts(rss, "description")[1]).toBe("<p>Body &amp; <strong>bold</strong></p>");
  });

  it("escape every text in Atom exactly once, and mark titles as text", () => {
    const atom = buildAtom(channel, [hostile, forged]);
    expect(atom).toContain('<title type="text">Status &amp; \u2039news\u203A</title>');
    expect(atom).toContain('<title type="text">Title ]]\u203A with \u2039script\u203Aalert(1)\u2039/script\u203A &amp; bell</title>');
    expect(atom).toContain('<title type="text">Forged \u2039img src=x onerror=alert(1)\u203A exe.txt</title>');
    expect(atom).toContain('<content type="html">&lt;p&gt;Body &amp;amp; &lt;strong&gt;bold&lt;/strong&gt;&lt;/p&gt;</content>');
    expect(atom).toContain('<category term="Login &amp; \u2039Forums\u203A"/>');
    for (const text of xmlTexts(atom, "title")) expect(text).not.toMatch(/[<>\u202E]/);
    // A correction moves `updated`; the id stays.
    expect(atom).toContain("<published>2011-06-16T09:00:00.000Z</published>");
    expect(atom).toContain("<updated>2011-06-17T09:00:00.000Z</updated>");
  });

  it("write JSON Feed 1.1", () => {
    const json = buildJsonFeed(channel, [hostile]);
    expect(json.version).toBe("https://jsonfeed.org/version/1.1");
    expect(json.feed_url).toBe("https://status.example.com/history.json");
    expect(json.items[0]).toMatchObject({ id: "urn:herald:update:u1", date_modified: "2011-06-17T09:00:00.000Z" });
  });

  it("write JSON Feed titles and tags as text without markup or bidi controls", () => {
    const json = buildJsonFeed(channel, [hostile, forged]);
    expect(json.title).toBe("Status & \u2039news\u203A");
    expect(json.items.map((item) => item.title)).toEqual(["Title ]]\u203A with \u2039script\u203Aalert(1)\u2039/script\u203A & bell", "Forged \u2039img src=x onerror=alert(1)\u203A exe.txt"]);
    expect(json.items.map((item) => item.tags)).toEqual([["Login & \u2039Forums\u203A"], ["API"]]);
    expect(json.items[1].content_html).toBe(forged.html);
  });

  it("carry the operator's links absolute, so a reader does not resolve them against the feed", () => {
    const body = "See [our advice](/incidents/abc#update-1), [status](history) and [others](https://example.org/).";
    const linked: FeedEntry = { ...hostile, html: entryHtml(body, channel.siteUrl), text: "" };
    const own = ['href="https://status.example.com/incidents/abc#update-1"', 'href="https://status.example.com/history"'];
    const others = 'href="https://example.org/" rel="nofollow noopener noreferrer ugc"';
    const bodies = [xmlTexts(buildRss(channel, [linked]), "description")[1], xmlTexts(buildAtom(channel, [linked]), "content")[0], buildJsonFeed(channel, [linked]).items[0].content_html];
    for (const html of bodies) {
      for (const href of own) expect(html).toContain(`${href}>`);
      expect(html).toContain(others);
      expect(html).not.toMatch(/href="(?!https:)/);
    }
  });
});
