import "server-only";
import { getLocale } from "next-intl/server";
import { localizedLink } from "@/lib/front";
import { getPageSettings } from "@/server/settings";

/**
 * Links and redirects that stay in the language of the request: on a Japanese page (or
 * after a form posted from one), "/subscribe" becomes "/ja/subscribe".
 */
export async function publicLink(): Promise<(path: string) => string> {
  const [locale, settings] = await Promise.all([getLocale(), getPageSettings()]);
  return (path) => localizedLink(path, locale, settings.defaultLocale);
}
