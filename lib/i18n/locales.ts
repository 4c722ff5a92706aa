// The languages Herald speaks. Adding one: its catalog in lib/i18n/messages/<code>.json
// (a copy of en.json, translated), the code here, its formatting tag below, and the
// catalog's import in lib/i18n/catalogs.ts; the type check and lib/i18n/catalogs.test.ts
// say what is missing.

export const LOCALES = ["en", "ja"] as const;
export type Locale = (typeof LOCALES)[number];

/** The language a new page starts with (PageSettings.defaultLocale's default). */
export const DEFAULT_LOCALE: Locale = "en";

/**
 * The tag dates, numbers and lists are formatted with: British English writes
 * "17 June 2011 at 14:05 BST", as Herald always has.
 */
export const FORMAT_LOCALE: Record<Locale, string> = {
  en: "en-GB",
  ja: "ja-JP",
};

/** "A, B and C", "A、B、C": names listed the way `locale` lists them in a sentence. */
export function formatList(items: string[], locale: Locale): string {
  return new Intl.ListFormat(FORMAT_LOCALE[locale], { type: "conjunction" }).format(items);
}

export function isLocale(value: unknown): value is Locale {
  return typeof value === "string" && (LOCALES as readonly string[]).includes(value);
}

/** A stored or given language, or the default one when it is not (any longer) one Herald speaks. */
export function localeOr(value: unknown, fallback: Locale = DEFAULT_LOCALE): Locale {
  return isLocale(value) ? value : fallback;
}
