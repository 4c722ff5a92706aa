"use client";

import { useActionState } from "react";
import { updateSettingsAction } from "@/app/admin/actions";
import { buttonClass, Field, FormMessage, inputClass } from "@/components/admin/field";
import type { FormState } from "@/lib/schemas/forms";
import { validatedAction } from "@/lib/schemas/validated-action";
import { settingsSchema } from "@/lib/schemas/admin";

const updateSettingsActionChecked = validatedAction(settingsSchema, updateSettingsAction);

export function SettingsForm({ current, timeZones }: { current: { name: string; url: string; timeZone: string; description: string; asOf: string | null }; timeZones: string[] }) {
  const [state, action, pending] = useActionState<FormState, FormData>(updateSettingsActionChecked, { ok: false });
  const values = { ...current, ...(state.ok ? {} : (state.values as Record<string, string> | undefined)) };
  const errors = state.fieldErrors ?? {};
  const field = (name: string) => ({ "aria-invalid": errors[name] ? true : undefined, "aria-describedby": errors[name] ? `${name}-error` : undefined });
  return (
    <form action={action} className="space-y-4" noValidate>
      <FormMessage state={state} />
      <Field id="name" label="Page name" error={errors.name}>
        <input id="name" name="name" defaultValue={values.name} maxLength={100} className={inputClass} {...field("name")} />
      </Field>
      <Field id="url" label="Public address" hint="Where readers find the page; feeds and links are built from it." error={errors.url}>
        <input id="url" name="url" type="url" defaultValue={values.url} className={inputClass} {...field("url")} />
      </Field>
      <Field id="timeZone" label="Time zone" hint="Every time on the public pages is shown in it, with the zone named." error={errors.timeZone}>
        <input id="timeZone" name="timeZone" list="time-zones" defaultValue={values.timeZone} className={inputClass} {...field("timeZone")} />
        <datalist id="time-zones">
          {timeZones.map((zone) => (
            <option key={zone} value={zone} />
          ))}
        </datalist>
      </Field>
      <Field id="description" label="Description" error={errors.description}>
        <textarea id="description" name="description" rows={3} maxLength={500} defaultValue={values.description} className={inputClass} {...field("description")} />
      </Field>
      {current.asOf ? (
        <label className="flex items-center gap-2">
          <input type="checkbox" name="clearAsOf" value="on" /> Stop showing the demo as of {current.asOf}; use the real time
        </label>
      ) : null}
      <button type="submit" className={buttonClass} disabled={pending}>
        Save settings
      </button>
    </form>
  );
}
