// Which language a public address is in. The page's default language has the plain
// addresses ("/"); every other language has the same ones under its code ("/ja"). The
// language comes from the address alone, never from Accept-Language or a cookie: the
// front keeps one response per address, and caches in between do the same.
import Negotiator from "negotiator";
import { isLocale, LOCALES, type Locale } from "@/lib/i18n/locales";

/**
 * Request headers proxy.ts sets for the pages (and removes when a client sends them):
 * the language of a prefixed address, the address without its prefix (for the language
 * switch), and "admin" for the console, which has its own language.
 */
export const LOCALE_HEADER = "x-herald-locale";
export const PATH_HEADER = "x-herald-path";
export const AREA_HEADER = "x-herald-area";
export const HERALD_HEADERS = [LOCALE_HEADER, PATH_HEADER, AREA_HEADER] as const;

/**
 * "/ja/history?x" → { locale: "ja", rest: "/history?x" }; "/ja" and "/ja/" → rest "/";
 * an address without a language prefix → { locale: null, rest: the address }.
 */
export function splitLocale(url: string): { locale: Locale | null; rest: string } {
  const end = url.slice(1).search(/[/?#]/);
  const first = end === -1 ? url.slice(1) : url.slice(1, end + 1);
  if (url[0] !== "/" || !isLocale(first)) return { locale: null, rest: url };
  const rest = url.slice(first.length + 1);
  return { locale: first, rest: rest === "" || rest[0] !== "/" ? `/${rest}` : rest };
}

/** The unprefixed `path` ("/", "/history?month=2011-06") under `locale`'s prefix: "/ja", "/ja/history?month=2011-06". */
export function prefixPath(path: string, locale: Locale): string {
  // "/ja", not "/ja/" (which Next would redirect), and "/ja?x" for "/?x".
  return /^\/([?#]|$)/.test(path) ? `/${locale}${path.slice(1)}` : `/${locale}${path}`;
}

/** The address of the unprefixed `path` in `locale`: as it is in the default language, under its prefix in the others. */
export function localizedPath(path: string, locale: Locale, defaultLocale: Locale): string {
  return locale === defaultLocale ? path : prefixPath(path, locale);
}

/**
 * The absolute address of the unprefixed `path` in `locale` on the site at `siteUrl`, for
 * links in feeds and calendars; the home page in the default language is the site's bare
 * address ("https://status.example.com"), as those links always were.
 */
export function localizedUrl(siteUrl: string, path: string, locale: Locale, defaultLocale: Locale): string {
  const target = localizedPath(path, locale, defaultLocale);
  return target === "/" ? siteUrl : `${siteUrl}${target}`;
}

/**
 * Next metadata `alternates.languages` for the unprefixed `path` on the site at
 * `siteUrl`: every language's address, and the default language's as x-default.
 */
export function languageAlternates(siteUrl: string, path: string, defaultLocale: Locale): Record<string, string> {
  const absolute = (target: string) => `${siteUrl}${target}`;
  const languages: Record<string, string> = {};
  for (const locale of LOCALES) languages[locale] = absolute(localizedPath(path, locale, defaultLocale));
  languages["x-default"] = absolute(path);
  return languages;
}

/**
 * Next metadata `alternates` for the page at the unprefixed `path` in `locale`: its one
 * canonical address in that language, however it was reached (?utm_source=…, /en while
 * English is the default), and its twin in every language.
 */
export function pageAlternates(siteUrl: string, path: string, locale: Locale, defaultLocale: Locale): { canonical: string; languages: Record<string, string> } {
  return { canonical: `${siteUrl}${localizedPath(path, locale, defaultLocale)}`, languages: languageAlternates(siteUrl, path, defaultLocale) };
}

/**
 * The language a request is rendered in: one asked for by name (next-intl's
 * `getTranslations({ locale })`), else its address's prefix (proxy.ts sets the header),
 * else the console's (`console`, consoleLocale) for the admin area, else the page's
 * default language.
 */
export function requestLocale(request: { explicit?: string; headers: Pick<Headers, "get">; defaultLocale: Locale; console?: Locale }): Locale {
  if (isLocale(request.explicit)) return request.explicit;
  const prefixed = request.headers.get(LOCALE_HEADER);
  if (isLocale(prefixed)) return prefixed;
  return request.headers.get(AREA_HEADER) === "admin" ? (request.console ?? request.defaultLocale) : request.defaultLocale;
}

/**
 * The console's language: the signed-in person's choice (their account's setting); until
 * they choose (and on the sign-in page), the first language Herald speaks that the
 * browser asks for, the page's default on a tie or when it asks for none of them. The
 * console is never cached, so reading Accept-Language here is safe, unlike on the public
 * pages.
 */
export function consoleLocale(chosen: Locale | null | undefined, acceptLanguage: string | null, defaultLocale: Locale): Locale {
  if (chosen) return chosen;
  const [preferred] = new Negotiator({ headers: { "accept-language": acceptLanguage ?? undefined } }).languages([defaultLocale, ...LOCALES.filter((locale) => locale !== defaultLocale)]);
  return isLocale(preferred) ? preferred : defaultLocale;
}
