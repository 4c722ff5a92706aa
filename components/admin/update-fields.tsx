import { Field, inputClass } from "@/components/admin/field";
import { IMPACT_LABELS, IMPACTS, INCIDENT_STATUSES, MAINTENANCE_STATUSES, SERVICE_STATUS_LABELS, SERVICE_STATUSES, UPDATE_STATUS_LABELS, type ServiceStatus } from "@/lib/constants";
import { MarkdownEditor } from "@/components/admin/markdown-editor";
import type { FormState } from "@/lib/schemas/forms";

export interface ServiceChoice {
  id: string;
  name: string;
  status: ServiceStatus;
}

/** The fields every update carries: status, body, display time, services' new statuses. */
export function UpdateFields({
  state,
  services,
  defaultStatus,
  timeZone,
  kind = "incident",
}: {
  state: FormState;
  services: ServiceChoice[];
  defaultStatus: string;
  timeZone: string;
  kind?: string;
}) {
  const statuses = kind === "maintenance" ? MAINTENANCE_STATUSES : INCIDENT_STATUSES;
  const values = state.values ?? {};
  const errors = state.fieldErrors ?? {};
  const affected = (values.affected ?? {}) as Record<string, string>;
  const describe = (name: string) => (errors[name] ? `${name}-error` : undefined);
  return (
    <>
      <Field id="status" label="Status" error={errors.status}>
        <select id="status" name="status" defaultValue={String(values.status ?? defaultStatus)} className={inputClass} aria-describedby={describe("status")}>
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
      <Field id="displayAt" label={`Display time (${timeZone})`} hint="Leave empty to post it as now; set a past time to enter an update after the fact." error={errors.displayAt}>
        <input
          id="displayAt"
          name="displayAt"
          type="datetime-local"
          defaultValue={String(values.displayAt ?? "")}
          aria-invalid={errors.displayAt ? true : undefined}
          aria-describedby={["displayAt-hint", describe("displayAt")].filter(Boolean).join(" ")}
          className={inputClass}
        />
      </Field>
      <fieldset className="space-y-2">
        <legend className="font-medium">Services: new status</legend>
        <p className="text-sm text-neutral-600 dark:text-neutral-400">Leave a service on “No change” to keep its current status.</p>
        {services.map((service) => (
          <div key={service.id} className="flex flex-wrap items-center gap-2">
            <label htmlFor={`affected-${service.id}`} className="min-w-48">
              {service.name} <span className="text-sm text-neutral-600 dark:text-neutral-400">(now {SERVICE_STATUS_LABELS[service.status].toLowerCase()})</span>
            </label>
            <select id={`affected-${service.id}`} name={`affected.${service.id}`} defaultValue={affected[service.id] ?? ""} className="rounded border border-neutral-400 bg-white px-2 py-1 dark:border-neutral-600 dark:bg-neutral-900">
              <option value="">No change</option>
              {SERVICE_STATUSES.map((status) => (
                <option key={status} value={status}>
                  {SERVICE_STATUS_LABELS[status]}
                </option>
              ))}
            </select>
          </div>
        ))}
      </fieldset>
    </>
  );
}

/** Which services an incident or maintenance window concerns. */
export function ServiceCheckboxes({ services, chosen }: { services: ServiceChoice[]; chosen: Set<string> }) {
  return (
    <fieldset className="space-y-1">
      <legend className="font-medium">Affected services</legend>
      {services.map((service) => (
        <label key={service.id} className="flex items-center gap-2">
          <input type="checkbox" name="services" value={service.id} defaultChecked={chosen.has(service.id)} />
          {service.name}
        </label>
      ))}
    </fieldset>
  );
}

export function ImpactSelect({ defaultValue, error }: { defaultValue: string; error?: string }) {
  return (
    <Field id="impact" label="Impact" error={error}>
      <select id="impact" name="impact" defaultValue={defaultValue} className={inputClass}>
        {IMPACTS.map((impact) => (
          <option key={impact} value={impact}>
            {IMPACT_LABELS[impact]}
          </option>
        ))}
      </select>
    </Field>
  );
}
