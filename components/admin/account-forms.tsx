"use client";

import { useActionState } from "react";
import { changePasswordAction } from "@/app/admin/actions";
import { buttonClass, Field, FormMessage, inputClass } from "@/components/admin/field";
import type { FormState } from "@/lib/schemas/forms";
import { validatedAction } from "@/lib/schemas/validated-action";
import { changePasswordSchema } from "@/lib/schemas/auth";

const changePasswordActionChecked = validatedAction(changePasswordSchema, changePasswordAction);

export function ChangePasswordForm() {
  const [state, action, pending] = useActionState<FormState, FormData>(changePasswordActionChecked, { ok: false });
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
      {field("currentPassword", "Current password", "current-password")}
      {field("newPassword", "New password", "new-password")}
      {field("confirmPassword", "New password again", "new-password")}
      <button type="submit" className={buttonClass} disabled={pending}>
        Change password
      </button>
    </form>
  );
}
