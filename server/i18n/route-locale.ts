import "server-only";
import type { Locale } from "@/lib/i18n/locales";
import { requestLocale } from "@/lib/i18n/routing";
import { getPageSettings } from "@/server/settings";

/**
 * The language a route handler answers in (feeds, badges, calendars, the API): `explicit`
 * when it names one (the API's `?locale=`), else the address's prefix (proxy.ts names it
 * in a request header), else the page's default language. Read from the request itself,
 * not next/headers, so a handler called directly (in a test) answers the same.
 */
export async function routeLocale(request: Request, explicit?: string | null): Promise<Locale> {
  const { defaultLocale } = await getPageSettings();
  return requestLocale({ explicit: explicit ?? undefined, headers: request.headers, defaultLocale });
}
