// Incident text (title, update bodies, advice, postmortem, service names) is written in one
// language, the incident's sourceLocale, and may be translated into the others. A reader
// gets their language where a translation exists and the original otherwise; `lang` says
// which language the text is in, so pages can mark fallback text with it and add a note.
import type { Locale } from "@/lib/i18n/locales";

export type LocalizedText = {
  text: string;
  /** The language `text` is written in. */
  lang: Locale;
  /** Whether the reader gets their own language (the original when it is theirs). */
  translated: boolean;
};

export function localizedText(
  original: string,
  sourceLocale: Locale,
  translation: string | null | undefined,
  locale: Locale,
): LocalizedText {
  if (locale !== sourceLocale && translation) return { text: translation, lang: locale, translated: true };
  return { text: original, lang: sourceLocale, translated: locale === sourceLocale };
}
