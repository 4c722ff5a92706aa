import { Field, inputClass, WallClockField } from "@/components/admin/field";
import { ServiceStatusPicker } from "@/components/admin/service-status-picker";
import { IMPACT_LABELS, IMPACTS, INCIDENT_STATUSES, MAINTENANCE_STATUSES, SERVICE_STATUS_LABELS, UPDATE_STATUS_LABELS, type ServiceStatus } from "@/lib/constants";
import { MarkdownEditor } from "@/components/admin/markdown-editor";
import type { FormState } from "@/lib/schemas/forms";

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
  const statuses = kind === "maintenance" ? MAINTENANCE_STATUSES : INCIDENT_STATUSES;
  const values = state.values ?? {};
  const errors = state.fieldErrors ?? {};
  const affected = (values.affected ?? {}) as Record<string, string>;
  const describe = (name: string) => (errors[name] ? `${name}-error` : undefined);
  return (
    <>
      <Field id="status" label="Status" error={errors.status}>
        <select key={String(values.status ?? defaultStatus)} id="status" name="status" defaultValue={String(values.status ?? defaultStatus)} className={inputClass} aria-describedby={describe("status")}>
          {statuses.map((status) => (
            <option key={status} value={status}>
              {UPDATE_STATUS_LABELS[status]}
            </option>
          ))}
        </select>
      </Field>
      <Field id="body" label="Update" hint="What is happening, who is affected and what they should do. Markdown: **bold**, lists, links." error={errors.body}>
        <MarkdownEditor
          id="body"
          name="body"
          defaultValue={String(values.body ?? "")}
          invalid={Boolean(errors.body)}
          describedBy={["body-hint", describe("body")].filter(Boolean).join(" ")}
        />
      </Field>
      <WallClockField id="displayAt" label={`Display time (${timeZone})`} timeZone={timeZone} hint="Leave it empty to post the update as now; enter a past time to add an update after the fact." defaultValue={String(values.displayAt ?? "")} error={errors.displayAt} />
      <ServiceStatusPicker
        services={services}
        values={affected}
        errors={errors}
        linked={linked}
        hint={
          linked
            ? "Give a service its new status, or leave “No change”. A service not affected yet joins when you give it a status."
            : "Give each affected service its status now; choose the one marked “as now” for a service affected but not changed."
        }
      />
    </>
  );
}

/** Which services an incident or maintenance window concerns; `showStatus` names each one's status now. */
export function ServiceCheckboxes({ services, chosen, showStatus = false, idPrefix }: { services: ServiceChoice[]; chosen: Set<string>; showStatus?: boolean; idPrefix?: string }) {
  return (
    <fieldset className="space-y-1">
      <legend className="font-medium">Affected services</legend>
      {services.map((service) => (
        <label key={service.id} htmlFor={idPrefix ? `${idPrefix}-${service.id}` : undefined} className="flex items-center gap-2 py-1">
          <input id={idPrefix ? `${idPrefix}-${service.id}` : undefined} type="checkbox" name="services" value={service.id} defaultChecked={chosen.has(service.id)} className="size-5 shrink-0" />
          <span>
            {service.name}
            {showStatus ? <span className="text-sm text-neutral-600 dark:text-neutral-400"> (now {SERVICE_STATUS_LABELS[service.status].toLowerCase()})</span> : null}
          </span>
        </label>
      ))}
    </fieldset>
  );
}

export function ImpactSelect({ defaultValue, error }: { defaultValue: string; error?: string }) {
  return (
    <Field id="impact" label="Impact" error={error}>
      <select key={defaultValue} id="impact" name="impact" defaultValue={defaultValue} className={inputClass}>
        {IMPACTS.map((impact) => (
          <option key={impact} value={impact}>
            {IMPACT_LABELS[impact]}
          </option>
        ))}
      </select>
    </Field>
  );
}
