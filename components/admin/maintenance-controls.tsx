"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { cancelMaintenanceAction, rescheduleMaintenanceAction } from "@/app/admin/(console)/maintenance/actions";
import { DemoClockConfirm } from "@/components/admin/demo-clock-confirm";
import { buttonClass, Field, FormMessage, inputClass } from "@/components/admin/field";
import type { FormState } from "@/lib/schemas/forms";
import { CANCEL_NOTE_MAX, CANCEL_TEXT } from "@/lib/schemas/maintenance";
import type { MaintenanceScheduleView } from "@/lib/views/maintenance";

// The server actions are handed to the forms as they are, so both work with JavaScript off;
// the server's field errors show beside the fields, and a refusal keeps its form open.

/** aria attributes tying a control to its hint and its error (Field's ids). */
const describe = (id: string, error: string | undefined, hint = false) => ({
  "aria-invalid": error ? true : undefined,
  "aria-describedby": [hint ? `${id}-hint` : "", error ? `${id}-error` : ""].filter(Boolean).join(" ") || undefined,
});

/** New times for a window; once it has started, only its end. */
export function RescheduleMaintenanceForm({ schedule, timeZone }: { schedule: MaintenanceScheduleView; timeZone: string }) {
  const [state, action, pending] = useActionState<FormState, FormData>(rescheduleMaintenanceAction, { ok: false });
  const errors = state.fieldErrors ?? {};
  const values = state.ok ? {} : (state.values ?? {});
  const t = useTranslations("console.maintenance");
  const started = schedule.status !== "scheduled";
  const label = started ? t("moveEnd") : t("reschedule");
  return (
    <details open={Boolean(state.error || state.message) || undefined}>
      <summary className="cursor-pointer underline underline-offset-2">{label}</summary>
      <form action={action} className="mt-2 space-y-3" noValidate key={`reschedule-${schedule.revision}`}>
        <input type="hidden" name="incidentId" value={schedule.incidentId} />
        <input type="hidden" name="revision" value={schedule.revision} />
        <FormMessage state={state} />
        {started ? null : (
          <Field id="reschedule-start" label={t("newStart", { zone: timeZone })} error={errors.scheduledStart}>
            <input id="reschedule-start" name="scheduledStart" type="datetime-local" defaultValue={String(values.scheduledStart ?? schedule.startLocal)} className={inputClass} {...describe("reschedule-start", errors.scheduledStart)} />
          </Field>
        )}
        <Field id="reschedule-end" label={t("newEnd", { zone: timeZone })} error={errors.scheduledEnd}>
          <input id="reschedule-end" name="scheduledEnd" type="datetime-local" defaultValue={String(values.scheduledEnd ?? schedule.endLocal)} className={inputClass} {...describe("reschedule-end", errors.scheduledEnd)} />
        </Field>
        <DemoClockConfirm state={state} />
        <button type="submit" className={buttonClass} disabled={pending}>
          {label}
        </button>
      </form>
    </details>
  );
}

/** Calls the window off: a final “Completed” update saying it was cancelled. */
export function CancelMaintenanceForm({ schedule }: { schedule: MaintenanceScheduleView }) {
  const [state, action, pending] = useActionState<FormState, FormData>(cancelMaintenanceAction, { ok: false });
  const t = useTranslations("console.maintenance");
  const error = state.fieldErrors?.body;
  const values = state.ok ? {} : (state.values ?? {});
  return (
    <details open={Boolean(state.error) || undefined}>
      <summary className="cursor-pointer underline underline-offset-2">{t("cancel")}</summary>
      <form action={action} className="mt-2 space-y-3" noValidate>
        <input type="hidden" name="incidentId" value={schedule.incidentId} />
        <input type="hidden" name="revision" value={schedule.revision} />
        <FormMessage state={state} />
        <Field id="cancel-body" label={t("cancelBody")} hint={t("cancelHint", { text: CANCEL_TEXT })} error={error}>
          <textarea id="cancel-body" name="body" rows={3} maxLength={CANCEL_NOTE_MAX} defaultValue={String(values.body ?? "")} className={inputClass} {...describe("cancel-body", error, true)} />
        </Field>
        <DemoClockConfirm state={state} />
        <button type="submit" className="rounded border border-major px-4 py-2 font-medium text-major disabled:opacity-60" disabled={pending}>
          {t("cancel")}
        </button>
      </form>
    </details>
  );
}
