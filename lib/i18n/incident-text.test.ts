import { describe, expect, it } from "vitest";
import { localizedText } from "@/lib/i18n/incident-text";

describe("localizedText", () => {
  it("gives the original to a reader of the source language, whatever translation exists", () => {
    expect(localizedText("Sign-in is down", "en", "ログインできません", "en")).toEqual({
      text: "Sign-in is down",
      lang: "en",
      translated: true,
    });
  });

  it("gives the translation to a reader of another language", () => {
    expect(localizedText("Sign-in is down", "en", "ログインできません", "ja")).toEqual({
      text: "ログインできません",
      lang: "ja",
      translated: true,
    });
  });

  it("falls back to the original, in its own language, when there is no translation", () => {
    const fallback = { text: "Sign-in is down", lang: "en", translated: false };
    expect(localizedText("Sign-in is down", "en", null, "ja")).toEqual(fallback);
    expect(localizedText("Sign-in is down", "en", undefined, "ja")).toEqual(fallback);
    expect(localizedText("Sign-in is down", "en", "", "ja")).toEqual(fallback);
  });

  it("works from Japanese originals too", () => {
    expect(localizedText("ログインできません", "ja", null, "en")).toEqual({
      text: "ログインできません",
      lang: "ja",
      translated: false,
    });
  });
});
