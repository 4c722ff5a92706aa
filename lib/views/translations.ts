import type { Locale } from "@/lib/i18n/locales";
import type { MissingTranslation } from "@/lib/i18n/missing-translations";
import type { IncidentText } from "@/lib/schemas/translations";

// What the console's translation forms are handed (server/translations.ts fills them).

/** One text of an incident and its translation into one language, as the console's form edits it. */
export interface TranslatableText {
  /** "title" | "advice" | "postmortem", or the update's id. */
  key: string;
  kind: IncidentText | "update";
  /** For an update: the update's own id. */
  updateId?: string;
  original: string;
  translation: string;
  /** The translation row's revision the form sends back (0: none yet). */
  revision: number;
  displayAt?: Date;
}

export interface IncidentTranslations {
  sourceLocale: Locale;
  /** Each language other than the source, with every text and its translation (or none). */
  languages: { locale: Locale; texts: TranslatableText[] }[];
  missing: MissingTranslation[];
}

export interface CatalogTranslation {
  locale: Locale;
  name: string;
  description: string;
}

/** The catalog's translations: for each service or group, one entry per language to translate into. */
export interface CatalogTranslations {
  service: (id: string) => CatalogTranslation[];
  group: (id: string) => CatalogTranslation[];
}
