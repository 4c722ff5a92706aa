import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { PlanMaintenanceForm } from "@/components/admin/plan-maintenance-form";
import { listAdminServices } from "@/server/admin";
import { consoleAccess } from "@/server/session";
import { getPageSettings } from "@/server/settings";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("console.maintenance"))("newTitle") };
}

export default async function PlanMaintenancePage() {
  const { actor } = await consoleAccess("editor");
  const [settings, services, t] = await Promise.all([getPageSettings(), listAdminServices(actor), getTranslations("console.maintenance")]);
  return (
    <>
      <h1 className="text-2xl font-bold">{t("newHeading")}</h1>
      <p>{t("newIntro")}</p>
      <PlanMaintenanceForm services={services} timeZone={settings.timeZone} />
    </>
  );
}
