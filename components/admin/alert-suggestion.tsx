"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { dismissUpdateSuggestionAction, postSuggestedUpdateAction } from "@/app/admin/(console)/integrations/actions";
import { buttonClass, Field, FormMessage, inputClass } from "@/components/admin/field";
import { INCIDENT_STATUSES } from "@/lib/constants";
import { BODY_MAX } from "@/lib/schemas/admin";
import type { FormState } from "@/lib/schemas/forms";
import type { UpdateSuggestionView } from "@/lib/views/alerts";

/**
 * The update monitoring proposed, already filled in as an update form: a person reads
 * it, edits it if they like, and posts it, or dismisses it. A machine never posts it.
 */
export function AlertSuggestionBox({ suggestion, draft }: { suggestion: UpdateSuggestionView; draft: boolean }) {
  const [state, action, pending] = useActionState<FormState, FormData>(postSuggestedUpdateAction, { ok: false });
  const [dismissed, dismiss, dismissing] = useActionState<FormState, FormData>(dismissUpdateSuggestionAction, { ok: false });
  const t = useTranslations("console.status");
  const statusLabel = useTranslations("incident.status");
  const serviceStatus = useTranslations("status.service");
  const id = `suggestion-${suggestion.incidentId}`;
  const body = !state.ok && typeof state.values?.body === "string" ? state.values.body : suggestion.body;
  return (
    <section aria-labelledby={id} className="space-y-3 rounded border-2 border-blue-600 p-3">
      <h2 id={id} className="text-lg font-semibold">
        {t("suggestedUpdate", { status: statusLabel(suggestion.status) })}
      </h2>
      <p className="text-sm">
        {t("suggestedNote", { draft: draft ? "yes" : "no" })}
      </p>
      <form action={action} className="space-y-2" noValidate aria-busy={pending}>
        <input type="hidden" name="incidentId" value={suggestion.incidentId} />
        <input type="hidden" name="revision" value={suggestion.revision} />
        <FormMessage state={state} />
        <Field id={`${id}-status`} label={t("suggestedStatus")} error={state.fieldErrors?.status}>
          <select id={`${id}-status`} name="status" defaultValue={suggestion.status} className={inputClass}>
            {INCIDENT_STATUSES.map((status) => (
              <option key={status} value={status}>
                {statusLabel(status)}
              </option>
            ))}
          </select>
        </Field>
        <Field id={`${id}-body`} label={t("suggestedBody")} error={state.fieldErrors?.body}>
          <textarea id={`${id}-body`} name="body" rows={4} maxLength={BODY_MAX} defaultValue={body} className={inputClass} />
        </Field>
        {suggestion.affected.length > 0 ? (
          <ul className="text-sm">
            {suggestion.affected.map((service) => (
              <li key={service.serviceId}>
                <input type="hidden" name={`affected.${service.serviceId}`} value={service.status} />
                {t("becomes", { name: service.name, status: serviceStatus(service.status).toLowerCase() })}
              </li>
            ))}
          </ul>
        ) : null}
        <button type="submit" className={buttonClass} disabled={pending}>
          {t("postSuggested")}
        </button>
      </form>
      <form action={dismiss} aria-busy={dismissing}>
        <input type="hidden" name="incidentId" value={suggestion.incidentId} />
        <FormMessage state={dismissed} />
        <button type="submit" className="rounded border border-neutral-500 px-2 py-1 text-sm" disabled={dismissing}>
          {t("dismiss")}
        </button>
      </form>
    </section>
  );
}
