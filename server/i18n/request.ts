import "server-only";
import { headers } from "next/headers";
import { getRequestConfig } from "next-intl/server";
import { CATALOGS } from "@/lib/i18n/catalogs";
import { requestLocale } from "@/lib/i18n/routing";
import { getPageSettings } from "@/server/settings";

// next-intl's configuration for each request (next.config.js names this file): the
// language from the address (lib/i18n/routing.ts requestLocale), and the page's time zone
// and "now" (the demo clock's, while it is on).
export default getRequestConfig(async ({ locale: explicit }) => {
  const [settings, request] = await Promise.all([getPageSettings(), headers()]);
  const locale = requestLocale({ explicit, headers: request, defaultLocale: settings.defaultLocale });
  return { locale, messages: CATALOGS[locale], timeZone: settings.timeZone, now: settings.now };
});
