"use client";

import { useActionState } from "react";
import { issueApiKeyAction, revokeApiKeyAction, type IssueApiKeyState } from "@/app/admin/(console)/api-keys/actions";
import { buttonClass, Field, FieldError, FormMessage, inputClass } from "@/components/admin/field";
import { API_KEY_EXPIRY_MAX_DAYS, API_KEY_NAME_MAX, API_KEY_ROLES } from "@/lib/schemas/api-keys";
import { ROLE_LABELS } from "@/lib/constants";
import type { FormState } from "@/lib/schemas/forms";

/** The key, once: nothing stores it, so this answer is the only place it is ever shown. */
function NewKey({ message, apiKey }: { message?: string; apiKey: string }) {
  return (
    <div role="status" className="space-y-2 rounded border-2 border-degraded p-3">
      <p className="font-semibold">{message}</p>
      <label htmlFor="new-api-key" className="block font-medium">
        Your new API key
      </label>
      <input
        id="new-api-key"
        readOnly
        value={apiKey}
        aria-describedby="new-api-key-hint"
        onFocus={(event) => event.currentTarget.select()}
        className={`${inputClass} font-mono text-sm`}
      />
      <p id="new-api-key-hint" className="text-sm">
        Select it and copy it into your password manager or your integration&rsquo;s settings now. You will not see it again: Herald keeps only a hash of it.
      </p>
    </div>
  );
}

export function IssueApiKeyForm() {
  const [state, action, pending] = useActionState<IssueApiKeyState, FormData>(issueApiKeyAction, { ok: false });
  const errors = state.fieldErrors ?? {};
  const typed = (name: string) => (state.ok ? "" : String(state.values?.[name] ?? ""));
  /** Ties a field to its hint and its error, for screen readers. */
  const described = (name: string, hint: boolean) => ({
    "aria-invalid": errors[name] ? true : undefined,
    "aria-describedby": [hint ? `new-key-${name}-hint` : "", errors[name] ? `new-key-${name}-error` : ""].filter(Boolean).join(" ") || undefined,
  });
  return (
    <div className="space-y-3">
      {state.ok && state.key ? <NewKey message={state.message} apiKey={state.key} /> : null}
      <form action={action} className="space-y-3" noValidate aria-busy={pending}>
        {state.ok ? null : <FormMessage state={state} />}
        <Field id="new-key-name" label="Name" hint="What uses it, e.g. “Deploy pipeline”." error={errors.name}>
          <input id="new-key-name" name="name" required maxLength={API_KEY_NAME_MAX} defaultValue={typed("name")} key={`name-${typed("name")}`} className={inputClass} {...described("name", true)} />
        </Field>
        <Field id="new-key-role" label="Role" error={errors.role}>
          <select id="new-key-role" name="role" defaultValue={typed("role") || "editor"} key={`role-${typed("role")}`} className={inputClass} {...described("role", false)}>
            {API_KEY_ROLES.map((role) => (
              <option key={role} value={role}>
                {ROLE_LABELS[role]}
              </option>
            ))}
          </select>
        </Field>
        <Field id="new-key-expiresInDays" label="Expires after (days, optional)" hint="Leave empty for a key that works until it is revoked." error={errors.expiresInDays}>
          <input
            id="new-key-expiresInDays"
            name="expiresInDays"
            type="number"
            inputMode="numeric"
            min={1}
            max={API_KEY_EXPIRY_MAX_DAYS}
            step={1}
            defaultValue={typed("expiresInDays")}
            key={`expires-${typed("expiresInDays")}`}
            className={inputClass}
            {...described("expiresInDays", true)}
          />
        </Field>
        <button type="submit" className={buttonClass} disabled={pending}>
          Create key
        </button>
      </form>
    </div>
  );
}

/**
 * Revoking, behind a ticked box: whatever uses the key stops working at once. Rendered for
 * every key, so the answer stays on screen after the row turns "revoked".
 */
export function RevokeApiKeyForm({ apiKeyId, name, active }: { apiKeyId: string; name: string; active: boolean }) {
  const [state, action, pending] = useActionState<FormState, FormData>(revokeApiKeyAction, { ok: false });
  if (state.ok) return <FormMessage state={state} />;
  if (!active) return null;
  const confirmId = `revoke-${apiKeyId}-confirm`;
  const error = state.fieldErrors?.confirm;
  return (
    <details open={Boolean(state.error)}>
      <summary className="cursor-pointer text-sm underline underline-offset-2">
        Revoke<span className="sr-only"> “{name}”</span>…
      </summary>
      <form action={action} className="mt-2 space-y-2" noValidate aria-busy={pending}>
        <FormMessage state={state} />
        <input type="hidden" name="apiKeyId" value={apiKeyId} />
        <div className="space-y-1">
          <label className="flex items-center gap-2 text-sm">
            <input id={confirmId} type="checkbox" name="confirm" value="yes" aria-invalid={error ? true : undefined} aria-describedby={error ? `${confirmId}-error` : undefined} /> Yes, revoke “{name}”: whatever uses it stops working at once.
          </label>
          <FieldError id={confirmId} error={error} />
        </div>
        <button type="submit" className="rounded border border-neutral-500 px-2 py-1 text-sm" disabled={pending}>
          Revoke “{name}”
        </button>
      </form>
    </details>
  );
}
