// Every message a reader sees, one catalog per language (lib/i18n/messages/<code>.json).
// English is the reference: lib/i18n/catalogs.test.ts holds every other catalog to its
// keys and ICU arguments, and the type check holds code to its keys.
import { LOCALES, type Locale } from "@/lib/i18n/locales";
import en from "@/lib/i18n/messages/en.json";
import ja from "@/lib/i18n/messages/ja.json";

export type Messages = typeof en;

export const CATALOGS: Record<Locale, Messages> = { en, ja };

/** Every language Herald speaks by its code, named in itself ("日本語"), for a language choice. */
export const LANGUAGES: readonly { code: Locale; name: string }[] = LOCALES.map((code) => ({ code, name: CATALOGS[code].meta.language }));

/**
 * The catalog parts client components read; the rest stays on the server. Everywhere: the
 * public forms (also the console's choice of services) and the error page. The console
 * adds its own and the status and impact names its forms offer.
 */
export const CLIENT_NAMESPACES = ["subscribe", "subscriptions", "errors"] as const satisfies readonly (keyof Messages)[];
export const CONSOLE_CLIENT_NAMESPACES = [...CLIENT_NAMESPACES, "console", "incident", "status"] as const satisfies readonly (keyof Messages)[];

/** `messages` cut down to `namespaces`, for a NextIntlClientProvider. */
export function clientMessages(messages: Messages, namespaces: readonly (keyof Messages)[]): Partial<Messages> {
  return Object.fromEntries(namespaces.map((namespace) => [namespace, messages[namespace]]));
}
