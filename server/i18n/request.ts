import "server-only";
import { headers } from "next/headers";
import { getRequestConfig } from "next-intl/server";
import { CATALOGS } from "@/lib/i18n/catalogs";
import { AREA_HEADER, consoleLocale, requestLocale } from "@/lib/i18n/routing";
import { currentActor } from "@/server/session";
import { getPageSettings } from "@/server/settings";

// next-intl's configuration for each request (next.config.js names this file): the
// language from the address (lib/i18n/routing.ts requestLocale) or, in the console, the
// signed-in person's choice or their browser's; and the page's time zone and "now" (the demo clock's, while it
// is on).
export default getRequestConfig(async ({ locale: explicit }) => {
  const [settings, request] = await Promise.all([getPageSettings(), headers()]);
  // Only for the language: a session the database cannot check right now (it is down)
  // counts as none, so the console's "cannot reach the database" answers still render.
  const person = request.get(AREA_HEADER) === "admin" ? await currentActor().catch(() => null) : null;
  const admin = consoleLocale(person?.locale, request.get("accept-language"), settings.defaultLocale);
  const locale = requestLocale({ explicit, headers: request, defaultLocale: settings.defaultLocale, console: admin });
  return { locale, messages: CATALOGS[locale], timeZone: settings.timeZone, now: settings.now };
});
