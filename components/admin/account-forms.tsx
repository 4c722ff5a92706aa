"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { changePasswordAction, setConsoleLanguageAction } from "@/app/admin/actions";
import { buttonClass, Field, FormMessage, inputClass } from "@/components/admin/field";
import type { Locale } from "@/lib/i18n/locales";
import type { FormState } from "@/lib/schemas/forms";
import { validatedAction } from "@/lib/schemas/validated-action";
import { changePasswordSchema } from "@/lib/schemas/auth";

const changePasswordActionChecked = validatedAction(changePasswordSchema, changePasswordAction);

/** `languages`: each named in itself ("日本語"), as a person looking for theirs reads it (lib/i18n/catalogs.ts LANGUAGES). */
/** The server action is handed to the form as it is, so it works with JavaScript off. */
export function ConsoleLanguageForm({ locale, languages }: { locale: Locale | null; languages: readonly { code: Locale; name: string }[] }) {
  const [state, action, pending] = useActionState<FormState, FormData>(setConsoleLanguageAction, { ok: false });
  const t = useTranslations("console.account");
  const error = state.fieldErrors?.locale;
  return (
    <form action={action} className="space-y-3" noValidate>
      <FormMessage state={state} />
      <Field id="locale" label={t("languageLabel")} error={error}>
        <select id="locale" name="locale" defaultValue={locale ?? ""} aria-invalid={error ? true : undefined} aria-describedby={error ? "locale-error" : undefined} className={inputClass}>
          <option value="">{t("followBrowser")}</option>
          {languages.map((language) => (
            <option key={language.code} value={language.code} lang={language.code}>
              {language.name}
            </option>
          ))}
        </select>
      </Field>
      <button type="submit" className={buttonClass} disabled={pending}>
        {t("save")}
      </button>
    </form>
  );
}

export function ChangePasswordForm() {
  const [state, action, pending] = useActionState<FormState, FormData>(changePasswordActionChecked, { ok: false });
  const t = useTranslations("console.account");
  const errors = state.fieldErrors ?? {};
  const field = (name: string, label: string, autoComplete: string) => (
    <Field id={name} label={label} error={errors[name]}>
      <input
        id={name}
        name={name}
        type="password"
        autoComplete={autoComplete}
        aria-invalid={errors[name] ? true : undefined}
        aria-describedby={errors[name] ? `${name}-error` : undefined}
        className={inputClass}
      />
    </Field>
  );
  return (
    <form action={action} className="space-y-3" noValidate key={state.ok ? "done" : "editing"}>
      <FormMessage state={state} />
      {field("currentPassword", t("currentPassword"), "current-password")}
      {field("newPassword", t("newPassword"), "new-password")}
      {field("confirmPassword", t("confirmPassword"), "new-password")}
      <button type="submit" className={buttonClass} disabled={pending}>
        {t("changePassword")}
      </button>
    </form>
  );
}
