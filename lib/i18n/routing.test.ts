import { describe, expect, it } from "vitest";
import { AREA_HEADER, consoleLocale, languageAlternates, LOCALE_HEADER, localizedPath, localizedUrl, pageAlternates, prefixPath, requestLocale, splitLocale } from "@/lib/i18n/routing";

describe("splitLocale", () => {
  it("takes a language code off the front of an address, with the rest as it was", () => {
    expect(splitLocale("/ja")).toEqual({ locale: "ja", rest: "/" });
    expect(splitLocale("/ja/")).toEqual({ locale: "ja", rest: "/" });
    expect(splitLocale("/ja?month=2011-06")).toEqual({ locale: "ja", rest: "/?month=2011-06" });
    expect(splitLocale("/ja/history?month=2011-06")).toEqual({ locale: "ja", rest: "/history?month=2011-06" });
    expect(splitLocale("/en/incidents/cm0")).toEqual({ locale: "en", rest: "/incidents/cm0" });
  });

  it("leaves addresses that only look like one alone", () => {
    for (const url of ["/", "/japan", "/JA", "/history", "/ja-jp", "/jaa/x", "ja", "/incidents/ja"]) expect(splitLocale(url), url).toEqual({ locale: null, rest: url });
  });
});

describe("localizedPath", () => {
  it("keeps the default language's addresses plain and puts every other one under its code", () => {
    expect(localizedPath("/", "ja", "en")).toBe("/ja");
    expect(localizedPath("/", "en", "en")).toBe("/");
    expect(localizedPath("/history?month=2011-06", "ja", "en")).toBe("/ja/history?month=2011-06");
    // Japanese the default: English is the one with a prefix.
    expect(localizedPath("/", "en", "ja")).toBe("/en");
    expect(localizedPath("/", "ja", "ja")).toBe("/");
    expect(prefixPath("/?x=1", "ja")).toBe("/ja?x=1");
  });

  it("gives feeds and calendars absolute links in their language, the default home page bare", () => {
    expect(localizedUrl("https://status.example.com", "/", "en", "en")).toBe("https://status.example.com");
    expect(localizedUrl("https://status.example.com", "/", "ja", "en")).toBe("https://status.example.com/ja");
    expect(localizedUrl("https://status.example.com", "/incidents/cm0", "ja", "en")).toBe("https://status.example.com/ja/incidents/cm0");
    expect(localizedUrl("https://status.example.com", "/incidents/cm0", "en", "en")).toBe("https://status.example.com/incidents/cm0");
  });

  it("gives every language and x-default, absolute, for hreflang", () => {
    expect(languageAlternates("https://status.example.com", "/", "en")).toEqual({
      en: "https://status.example.com/",
      ja: "https://status.example.com/ja",
      "x-default": "https://status.example.com/",
    });
    expect(languageAlternates("https://status.example.com", "/", "ja")).toEqual({
      en: "https://status.example.com/en",
      ja: "https://status.example.com/",
      "x-default": "https://status.example.com/",
    });
  });

  it("names a page's canonical address in its own language, with its query, beside its twins", () => {
    expect(pageAlternates("https://s.example", "/history?month=2011-03", "ja", "en")).toEqual({
      canonical: "https://s.example/ja/history?month=2011-03",
      languages: { en: "https://s.example/history?month=2011-03", ja: "https://s.example/ja/history?month=2011-03", "x-default": "https://s.example/history?month=2011-03" },
    });
    expect(pageAlternates("https://s.example", "/incidents/x", "en", "en").canonical).toBe("https://s.example/incidents/x");
  });
});

describe("requestLocale", () => {
  const headers = (entries: Record<string, string> = {}) => new Headers(entries);

  it("is the address's language, else the page's default; never the browser's", () => {
    expect(requestLocale({ headers: headers({ [LOCALE_HEADER]: "ja" }), defaultLocale: "en" })).toBe("ja");
    expect(requestLocale({ headers: headers({ "accept-language": "ja" }), defaultLocale: "en" })).toBe("en");
    expect(requestLocale({ headers: headers(), defaultLocale: "ja" })).toBe("ja");
    // A language asked for by name wins (getTranslations({ locale })); an unknown one is ignored.
    expect(requestLocale({ explicit: "en", headers: headers({ [LOCALE_HEADER]: "ja" }), defaultLocale: "ja" })).toBe("en");
    expect(requestLocale({ explicit: "fr", headers: headers({ [LOCALE_HEADER]: "xx" }), defaultLocale: "ja" })).toBe("ja");
  });

  it("gives the console its person's language, and the page's default without one", () => {
    expect(requestLocale({ headers: headers({ [AREA_HEADER]: "admin" }), defaultLocale: "en", console: "ja" })).toBe("ja");
    expect(requestLocale({ headers: headers({ [AREA_HEADER]: "admin" }), defaultLocale: "ja" })).toBe("ja");
    // A public page never takes the console's language.
    expect(requestLocale({ headers: headers(), defaultLocale: "en", console: "ja" })).toBe("en");
  });
});

describe("consoleLocale", () => {
  it("is the signed-in person's choice, whatever their browser asks for", () => {
    expect(consoleLocale("ja", "en-GB,en", "en")).toBe("ja");
    expect(consoleLocale("en", "ja", "ja")).toBe("en");
  });

  it("follows the browser until they choose, among the languages Herald speaks", () => {
    expect(consoleLocale(null, "ja-JP,ja;q=0.9,en;q=0.8", "en")).toBe("ja");
    expect(consoleLocale(undefined, "en;q=0.1, ja-jp;q=0.5", "en")).toBe("ja");
    expect(consoleLocale(null, "en-US,en;q=0.9", "ja")).toBe("en");
    // None Herald speaks, any, or none at all: the page's default.
    expect(consoleLocale(null, "fr-FR, de", "ja")).toBe("ja");
    expect(consoleLocale(null, "*", "ja")).toBe("ja");
    expect(consoleLocale(null, null, "en")).toBe("en");
  });
});
