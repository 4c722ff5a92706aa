"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { editIncidentAction } from "@/app/admin/actions";
import { buttonClass, Field, FormMessage, inputClass } from "@/components/admin/field";
import { ServiceCheckboxes, type ServiceChoice } from "@/components/admin/update-fields";
import { IMPACTS, type Impact } from "@/lib/constants";
import { TITLE_MAX } from "@/lib/schemas/admin";
import type { FormState } from "@/lib/schemas/forms";

// The server action is handed to the form as it is, so it works with JavaScript off.

/**
 * The incident's own fields, after it was opened: title, impact and the services it
 * concerns. Leaving or joining changes no service's status (updates do that), and it
 * carries the revision seen, so a stale edit is refused with the typed values kept.
 */
export function EditIncidentForm({
  incidentId,
  revision,
  title,
  impact,
  services,
  linked,
}: {
  incidentId: string;
  revision: number;
  title: string;
  impact: Impact;
  services: ServiceChoice[];
  linked: string[];
}) {
  const [state, action, pending] = useActionState<FormState, FormData>(editIncidentAction, { ok: false });
  const t = useTranslations("console.incident.edit");
  const form = useTranslations("console.incidentForm");
  const impactLabel = useTranslations("console.impact");
  const errors = state.fieldErrors ?? {};
  // After a save the fields start again from the incident as it now is.
  const values = state.ok ? {} : (state.values ?? {});
  const chosen = new Set(values.services === undefined && !state.error ? linked : [values.services ?? []].flat().map(String));
  return (
    <details className="rounded border border-neutral-300 p-3 dark:border-neutral-700" open={state.error || state.message ? true : undefined}>
      <summary className="cursor-pointer font-semibold">{t("summary")}</summary>
      <form action={action} className="mt-3 space-y-4" noValidate key={state.ok ? `saved-${revision}` : "editing"}>
        <input type="hidden" name="incidentId" value={incidentId} />
        <input type="hidden" name="revision" value={revision} />
        <FormMessage state={state} />
        <Field id="edit-title" label={t("title")} error={errors.title}>
          <input
            id="edit-title"
            name="title"
            maxLength={TITLE_MAX}
            required
            defaultValue={String(values.title ?? title)}
            aria-invalid={errors.title ? true : undefined}
            aria-describedby={errors.title ? "edit-title-error" : undefined}
            className={inputClass}
          />
        </Field>
        <Field id="edit-impact" label={t("impact")} error={errors.impact}>
          <select id="edit-impact" name="impact" defaultValue={String(values.impact ?? impact)} aria-describedby={errors.impact ? "edit-impact-error" : undefined} className={inputClass}>
            {IMPACTS.map((option) => (
              <option key={option} value={option}>
                {impactLabel(option)}
              </option>
            ))}
          </select>
        </Field>
        <ServiceCheckboxes services={services} chosen={chosen} showStatus idPrefix="edit-service" />
        <p className="text-sm text-neutral-600 dark:text-neutral-400">
          {t("note")}
        </p>
        <button type="submit" className={buttonClass} disabled={pending}>
          {pending ? form("saving") : t("save")}
        </button>
      </form>
    </details>
  );
}
