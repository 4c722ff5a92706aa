import { useTranslations } from "next-intl";
import type { ReactNode } from "react";
import { FieldError } from "@/components/admin/field";
import { SERVICE_STATUSES, type ServiceStatus } from "@/lib/constants";

export interface PickerService {
  id: string;
  name: string;
  status: ServiceStatus;
}

/**
 * One list for "which services, and their new status": each service has one select,
 * "Not affected" (or "No change" once it is part of the incident) or a status, its current
 * one marked "as now". It posts `affected.<id>`; a service given any status joins the
 * incident, its current status included, so no separate list of boxes is needed.
 */
export function ServiceStatusPicker({
  services,
  values,
  errors = {},
  linked,
  hint,
}: {
  services: PickerService[];
  /** `affected` as the form last held it: service id → status, "" for none. */
  values: Record<string, string>;
  errors?: Record<string, string>;
  /** The services already part of the incident; absent while opening one. */
  linked?: Set<string>;
  hint: string;
}) {
  const t = useTranslations("console.incidentForm");
  const statusLabel = useTranslations("status.service");
  const dim = (chunks: ReactNode) => <span className="text-sm text-neutral-600 dark:text-neutral-400">{chunks}</span>;
  return (
    <fieldset className="space-y-2" aria-describedby="affected-hint">
      <legend className="font-medium">{t("affected")}</legend>
      <p id="affected-hint" className="text-sm text-neutral-600 dark:text-neutral-400">
        {hint}
      </p>
      <ul className="divide-y divide-neutral-200 rounded border border-neutral-300 dark:divide-neutral-800 dark:border-neutral-700">
        {services.map((service) => {
          const id = `affected-${service.id}`;
          const error = errors[`affected.${service.id}`];
          return (
            <li key={service.id} className="flex flex-col gap-1 px-3 py-2 sm:flex-row sm:items-center sm:justify-between sm:gap-3">
              <label htmlFor={id} className="min-w-0">
                {t.rich("serviceNow", { name: service.name, status: statusLabel(service.status).toLowerCase(), now: dim })}
              </label>
              <select
                // Keyed by the value sent back: React resets a select to its first default after a refused submit.
                key={values[service.id] ?? ""}
                id={id}
                name={`affected.${service.id}`}
                defaultValue={values[service.id] ?? ""}
                aria-invalid={error ? true : undefined}
                aria-describedby={error ? `${id}-error` : undefined}
                className="w-full rounded border border-neutral-400 bg-white px-2 py-2 sm:w-64 dark:border-neutral-600 dark:bg-neutral-900"
              >
                <option value="">{linked?.has(service.id) ? t("noChange") : t("notAffected")}</option>
                {SERVICE_STATUSES.map((status) => (
                  <option key={status} value={status}>
                    {status === service.status ? t("asNow", { status: statusLabel(status) }) : statusLabel(status)}
                  </option>
                ))}
              </select>
              <FieldError id={id} error={error} />
            </li>
          );
        })}
      </ul>
    </fieldset>
  );
}
