"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { openIncidentAction } from "@/app/admin/actions";
import { DemoClockConfirm } from "@/components/admin/demo-clock-confirm";
import { buttonClass, Field, FormMessage, inputClass } from "@/components/admin/field";
import { ImpactSelect, UpdateFields, type ServiceChoice } from "@/components/admin/update-fields";
import { TITLE_MAX } from "@/lib/schemas/admin";
import type { FormState } from "@/lib/schemas/forms";

// The server action is handed to the form as it is, so it works with JavaScript off: the
// schema runs on the server and its messages show beside the fields.

/**
 * `initial` pre-fills the fields (from a template); the person still reviews and publishes.
 * The services it affects are those given a status in the one list (UpdateFields).
 */
export function OpenIncidentForm({ services, timeZone, initial }: { services: ServiceChoice[]; timeZone: string; initial?: Record<string, unknown> }) {
  const [state, action, pending] = useActionState<FormState, FormData>(openIncidentAction, { ok: false, values: initial });
  const t = useTranslations("console.incidentForm");
  const errors = state.fieldErrors ?? {};
  return (
    <form action={action} className="space-y-5" noValidate>
      <FormMessage state={state} />
      <Field id="title" label={t("title")} error={errors.title}>
        <input id="title" name="title" maxLength={TITLE_MAX} required defaultValue={String(state.values?.title ?? "")} aria-invalid={errors.title ? true : undefined} aria-describedby={errors.title ? "title-error" : undefined} className={inputClass} />
      </Field>
      <ImpactSelect defaultValue={String(state.values?.impact ?? "major")} error={errors.impact} />
      <UpdateFields state={state} services={services} defaultStatus="investigating" timeZone={timeZone} />
      <DemoClockConfirm state={state} />
      <div className="flex flex-col gap-3 sm:flex-row sm:flex-wrap">
        <button type="submit" name="publish" value="now" className={buttonClass} disabled={pending}>
          {pending ? t("saving") : t("publishIncident")}
        </button>
        <button type="submit" name="publish" value="draft" className="rounded border border-neutral-500 px-4 py-2" disabled={pending}>
          {t("saveDraft")}
        </button>
      </div>
    </form>
  );
}
