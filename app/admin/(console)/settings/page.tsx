import type { Metadata } from "next";
import { RoleRefusal } from "@/components/admin/role-refusal";
import { SettingsForm } from "@/components/admin/settings-form";
import { LANGUAGES } from "@/lib/i18n/catalogs";
import { formatDateTime } from "@/lib/time";
import { consoleAccess } from "@/server/session";
import { getPageSettings } from "@/server/settings";

export const metadata: Metadata = { title: "Settings" };

export default async function SettingsPage() {
  const { actor, allowed } = await consoleAccess("owner");
  if (!allowed) return <RoleRefusal actorRole={actor?.role ?? null} role="owner" title="Settings" what="Page settings" />;
  const settings = await getPageSettings();
  return (
    <>
      <h1 className="text-2xl font-bold">Page settings</h1>
      <SettingsForm
        current={{
          name: settings.name,
          url: settings.url,
          timeZone: settings.timeZone,
          description: settings.description,
          defaultLocale: settings.defaultLocale,
          asOf: settings.asOf ? formatDateTime(settings.asOf, settings.timeZone) : null,
        }}
        timeZones={Intl.supportedValuesOf("timeZone")}
        languages={LANGUAGES}
      />
    </>
  );
}
