import { describe, expect, it } from "vitest";
import { missingTranslations } from "@/lib/i18n/missing-translations";

describe("missingTranslations", () => {
  it("lists the untranslated texts per language, in order, and leaves out languages with none", () => {
    const languages = [
      { locale: "ja" as const, texts: [{ key: "title", translation: "ログイン障害" }, { key: "advice", translation: " " }, { key: "u2", translation: "" }, { key: "u1", translation: "調査中" }] },
      { locale: "en" as const, texts: [{ key: "title", translation: "Sign-in outage" }] },
    ];
    expect(missingTranslations(languages)).toEqual([{ locale: "ja", keys: ["advice", "u2"] }]);
  });
});
