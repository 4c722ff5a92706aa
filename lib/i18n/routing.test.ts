import { describe, expect, it } from "vitest";
import { AREA_HEADER, languageAlternates, LOCALE_HEADER, localizedPath, pageAlternates, prefixPath, requestLocale, splitLocale } from "@/lib/i18n/routing";

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

  it("keeps the console in its own language whatever the page's default", () => {
    expect(requestLocale({ headers: headers({ [AREA_HEADER]: "admin" }), defaultLocale: "ja" })).toBe("en");
  });
});
