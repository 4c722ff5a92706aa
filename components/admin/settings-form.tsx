"use client";

import { useFormatter, useTranslations } from "next-intl";
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
  const t = useTranslations("console.settings");
  const format = useFormatter();
  const errors = state.fieldErrors ?? {};
  const field = (name: string) => ({ "aria-invalid": errors[name] ? true : undefined, "aria-describedby": errors[name] ? `${name}-error` : undefined });
  return (
    <form action={action} className="space-y-4" noValidate>
      <FormMessage state={state} />
      <Field id="name" label={t("name")} error={errors.name}>
        <input id="name" name="name" defaultValue={values.name} maxLength={100} className={inputClass} {...field("name")} />
      </Field>
      <Field id="url" label={t("url")} hint={t("urlHint")} error={errors.url}>
        <input id="url" name="url" type="url" defaultValue={values.url} className={inputClass} {...field("url")} />
      </Field>
      <Field id="timeZone" label={t("timeZone")} hint={t("timeZoneHint")} error={errors.timeZone}>
        <input id="timeZone" name="timeZone" list="time-zones" defaultValue={values.timeZone} className={inputClass} {...field("timeZone")} />
        <datalist id="time-zones">
          {timeZones.map((zone) => (
            <option key={zone} value={zone} />
          ))}
        </datalist>
      </Field>
      <Field
        id="defaultLocale"
        label={t("defaultLocale")}
        hint={t("defaultLocaleHint", {
          addresses: format.list(
            languages.filter((language) => language.code !== current.defaultLocale).map((language) => `/${language.code}`),
            { type: "disjunction" },
          ),
        })}
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
      <Field id="description" label={t("description")} error={errors.description}>
        <textarea id="description" name="description" rows={3} maxLength={500} defaultValue={values.description} className={inputClass} {...field("description")} />
      </Field>
      {current.asOf ? (
        <label className="flex items-center gap-2">
          <input type="checkbox" name="clearAsOf" value="on" /> {t("clearAsOf", { asOf: current.asOf })}
        </label>
      ) : null}
      <button type="submit" className={buttonClass} disabled={pending}>
        {t("save")}
      </button>
    </form>
  );
}
