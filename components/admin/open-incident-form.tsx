"use client";

import { useActionState } from "react";
import { openIncidentAction } from "@/app/admin/actions";
import { buttonClass, Field, FormMessage, inputClass } from "@/components/admin/field";
import { ImpactSelect, ServiceCheckboxes, UpdateFields, type ServiceChoice } from "@/components/admin/update-fields";
import { nestAffected, openIncidentSchema, TITLE_MAX } from "@/lib/schemas/admin";
import type { FormState } from "@/lib/schemas/forms";
import { validatedAction } from "@/lib/schemas/validated-action";

const openIncidentActionChecked = validatedAction(openIncidentSchema, openIncidentAction, nestAffected);

/** `initial` pre-fills the fields (from a template); the person still reviews and publishes. */
export function OpenIncidentForm({ services, timeZone, initial }: { services: ServiceChoice[]; timeZone: string; initial?: Record<string, unknown> }) {
  const [state, action, pending] = useActionState<FormState, FormData>(openIncidentActionChecked, { ok: false, values: initial });
  const errors = state.fieldErrors ?? {};
  const chosen = new Set([state.values?.services ?? []].flat().map(String));
  return (
    <form action={action} className="space-y-5" noValidate>
      <FormMessage state={state} />
      <Field id="title" label="Title" error={errors.title}>
        <input id="title" name="title" maxLength={TITLE_MAX} required defaultValue={String(state.values?.title ?? "")} aria-invalid={errors.title ? true : undefined} aria-describedby={errors.title ? "title-error" : undefined} className={inputClass} />
      </Field>
      <ImpactSelect defaultValue={String(state.values?.impact ?? "major")} error={errors.impact} />
      <ServiceCheckboxes services={services} chosen={chosen} />
      <UpdateFields state={state} services={services} defaultStatus="investigating" timeZone={timeZone} />
      <div className="flex flex-wrap gap-3">
        <button type="submit" name="publish" value="now" className={buttonClass} disabled={pending}>
          {pending ? "Saving…" : "Publish incident"}
        </button>
        <button type="submit" name="publish" value="draft" className="rounded border border-neutral-500 px-4 py-2" disabled={pending}>
          Save as draft
        </button>
      </div>
    </form>
  );
}
