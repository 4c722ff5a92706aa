"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { planMaintenanceAction } from "@/app/admin/actions";
import { DemoClockConfirm } from "@/components/admin/demo-clock-confirm";
import { buttonClass, Field, FormMessage, inputClass } from "@/components/admin/field";
import { MarkdownEditor } from "@/components/admin/markdown-editor";
import { ImpactSelect, ServiceCheckboxes, type ServiceChoice } from "@/components/admin/update-fields";
import { planMaintenanceSchema, TITLE_MAX } from "@/lib/schemas/admin";
import { ANNOUNCE_CHOICES, ANNOUNCE_MAX_MINUTES, REMIND_CHOICES, REMIND_MAX_MINUTES } from "@/lib/schemas/maintenance";
import type { FormState } from "@/lib/schemas/forms";
import { validatedAction } from "@/lib/schemas/validated-action";

const planMaintenanceActionChecked = validatedAction(planMaintenanceSchema, planMaintenanceAction);

export function PlanMaintenanceForm({ services, timeZone }: { services: ServiceChoice[]; timeZone: string }) {
  const [state, action, pending] = useActionState<FormState, FormData>(planMaintenanceActionChecked, { ok: false });
  const t = useTranslations("console.maintenance");
  const form = useTranslations("console.incidentForm");
  const errors = state.fieldErrors ?? {};
  const values = state.values ?? {};
  const remindLabel = (choice: (typeof REMIND_CHOICES)[number]) => (choice === "" ? t("remindNone") : choice === "custom" ? t("custom") : t("remindHours", { hours: Number(choice) / 60 }));
  const announceLabel = (choice: (typeof ANNOUNCE_CHOICES)[number]) => (choice === "" ? t("announceAtOnce") : choice === "custom" ? t("custom") : t("announceDays", { days: Number(choice) / 1440 }));
  const chosen = new Set([values.services ?? []].flat().map(String));
  const aria = (name: string) => ({ "aria-invalid": errors[name] ? true : undefined, "aria-describedby": errors[name] ? `${name}-error` : undefined });
  return (
    <form action={action} className="space-y-5" noValidate>
      <FormMessage state={state} />
      <Field id="title" label={form("title")} error={errors.title}>
        <input id="title" name="title" maxLength={TITLE_MAX} defaultValue={String(values.title ?? "")} className={inputClass} {...aria("title")} />
      </Field>
      <Field id="scheduledStart" label={t("starts", { zone: timeZone })} error={errors.scheduledStart}>
        <input id="scheduledStart" name="scheduledStart" type="datetime-local" defaultValue={String(values.scheduledStart ?? "")} className={inputClass} {...aria("scheduledStart")} />
      </Field>
      <Field id="scheduledEnd" label={t("ends", { zone: timeZone })} error={errors.scheduledEnd}>
        <input id="scheduledEnd" name="scheduledEnd" type="datetime-local" defaultValue={String(values.scheduledEnd ?? "")} className={inputClass} {...aria("scheduledEnd")} />
      </Field>
      <fieldset className="space-y-2">
        <legend className="font-medium">{t("runsByItself")}</legend>
        <label className="flex items-center gap-2">
          <input type="checkbox" name="autoStart" value="on" defaultChecked={values.autoStart === "on"} />
          {t("autoStart")}
        </label>
        <label className="flex items-center gap-2">
          <input type="checkbox" name="autoComplete" value="on" defaultChecked={values.autoComplete === "on"} />
          {t("autoComplete")}
        </label>
        <p className="text-sm text-neutral-600 dark:text-neutral-400">{t("autoHint")}</p>
      </fieldset>
      <Field id="remindBeforeMinutes" label={t("remind")} error={errors.remindBeforeMinutes}>
        {/* Keyed by the value sent back: a select keeps its first default across a refused submit otherwise. */}
        <select key={String(values.remindBeforeMinutes ?? "")} id="remindBeforeMinutes" name="remindBeforeMinutes" defaultValue={String(values.remindBeforeMinutes ?? "")} className={inputClass} {...aria("remindBeforeMinutes")}>
          {REMIND_CHOICES.map((choice) => (
            <option key={choice} value={choice}>
              {remindLabel(choice)}
            </option>
          ))}
        </select>
      </Field>
      <Field id="remindCustomMinutes" label={t("remindCustom")} hint={t("remindCustomHint")} error={errors.remindCustomMinutes}>
        <input
          id="remindCustomMinutes"
          name="remindCustomMinutes"
          type="number"
          inputMode="numeric"
          min={1}
          max={REMIND_MAX_MINUTES}
          defaultValue={String(values.remindCustomMinutes ?? "")}
          className={inputClass}
          aria-invalid={errors.remindCustomMinutes ? true : undefined}
          aria-describedby={["remindCustomMinutes-hint", errors.remindCustomMinutes ? "remindCustomMinutes-error" : ""].filter(Boolean).join(" ")}
        />
      </Field>
      <Field
        id="announceBeforeMinutes"
        label={t("announce")}
        hint={t("announceHint")}
        error={errors.announceBeforeMinutes}
      >
        <select
          id="announceBeforeMinutes"
          name="announceBeforeMinutes"
          defaultValue={String(values.announceBeforeMinutes ?? "")}
          className={inputClass}
          aria-invalid={errors.announceBeforeMinutes ? true : undefined}
          aria-describedby={["announceBeforeMinutes-hint", errors.announceBeforeMinutes ? "announceBeforeMinutes-error" : ""].filter(Boolean).join(" ")}
        >
          {ANNOUNCE_CHOICES.map((choice) => (
            <option key={choice} value={choice}>
              {announceLabel(choice)}
            </option>
          ))}
        </select>
      </Field>
      <Field id="announceCustomHours" label={t("announceCustom")} hint={t("announceCustomHint")} error={errors.announceCustomHours}>
        <input
          id="announceCustomHours"
          name="announceCustomHours"
          type="number"
          inputMode="numeric"
          min={1}
          max={ANNOUNCE_MAX_MINUTES / 60}
          defaultValue={String(values.announceCustomHours ?? "")}
          className={inputClass}
          aria-invalid={errors.announceCustomHours ? true : undefined}
          aria-describedby={["announceCustomHours-hint", errors.announceCustomHours ? "announceCustomHours-error" : ""].filter(Boolean).join(" ")}
        />
      </Field>
      <fieldset className="space-y-1">
        <legend className="font-medium">{t("notify")}</legend>
        <label className="flex items-center gap-2">
          <input type="radio" name="notify" value="yes" defaultChecked={values.notify !== "no"} />
          {t("notifyYes")}
        </label>
        <label className="flex items-center gap-2">
          <input type="radio" name="notify" value="no" defaultChecked={values.notify === "no"} />
          {t("notifyNo")}
        </label>
      </fieldset>
      <ImpactSelect defaultValue={String(values.impact ?? "none")} error={errors.impact} />
      <ServiceCheckboxes services={services} chosen={chosen} />
      <Field id="body" label={t("announcement")} hint={t("announcementHint")} error={errors.body}>
        <MarkdownEditor id="body" name="body" defaultValue={String(values.body ?? "")} invalid={Boolean(errors.body)} describedBy="body-hint" />
      </Field>
      <DemoClockConfirm state={state} />
      <div className="flex flex-wrap gap-3">
        <button type="submit" name="publish" value="now" className={buttonClass} disabled={pending}>
          {t("announceButton")}
        </button>
        <button type="submit" name="publish" value="draft" className="rounded border border-neutral-500 px-4 py-2" disabled={pending}>
          {form("saveDraft")}
        </button>
      </div>
    </form>
  );
}
