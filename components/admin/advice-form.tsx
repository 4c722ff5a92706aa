"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { setAdviceAction } from "@/app/admin/incident-text-actions";
import { buttonClass, FieldError, FormMessage } from "@/components/admin/field";
import { PreviewedMarkdown } from "@/components/admin/previewed-markdown";
import { ADVICE_MAX } from "@/lib/schemas/advice";
import type { FormState } from "@/lib/schemas/forms";

/**
 * The pinned advice: save, replace or clear it. The server action is the form's own
 * action, so it works before (or without) JavaScript; the revision refuses a stale save.
 */
export function AdviceForm({ incidentId, revision, advice }: { incidentId: string; revision: number; advice: string }) {
  const [state, action, pending] = useActionState<FormState, FormData>(setAdviceAction, { ok: false });
  const value = state.ok ? advice : String(state.values?.advice ?? advice);
  const error = state.fieldErrors?.advice;
  const t = useTranslations("console.incident.adviceForm");
  const heading = useTranslations("incident.advice");
  return (
    <form action={action} className="space-y-3" noValidate key={state.ok ? `saved-${revision}` : "editing"}>
      <input type="hidden" name="incidentId" value={incidentId} />
      <input type="hidden" name="revision" value={revision} />
      <FormMessage state={state} />
      <div className="space-y-1">
        <label htmlFor="advice" className="block font-medium">
          {heading("heading")}
        </label>
        <p id="advice-hint" className="text-sm text-neutral-600 dark:text-neutral-400">
          {t("hint", { max: ADVICE_MAX })}
        </p>
        <PreviewedMarkdown
          id="advice"
          name="advice"
          label={t("label")}
          rows={4}
          maxLength={ADVICE_MAX}
          defaultValue={value}
          invalid={Boolean(error)}
          describedBy={error ? "advice-hint advice-error" : "advice-hint"}
        />
        <FieldError id="advice" error={error} />
      </div>
      <div className="flex flex-wrap gap-3">
        <button type="submit" name="intent" value="save" className={buttonClass} disabled={pending}>
          {t("save")}
        </button>
        {advice ? (
          <button type="submit" name="intent" value="clear" className={buttonClass} disabled={pending}>
            {t("clear")}
          </button>
        ) : null}
      </div>
    </form>
  );
}
