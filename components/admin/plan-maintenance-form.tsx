"use client";

import { useActionState } from "react";
import { planMaintenanceAction } from "@/app/admin/actions";
import { buttonClass, Field, FormMessage, inputClass } from "@/components/admin/field";
import { MarkdownEditor } from "@/components/admin/markdown-editor";
import { ImpactSelect, ServiceCheckboxes, type ServiceChoice } from "@/components/admin/update-fields";
import { planMaintenanceSchema, TITLE_MAX } from "@/lib/schemas/admin";
import type { FormState } from "@/lib/schemas/forms";
import { validatedAction } from "@/lib/schemas/validated-action";

const planMaintenanceActionChecked = validatedAction(planMaintenanceSchema, planMaintenanceAction);

export function PlanMaintenanceForm({ services, timeZone }: { services: ServiceChoice[]; timeZone: string }) {
  const [state, action, pending] = useActionState<FormState, FormData>(planMaintenanceActionChecked, { ok: false });
  const errors = state.fieldErrors ?? {};
  const values = state.values ?? {};
  const chosen = new Set([values.services ?? []].flat().map(String));
  const aria = (name: string) => ({ "aria-invalid": errors[name] ? true : undefined, "aria-describedby": errors[name] ? `${name}-error` : undefined });
  return (
    <form action={action} className="space-y-5" noValidate>
      <FormMessage state={state} />
      <Field id="title" label="Title" error={errors.title}>
        <input id="title" name="title" maxLength={TITLE_MAX} defaultValue={String(values.title ?? "")} className={inputClass} {...aria("title")} />
      </Field>
      <Field id="scheduledStart" label={`Starts (${timeZone})`} error={errors.scheduledStart}>
        <input id="scheduledStart" name="scheduledStart" type="datetime-local" defaultValue={String(values.scheduledStart ?? "")} className={inputClass} {...aria("scheduledStart")} />
      </Field>
      <Field id="scheduledEnd" label={`Ends (${timeZone})`} error={errors.scheduledEnd}>
        <input id="scheduledEnd" name="scheduledEnd" type="datetime-local" defaultValue={String(values.scheduledEnd ?? "")} className={inputClass} {...aria("scheduledEnd")} />
      </Field>
      <ImpactSelect defaultValue={String(values.impact ?? "none")} error={errors.impact} />
      <ServiceCheckboxes services={services} chosen={chosen} />
      <Field id="body" label="Announcement" hint="What will happen, what readers will notice, and what they should do." error={errors.body}>
        <MarkdownEditor id="body" name="body" defaultValue={String(values.body ?? "")} invalid={Boolean(errors.body)} describedBy="body-hint" />
      </Field>
      <div className="flex flex-wrap gap-3">
        <button type="submit" name="publish" value="now" className={buttonClass} disabled={pending}>
          Announce maintenance
        </button>
        <button type="submit" name="publish" value="draft" className="rounded border border-neutral-500 px-4 py-2" disabled={pending}>
          Save as draft
        </button>
      </div>
    </form>
  );
}
