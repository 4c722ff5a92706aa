"use client";

import { useActionState } from "react";
import { verifySecondFactorAction } from "@/app/admin/actions";
import { buttonClass, Field, FormMessage, inputClass } from "@/components/admin/field";
import type { FormState } from "@/lib/schemas/forms";

export function VerifyForm() {
  const [state, action, pending] = useActionState<FormState, FormData>(verifySecondFactorAction, { ok: false });
  return (
    <form action={action} className="space-y-4" noValidate>
      <FormMessage state={state} />
      <Field id="code" label="Authentication code" hint="The 6-digit code from your authenticator app, or one of your recovery codes.">
        <input id="code" name="code" autoComplete="one-time-code" inputMode="text" required aria-describedby="code-hint" className={inputClass} />
      </Field>
      <button type="submit" className={buttonClass} disabled={pending}>
        {pending ? "Checking…" : "Verify"}
      </button>
    </form>
  );
}
