import "server-only";
import { getLocale, getTranslations } from "next-intl/server";
import { CATALOGS } from "@/lib/i18n/catalogs";
import { LOCALES, localeOr, type Locale } from "@/lib/i18n/locales";
import type { LanguageChoiceView } from "@/lib/views/subscriptions";

/**
 * The subscriber's language field as a page in the request's language shows it: chosen
 * beforehand is `current` (a subscriber's stored choice), else the page's own language, so
 * the form on /ja/subscribe asks for Japanese mail unless the reader picks another.
 */
export async function languageChoice(current?: Locale): Promise<LanguageChoiceView> {
  const [locale, t] = await Promise.all([getLocale(), getTranslations("subscriberLanguage")]);
  return { label: t("label"), languages: LOCALES.map((code) => ({ locale: code, name: CATALOGS[code].meta.language })), current: current ?? localeOr(locale) };
}
