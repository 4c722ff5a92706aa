import type { Metadata } from "next";
import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { AlertStatusSuggestions } from "@/components/admin/alert-status-suggestions";
import { ServiceStatusForm } from "@/components/admin/service-status-form";
import { StatusBanner } from "@/components/status/status-banner";
import { incidentStatusKey } from "@/lib/constants";
import { formatDateTime } from "@/lib/time";
import { listAdminIncidents, listAdminServices } from "@/server/admin";
import { listStatusSuggestions } from "@/server/alerts";
import { getPublicStatus } from "@/server/public-status";
import { consoleAccess } from "@/server/session";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("console.dashboard"))("title") };
}

export default async function AdminHome() {
  const { actor } = await consoleAccess("editor");
  // The lists include drafts and hidden services; the banner shows what the public sees.
  const [{ settings, overall }, services, open, suggestions, t, locale] = await Promise.all([
    getPublicStatus(),
    listAdminServices(actor),
    listAdminIncidents(actor, { open: true }),
    listStatusSuggestions(actor),
    getTranslations("console.dashboard"),
    getLocale(),
  ]);
  const status = await getTranslations("incident.status");
  const serviceLine = (service: { name: string; groupName: string | null; hidden: boolean }) => {
    const name = service.groupName ? t("groupAndName", { group: service.groupName, name: service.name }) : service.name;
    return service.hidden ? t("hidden", { name }) : name;
  };
  return (
    <>
      <h1 className="text-2xl font-bold">{t("heading", { name: settings.name })}</h1>
      <StatusBanner overall={overall} checkedAt={formatDateTime(new Date(), settings.timeZone, locale)} />
      <AlertStatusSuggestions suggestions={suggestions} />
      <section aria-labelledby="open" className="space-y-3">
        <h2 id="open" className="text-xl font-semibold">
          {t("open")}
        </h2>
        {open.length === 0 ? <p>{t("nothingOpen")}</p> : null}
        <ul className="space-y-2">
          {open.map((incident) => (
            <li key={incident.id}>
              <Link href={`/admin/incidents/${incident.id}`} className="underline underline-offset-2">
                {incident.title}
              </Link>{" "}
              <span className="text-sm">
                {t("summary", { status: status(incidentStatusKey(incident)), updates: incident.updates.length, draft: incident.published ? "no" : "yes" })}
              </span>
            </li>
          ))}
        </ul>
        <p>
          <Link href="/admin/incidents/new" className="underline underline-offset-2">
            {t("openNew")}
          </Link>
        </p>
      </section>
      <section aria-labelledby="services" className="space-y-4">
        <h2 id="services" className="text-xl font-semibold">
          {t("services")}
        </h2>
        <ul className="space-y-4">
          {services.map((service) => (
            <li key={service.id} className="rounded border border-neutral-300 p-3 dark:border-neutral-700">
              <p className="font-medium">
                {serviceLine(service)}
              </p>
              <ServiceStatusForm serviceId={service.id} name={service.name} status={service.status} />
            </li>
          ))}
        </ul>
      </section>
    </>
  );
}
