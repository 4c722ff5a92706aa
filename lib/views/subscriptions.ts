// A subscription as its confirm and manage pages show it (reached by a signed link).
import type { Locale } from "@/lib/i18n/locales";

export interface SubscriptionView {
  id: string;
  email: string;
  confirmed: boolean;
  allServices: boolean;
  serviceIds: string[];
  /** The language its mails are in: the subscriber's choice, else the page's default language. */
  locale: Locale;
}

/** The subscriber's language field, in the page's language (server/i18n/language-choice.ts). */
export interface LanguageChoiceView {
  label: string;
  /** Every language Herald speaks, each by its own name ("English", "日本語"). */
  languages: { locale: Locale; name: string }[];
  current: Locale;
}
