import type { Locale } from "@/lib/i18n/locales";

export interface PageSettingsView {
  name: string;
  url: string;
  timeZone: string;
  description: string;
  /** The language of the unprefixed public addresses; the others are under their prefix ("/ja"). */
  defaultLocale: Locale;
  /** Set for the demo story: the page shows the world as of this instant. */
  asOf: Date | null;
  /** What "now" means on the public pages. */
  now: Date;
  version: number;
  updatedAt: Date;
}
