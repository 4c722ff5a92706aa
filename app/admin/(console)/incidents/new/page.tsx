import type { Metadata } from "next";
import { OpenIncidentForm } from "@/components/admin/open-incident-form";
import { listAdminServices } from "@/server/admin";
import { consoleAccess } from "@/server/session";
import { getPageSettings } from "@/server/settings";

export const metadata: Metadata = { title: "New incident" };

export default async function NewIncidentPage() {
  const { actor } = await consoleAccess("editor");
  const [settings, services] = await Promise.all([getPageSettings(), listAdminServices(actor)]);
  return (
    <>
      <h1 className="text-2xl font-bold">Open an incident</h1>
      <OpenIncidentForm services={services} timeZone={settings.timeZone} />
    </>
  );
}
