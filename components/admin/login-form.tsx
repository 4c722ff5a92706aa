"use client";

import { useActionState } from "react";
import { signInAction } from "@/app/admin/actions";
import { buttonClass, Field, FormMessage, inputClass } from "@/components/admin/field";
import type { FormState } from "@/lib/schemas/forms";
import { validatedAction } from "@/lib/schemas/validated-action";
import { signInSchema } from "@/lib/schemas/auth";

const signInActionChecked = validatedAction(signInSchema, signInAction);

/**
 * `labels` come from the page, in the reader's language: the console's catalog reaches the
 * browser only behind the console's own access check (app/admin/(console)/layout.tsx).
 */
export function LoginForm({ labels }: { labels: { email: string; password: string; submit: string; pending: string } }) {
  const [state, action, pending] = useActionState<FormState, FormData>(signInActionChecked, { ok: false });
  return (
    <form action={action} className="space-y-4" noValidate>
      <FormMessage state={state} />
      <Field id="email" label={labels.email} error={state.fieldErrors?.email}>
        <input
          id="email"
          name="email"
          type="email"
          autoComplete="username"
          required
          defaultValue={String(state.values?.email ?? "")}
          aria-invalid={state.fieldErrors?.email ? true : undefined}
          aria-describedby={state.fieldErrors?.email ? "email-error" : undefined}
          className={inputClass}
        />
      </Field>
      <Field id="password" label={labels.password} error={state.fieldErrors?.password}>
        <input
          id="password"
          name="password"
          type="password"
          autoComplete="current-password"
          required
          aria-invalid={state.fieldErrors?.password ? true : undefined}
          aria-describedby={state.fieldErrors?.password ? "password-error" : undefined}
          className={inputClass}
        />
      </Field>
      <button type="submit" className={buttonClass} disabled={pending}>
        {pending ? labels.pending : labels.submit}
      </button>
    </form>
  );
}
