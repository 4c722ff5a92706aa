// Messages outside React (the front's own answers, formatted times), from the same
// catalogs and with the same ICU rules as the pages (next-intl is built on use-intl).
import { createTranslator } from "use-intl/core";
import { CATALOGS } from "@/lib/i18n/catalogs";
import type { Locale } from "@/lib/i18n/locales";

function create(locale: Locale) {
  return createTranslator({ locale, messages: CATALOGS[locale] });
}

const translators = new Map<Locale, ReturnType<typeof create>>();

/** The translator for `locale`, made once (it keeps its parsed messages). */
export function translator(locale: Locale) {
  let found = translators.get(locale);
  if (!found) {
    found = create(locale);
    translators.set(locale, found);
  }
  return found;
}
