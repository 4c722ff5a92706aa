import type { Metadata } from "next";
import { getLocale, getTranslations } from "next-intl/server";
import { RoleRefusal } from "@/components/admin/role-refusal";
import { SettingsForm } from "@/components/admin/settings-form";
import { LANGUAGES } from "@/lib/i18n/catalogs";
import { formatDateTime } from "@/lib/time";
import { consoleAccess } from "@/server/session";
import { getPageSettings } from "@/server/settings";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("console.settings"))("title") };
}

export default async function SettingsPage() {
  const { actor, allowed } = await consoleAccess("owner");
  const t = await getTranslations("console.settings");
  if (!allowed) return <RoleRefusal actorRole={actor?.role ?? null} role="owner" title={t("title")} what={t("what")} />;
  const [settings, locale] = await Promise.all([getPageSettings(), getLocale()]);
  return (
    <>
      <h1 className="text-2xl font-bold">{t("heading")}</h1>
      <SettingsForm
        current={{
          name: settings.name,
          url: settings.url,
          timeZone: settings.timeZone,
          description: settings.description,
          defaultLocale: settings.defaultLocale,
          asOf: settings.asOf ? formatDateTime(settings.asOf, settings.timeZone, locale) : null,
        }}
        timeZones={Intl.supportedValuesOf("timeZone")}
        languages={LANGUAGES}
      />
    </>
  );
}
