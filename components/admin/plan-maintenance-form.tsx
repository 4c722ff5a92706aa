"use client";

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
      <fieldset className="space-y-2">
        <legend className="font-medium">Runs by itself</legend>
        <label className="flex items-center gap-2">
          <input type="checkbox" name="autoStart" value="on" defaultChecked={values.autoStart === "on"} />
          Start automatically at the scheduled time
        </label>
        <label className="flex items-center gap-2">
          <input type="checkbox" name="autoComplete" value="on" defaultChecked={values.autoComplete === "on"} />
          Complete automatically at the scheduled end
        </label>
        <p className="text-sm text-neutral-600 dark:text-neutral-400">Starting posts “In progress” and puts the services below under maintenance; completing posts “Completed” and gives them back the status they had.</p>
      </fieldset>
      <Field id="remindBeforeMinutes" label="Remind subscribers before it starts" error={errors.remindBeforeMinutes}>
        {/* Keyed by the value sent back: a select keeps its first default across a refused submit otherwise. */}
        <select key={String(values.remindBeforeMinutes ?? "")} id="remindBeforeMinutes" name="remindBeforeMinutes" defaultValue={String(values.remindBeforeMinutes ?? "")} className={inputClass} {...aria("remindBeforeMinutes")}>
          {REMIND_CHOICES.map((choice) => (
            <option key={choice.value} value={choice.value}>
              {choice.label}
            </option>
          ))}
        </select>
      </Field>
      <Field id="remindCustomMinutes" label="Custom reminder, in minutes before the start" hint="Used when the reminder is “Custom…”. 90 is an hour and a half." error={errors.remindCustomMinutes}>
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
        label="Show on the public page"
        hint="Until then the status page’s upcoming list leaves it out; its own page, the history, the feeds and the maintenance calendar show it from the announcement."
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
            <option key={choice.value} value={choice.value}>
              {choice.label}
            </option>
          ))}
        </select>
      </Field>
      <Field id="announceCustomHours" label="Custom: hours before the start" hint="Used when “Show on the public page” is “Custom…”. 72 is three days." error={errors.announceCustomHours}>
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
        <legend className="font-medium">Tell subscribers by mail and webhook</legend>
        <label className="flex items-center gap-2">
          <input type="radio" name="notify" value="yes" defaultChecked={values.notify !== "no"} />
          Yes: when it is planned, the reminder, the start, the end and any change of plan
        </label>
        <label className="flex items-center gap-2">
          <input type="radio" name="notify" value="no" defaultChecked={values.notify === "no"} />
          No: only the status page shows it
        </label>
      </fieldset>
      <ImpactSelect defaultValue={String(values.impact ?? "none")} error={errors.impact} />
      <ServiceCheckboxes services={services} chosen={chosen} />
      <Field id="body" label="Announcement" hint="What will happen, what readers will notice, and what they should do." error={errors.body}>
        <MarkdownEditor id="body" name="body" defaultValue={String(values.body ?? "")} invalid={Boolean(errors.body)} describedBy="body-hint" />
      </Field>
      <DemoClockConfirm state={state} />
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
