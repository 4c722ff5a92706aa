// next-intl's typed keys: `t("home.services")` is checked against the English catalog.
import type { Locale } from "@/lib/i18n/locales";
import type en from "@/lib/i18n/messages/en.json";

declare module "next-intl" {
  interface AppConfig {
    Locale: Locale;
    Messages: typeof en;
  }
}
