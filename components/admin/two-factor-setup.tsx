"use client";

import { useActionState } from "react";
import { twoFactorAction, type TwoFactorState } from "@/app/admin/actions";
import { buttonClass, Field, FormMessage, inputClass } from "@/components/admin/field";

/** Begin (a new secret and QR code), confirm with a code, then see the recovery codes once. */
export function TwoFactorSetupForm({ enabled }: { enabled: boolean }) {
  const [state, action, pending] = useActionState<TwoFactorState, FormData>(twoFactorAction, { ok: false });
  if (state.recoveryCodes) {
    return (
      <div className="space-y-3">
        <FormMessage state={state} />
        <p>Keep these recovery codes somewhere safe. Each works once if you lose your phone; they are not shown again.</p>
        <ul aria-label="Recovery codes" className="grid grid-cols-2 gap-2 font-mono">
          {state.recoveryCodes.map((code) => (
            <li key={code}>{code}</li>
          ))}
        </ul>
        <p>
          <a href="/admin" className="underline underline-offset-2">
            Continue to the dashboard
          </a>
        </p>
      </div>
    );
  }
  if (!state.setup) {
    return (
      <form action={action} className="space-y-3">
        <FormMessage state={state} />
        <input type="hidden" name="step" value="begin" />
        <p>{enabled ? "Two-factor authentication is on. Setting it up again replaces your authenticator and recovery codes." : "Two-factor authentication is off."}</p>
        {enabled ? (
          <Field id="password" label="Your password" hint="Needed to replace the authenticator you use now." error={state.fieldErrors?.password}>
            <input
              id="password"
              name="password"
              type="password"
              autoComplete="current-password"
              required
              aria-invalid={state.fieldErrors?.password ? true : undefined}
              aria-describedby={state.fieldErrors?.password ? "password-hint password-error" : "password-hint"}
              className={inputClass}
            />
          </Field>
        ) : null}
        <button type="submit" className={buttonClass} disabled={pending}>
          {enabled ? "Set up a new authenticator" : "Set up two-factor authentication"}
        </button>
      </form>
    );
  }
  return (
    <form action={action} className="space-y-4" noValidate>
      <FormMessage state={state} />
      <p>Scan this code with an authenticator app, or type the key into it.</p>
      <div className="w-48 bg-white p-2" role="img" aria-label="QR code for your authenticator app" dangerouslySetInnerHTML={{ __html: state.setup.qrSvg }} />
      <p>
        Key: <code data-testid="totp-secret">{state.setup.secret}</code>
      </p>
      <input type="hidden" name="step" value="confirm" />
      <Field id="code" label="Code from the app" hint="Enter the 6-digit code the app shows now.">
        <input id="code" name="code" autoComplete="one-time-code" inputMode="numeric" required aria-describedby="code-hint" className={inputClass} />
      </Field>
      <button type="submit" className={buttonClass} disabled={pending}>
        Turn on two-factor
      </button>
    </form>
  );
}
