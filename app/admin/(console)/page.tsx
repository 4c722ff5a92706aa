import type { Metadata } from "next";
import Link from "next/link";
import { AlertStatusSuggestions } from "@/components/admin/alert-status-suggestions";
import { ServiceStatusForm } from "@/components/admin/service-status-form";
import { StatusBanner } from "@/components/status/status-banner";
import { incidentStatusLabel } from "@/lib/constants";
import { formatDateTime } from "@/lib/time";
import { listAdminIncidents, listAdminServices } from "@/server/admin";
import { listStatusSuggestions } from "@/server/alerts";
import { getPublicStatus } from "@/server/public-status";
import { consoleAccess } from "@/server/session";

export const metadata: Metadata = { title: "Admin" };

export default async function AdminHome() {
  const { actor } = await consoleAccess("editor");
  // The lists include drafts and hidden services; the banner shows what the public sees.
  const [{ settings, overall }, services, open, suggestions] = await Promise.all([getPublicStatus(), listAdminServices(actor), listAdminIncidents(actor, { open: true }), listStatusSuggestions(actor)]);
  return (
    <>
      <h1 className="text-2xl font-bold">{settings.name}: admin</h1>
      <StatusBanner overall={overall} checkedAt={formatDateTime(new Date(), settings.timeZone)} />
      <AlertStatusSuggestions suggestions={suggestions} />
      <section aria-labelledby="open" className="space-y-3">
        <h2 id="open" className="text-xl font-semibold">
          Open incidents and maintenance
        </h2>
        {open.length === 0 ? <p>Nothing is open.</p> : null}
        <ul className="space-y-2">
          {open.map((incident) => (
            <li key={incident.id}>
              <Link href={`/admin/incidents/${incident.id}`} className="underline underline-offset-2">
                {incident.title}
              </Link>{" "}
              <span className="text-sm">
                {incidentStatusLabel(incident)}, {incident.updates.length} updates{incident.published ? "" : ", draft"}
              </span>
            </li>
          ))}
        </ul>
        <p>
          <Link href="/admin/incidents/new" className="underline underline-offset-2">
            Open a new incident
          </Link>
        </p>
      </section>
      <section aria-labelledby="services" className="space-y-4">
        <h2 id="services" className="text-xl font-semibold">
          Services
        </h2>
        <ul className="space-y-4">
          {services.map((service) => (
            <li key={service.id} className="rounded border border-neutral-300 p-3 dark:border-neutral-700">
              <p className="font-medium">
                {service.groupName ? `${service.groupName} · ` : ""}
                {service.name}
                {service.hidden ? " (hidden)" : ""}
              </p>
              <ServiceStatusForm serviceId={service.id} name={service.name} status={service.status} />
            </li>
          ))}
        </ul>
      </section>
    </>
  );
}
