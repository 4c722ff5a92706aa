"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { correctUpdateAction, publishIncidentAction } from "@/app/admin/actions";
import { DemoClockConfirm } from "@/components/admin/demo-clock-confirm";
import { buttonClass, Field, FormMessage, inputClass } from "@/components/admin/field";
import { BODY_MAX } from "@/lib/schemas/admin";
import type { FormState } from "@/lib/schemas/forms";

export function PublishForm({ incidentId, revision }: { incidentId: string; revision: number }) {
  const [state, action, pending] = useActionState<FormState, FormData>(publishIncidentAction, { ok: false });
  const t = useTranslations("console.incidentForm");
  return (
    <form action={action} className="space-y-2">
      <input type="hidden" name="incidentId" value={incidentId} />
      <input type="hidden" name="revision" value={revision} />
      <FormMessage state={state} />
      <DemoClockConfirm state={state} />
      <button type="submit" className={buttonClass} disabled={pending}>
        {t("publishNow")}
      </button>
    </form>
  );
}

/** Fixes an update's text; the original stays in the audit log. */
export function CorrectUpdateForm({ updateId, revision, body }: { updateId: string; revision: number; body: string }) {
  const [state, action, pending] = useActionState<FormState, FormData>(correctUpdateAction, { ok: false });
  const t = useTranslations("console.incidentForm");
  const id = `correct-${updateId}`;
  return (
    <details className="mt-2">
      <summary className="cursor-pointer underline underline-offset-2">{t("correct")}</summary>
      <form action={action} className="mt-2 space-y-2" noValidate>
        <input type="hidden" name="updateId" value={updateId} />
        <input type="hidden" name="revision" value={revision} />
        <FormMessage state={state} />
        <Field id={id} label={t("corrected")} error={state.fieldErrors?.body}>
          <textarea id={id} name="body" rows={5} maxLength={BODY_MAX} defaultValue={String(state.ok ? body : (state.values?.body ?? body))} className={inputClass} />
        </Field>
        <button type="submit" className={buttonClass} disabled={pending}>
          {t("saveCorrection")}
        </button>
      </form>
    </details>
  );
}
