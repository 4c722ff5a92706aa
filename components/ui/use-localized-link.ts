import { useLocale } from "next-intl";
import { localizedLink } from "@/lib/front";
import type { Locale } from "@/lib/i18n/locales";

/**
 * Links within the page's language: "/incidents/x" becomes "/ja/incidents/x" on a
 * Japanese page while English is the default (lib/front.ts localizedLink).
 */
export function useLocalizedLink(defaultLocale: Locale): (path: string) => string {
  const locale = useLocale();
  return (path) => localizedLink(path, locale, defaultLocale);
}
