import { describe, expect, it } from "vitest";
import { buildAtom, buildJsonFeed, buildRss, entryId, type FeedChannel, type FeedEntry } from "@/lib/feeds";

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

describe("feed builders", () => {
  it("keep the bytes stable between builds of the same content", () => {
    expect(buildRss(channel, [hostile])).toBe(buildRss(channel, [hostile]));
    expect(buildRss(channel, [hostile])).toContain("<lastBuildDate>Fri, 17 Jun 2011 18:30:00 GMT</lastBuildDate>");
  });

  it("escape titles in RSS, and never let one end its CDATA early", () => {
    const rss = buildRss(channel, [hostile]);
    expect(rss).toContain("<![CDATA[Title ]]]]><![CDATA[> with <script>alert(1)</script> & bell]]>");
    expect(rss).not.toContain("\u0007");
    expect(rss).toContain('<guid isPermaLink="false">urn:herald:update:u1</guid>');
  });

  it("escape every text in Atom exactly once", () => {
    const atom = buildAtom(channel, [hostile]);
    expect(atom).toContain("<title>Status &amp; &lt;news&gt;</title>");
    expect(atom).toContain("<title>Title ]]&gt; with &lt;script&gt;alert(1)&lt;/script&gt; &amp; bell</title>");
    expect(atom).toContain('<content type="html">&lt;p&gt;Body &amp;amp; &lt;strong&gt;bold&lt;/strong&gt;&lt;/p&gt;</content>');
    expect(atom).toContain('<category term="Login &amp; &lt;Forums&gt;"/>');
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
});
