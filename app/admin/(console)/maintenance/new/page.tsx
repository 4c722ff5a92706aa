import type { Metadata } from "next";
import { PlanMaintenanceForm } from "@/components/admin/plan-maintenance-form";
import { listAdminServices } from "@/server/admin";
import { consoleAccess } from "@/server/session";
import { getPageSettings } from "@/server/settings";

export const metadata: Metadata = { title: "Plan maintenance" };

export default async function PlanMaintenancePage() {
  const { actor } = await consoleAccess("editor");
  const [settings, services] = await Promise.all([getPageSettings(), listAdminServices(actor)]);
  return (
    <>
      <h1 className="text-2xl font-bold">Plan maintenance</h1>
      <p>Announce it now. It can start and complete by itself at the times you set, or you post “In progress” (services “Under maintenance”) and “Completed” yourself from its page, where it can also be moved or cancelled.</p>
      <PlanMaintenanceForm services={services} timeZone={settings.timeZone} />
    </>
  );
}
