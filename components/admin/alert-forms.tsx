"use client";

import { useActionState } from "react";
import { decideStatusSuggestionAction, updateAlertRuleAction, updateAlertSettingsAction } from "@/app/admin/(console)/integrations/actions";
import { buttonClass, Field, FormMessage, inputClass } from "@/components/admin/field";
import { ALERT_STATUSES, type AlertMode } from "@/lib/alerts";
import { SERVICE_STATUS_LABELS, type ServiceStatus } from "@/lib/constants";
import { severityField } from "@/lib/schemas/alertmanager";
import type { FormState } from "@/lib/schemas/forms";
import type { AlertRulesView } from "@/lib/views/alerts";

const small = "rounded border border-neutral-500 px-2 py-1 text-sm disabled:opacity-60";

/** What a refused form sent back for `name`, else the saved value. */
const shown = (state: FormState, name: string, saved: string) => (!state.ok && typeof state.values?.[name] === "string" ? (state.values[name] as string) : saved);

function TextField({ state, id, name, label, hint, saved }: { state: FormState; id: string; name: string; label: string; hint?: string; saved: string }) {
  const error = state.ok ? undefined : state.fieldErrors?.[name];
  return (
    <Field id={id} label={label} hint={hint} error={error}>
      <input
        id={id}
        name={name}
        defaultValue={shown(state, name, saved)}
        key={shown(state, name, saved)}
        className={inputClass}
        aria-invalid={error ? true : undefined}
        aria-describedby={[hint ? `${id}-hint` : "", error ? `${id}-error` : ""].filter(Boolean).join(" ") || undefined}
      />
    </Field>
  );
}

/** The labels that name an alert's service and severity, and what each severity means. */
export function AlertSettingsForm({ rules }: { rules: AlertRulesView }) {
  const [state, action, pending] = useActionState<FormState, FormData>(updateAlertSettingsAction, { ok: false });
  return (
    <form action={action} className="grid gap-3" noValidate aria-busy={pending}>
      <FormMessage state={state} />
      <TextField state={state} id="alert-service-label" name="serviceLabel" label="Label naming the service" hint="Its value is the service's address, e.g. sega-pass-login." saved={rules.serviceLabel} />
      <TextField state={state} id="alert-severity-label" name="severityLabel" label="Label naming the severity" saved={rules.severityLabel} />
      {[...ALERT_STATUSES].reverse().map((status) => (
        <TextField
          key={status}
          state={state}
          id={`alert-${status}`}
          name={severityField(status)}
          label={`Severities meaning “${SERVICE_STATUS_LABELS[status]}”`}
          hint="Separated by commas; leave empty for none."
          saved={rules.severitiesByStatus[status]}
        />
      ))}
      <p className="text-sm">Alerts with any other severity are recorded but change no status.</p>
      <div>
        <button type="submit" className={buttonClass} disabled={pending}>
          Save alert rules
        </button>
      </div>
    </form>
  );
}

/** One service's rule: apply or suggest, and the template its drafts start from. */
export function AlertRuleForm({ serviceId, name, mode, templateId, templates }: { serviceId: string; name: string; mode: AlertMode; templateId: string | null; templates: { id: string; name: string }[] }) {
  const [state, action, pending] = useActionState<FormState, FormData>(updateAlertRuleAction, { ok: false });
  const prefix = `alert-rule-${serviceId}`;
  return (
    <form action={action} className="grid gap-2 sm:grid-cols-[1fr_1fr_auto] sm:items-end" noValidate aria-busy={pending}>
      <input type="hidden" name="serviceId" value={serviceId} />
      <Field id={`${prefix}-mode`} label={`When an alert fires for ${name}`}>
        <select id={`${prefix}-mode`} name="mode" defaultValue={mode} className={inputClass}>
          <option value="apply">Change its status at once</option>
          <option value="suggest">Only suggest the status</option>
        </select>
      </Field>
      <Field id={`${prefix}-template`} label={`Draft template for ${name}`}>
        <select id={`${prefix}-template`} name="templateId" defaultValue={templateId ?? ""} className={inputClass}>
          <option value="">Built-in wording</option>
          {templates.map((template) => (
            <option key={template.id} value={template.id}>
              {template.name}
            </option>
          ))}
        </select>
      </Field>
      <button type="submit" className={small} disabled={pending}>
        Save<span className="sr-only"> the alert rule for {name}</span>
      </button>
      <div className="sm:col-span-3">
        <FormMessage state={state} />
      </div>
    </form>
  );
}

/** A status an alert proposed, with Apply and Dismiss. */
export function StatusSuggestionForm({ serviceId, name, status, suggestedStatus }: { serviceId: string; name: string; status: ServiceStatus; suggestedStatus: ServiceStatus }) {
  const [state, action, pending] = useActionState<FormState, FormData>(decideStatusSuggestionAction, { ok: false });
  return (
    <form action={action} className="space-y-2" aria-busy={pending}>
      <input type="hidden" name="serviceId" value={serviceId} />
      <p>
        Monitoring suggests <strong>{SERVICE_STATUS_LABELS[suggestedStatus]}</strong> for {name} (now {SERVICE_STATUS_LABELS[status].toLowerCase()}).
      </p>
      <div className="flex flex-wrap gap-2">
        <button type="submit" name="intent" value="apply" className={buttonClass} disabled={pending}>
          Apply<span className="sr-only"> {SERVICE_STATUS_LABELS[suggestedStatus].toLowerCase()} to {name}</span>
        </button>
        <button type="submit" name="intent" value="dismiss" className={small} disabled={pending}>
          Dismiss<span className="sr-only"> the suggestion for {name}</span>
        </button>
      </div>
      <FormMessage state={state} />
    </form>
  );
}
