import { useTranslations } from "next-intl";
import { Field, inputClass, WallClockField } from "@/components/admin/field";
import { ServiceStatusPicker } from "@/components/admin/service-status-picker";
import { IMPACTS, INCIDENT_STATUSES, MAINTENANCE_STATUSES, type ServiceStatus } from "@/lib/constants";
import { MarkdownEditor } from "@/components/admin/markdown-editor";
import type { FormState } from "@/lib/schemas/forms";
import type { ReactNode } from "react";

export interface ServiceChoice {
  id: string;
  name: string;
  status: ServiceStatus;
}

/** The fields every update carries: status, body, display time, and the services' statuses in one list. */
export function UpdateFields({
  state,
  services,
  defaultStatus,
  timeZone,
  kind = "incident",
  linked,
}: {
  state: FormState;
  services: ServiceChoice[];
  defaultStatus: string;
  timeZone: string;
  kind?: string;
  /** The services already part of the incident; absent while opening one. */
  linked?: Set<string>;
}) {
  const t = useTranslations("console.incidentForm");
  const statusLabel = useTranslations("incident.status");
  const statuses = kind === "maintenance" ? MAINTENANCE_STATUSES : INCIDENT_STATUSES;
  const values = state.values ?? {};
  const errors = state.fieldErrors ?? {};
  const affected = (values.affected ?? {}) as Record<string, string>;
  const describe = (name: string) => (errors[name] ? `${name}-error` : undefined);
  return (
    <>
      <Field id="status" label={t("status")} error={errors.status}>
        <select key={String(values.status ?? defaultStatus)} id="status" name="status" defaultValue={String(values.status ?? defaultStatus)} className={inputClass} aria-describedby={describe("status")}>
          {statuses.map((status) => (
            <option key={status} value={status}>
              {statusLabel(status)}
            </option>
          ))}
        </select>
      </Field>
      <Field id="body" label={t("body")} hint={t("bodyHint")} error={errors.body}>
        <MarkdownEditor
          id="body"
          name="body"
          defaultValue={String(values.body ?? "")}
          invalid={Boolean(errors.body)}
          describedBy={["body-hint", describe("body")].filter(Boolean).join(" ")}
        />
      </Field>
      <WallClockField id="displayAt" label={t("displayAt", { zone: timeZone })} timeZone={timeZone} hint={t("displayAtHint")} defaultValue={String(values.displayAt ?? "")} error={errors.displayAt} />
      <ServiceStatusPicker
        services={services}
        values={affected}
        errors={errors}
        linked={linked}
        hint={linked ? t("affectedHintLinked") : t("affectedHintNew")}
      />
    </>
  );
}

/** Which services an incident or maintenance window concerns; `showStatus` names each one's status now. */
export function ServiceCheckboxes({ services, chosen, showStatus = false, idPrefix }: { services: ServiceChoice[]; chosen: Set<string>; showStatus?: boolean; idPrefix?: string }) {
  const t = useTranslations("console.incidentForm");
  const serviceStatus = useTranslations("status.service");
  const dim = (chunks: ReactNode) => <span className="text-sm text-neutral-600 dark:text-neutral-400">{chunks}</span>;
  return (
    <fieldset className="space-y-1">
      <legend className="font-medium">{t("affectedServices")}</legend>
      {services.map((service) => (
        <label key={service.id} htmlFor={idPrefix ? `${idPrefix}-${service.id}` : undefined} className="flex items-center gap-2 py-1">
          <input id={idPrefix ? `${idPrefix}-${service.id}` : undefined} type="checkbox" name="services" value={service.id} defaultChecked={chosen.has(service.id)} className="size-5 shrink-0" />
          <span>{showStatus ? t.rich("serviceNow", { name: service.name, status: serviceStatus(service.status).toLowerCase(), now: dim }) : service.name}</span>
        </label>
      ))}
    </fieldset>
  );
}

export function ImpactSelect({ defaultValue, error }: { defaultValue: string; error?: string }) {
  const t = useTranslations("console.incidentForm");
  const impactLabel = useTranslations("console.impact");
  return (
    <Field id="impact" label={t("impact")} error={error}>
      <select key={defaultValue} id="impact" name="impact" defaultValue={defaultValue} className={inputClass}>
        {IMPACTS.map((impact) => (
          <option key={impact} value={impact}>
            {impactLabel(impact)}
          </option>
        ))}
      </select>
    </Field>
  );
}
