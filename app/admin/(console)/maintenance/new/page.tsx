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
      <p>Announce it now; when it starts, post an “In progress” update setting the services to “Under maintenance”, and “Completed” when it is done.</p>
      <PlanMaintenanceForm services={services} timeZone={settings.timeZone} />
    </>
  );
}
