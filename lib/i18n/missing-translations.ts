import type { Locale } from "@/lib/i18n/locales";

// What the console's "Translations" panel lists first: each text of an incident that has
// no translation yet, per language, in the order the page shows them.

export interface MissingTranslation {
  locale: Locale;
  /** The texts without a translation: "title", "advice", "postmortem", or an update's key. */
  keys: string[];
}

/** The languages with at least one untranslated text, and those texts. */
export function missingTranslations(languages: { locale: Locale; texts: { key: string; translation: string }[] }[]): MissingTranslation[] {
  return languages
    .map(({ locale, texts }) => ({ locale, keys: texts.filter((text) => !text.translation.trim()).map((text) => text.key) }))
    .filter((language) => language.keys.length > 0);
}
