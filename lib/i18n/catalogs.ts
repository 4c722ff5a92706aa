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
