"use client";

import { useActionState } from "react";
import { updateSettingsAction } from "@/app/admin/actions";
import { buttonClass, Field, FormMessage, inputClass } from "@/components/admin/field";
import type { FormState } from "@/lib/schemas/forms";
import { validatedAction } from "@/lib/schemas/validated-action";
import { settingsSchema } from "@/lib/schemas/admin";

const updateSettingsActionChecked = validatedAction(settingsSchema, updateSettingsAction);

export function SettingsForm({
  current,
  timeZones,
  languages,
}: {
  current: { name: string; url: string; timeZone: string; description: string; defaultLocale: string; asOf: string | null };
  timeZones: string[];
  /** Each language by its code, named in itself ("日本語"). */
  languages: readonly { code: string; name: string }[];
}) {
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
      <Field
        id="defaultLocale"
        label="Default language"
        hint={`What readers get at the page's own address (/). Every other language has its own address under its code, like ${languages
          .filter((language) => language.code !== current.defaultLocale)
          .map((language) => `/${language.code}`)
          .join(" or ")}.`}
        error={errors.defaultLocale}
      >
        <select
          id="defaultLocale"
          name="defaultLocale"
          defaultValue={values.defaultLocale}
          className={inputClass}
          aria-invalid={errors.defaultLocale ? true : undefined}
          aria-describedby={errors.defaultLocale ? "defaultLocale-hint defaultLocale-error" : "defaultLocale-hint"}
        >
          {languages.map((language) => (
            <option key={language.code} value={language.code} lang={language.code}>
              {language.name}
            </option>
          ))}
        </select>
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
