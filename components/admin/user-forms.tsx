"use client";

import { useActionState } from "react";
import { addUserAction, changeUserAction } from "@/app/admin/actions";
import { buttonClass, Field, FormMessage, inputClass } from "@/components/admin/field";
import { ROLE_LABELS, ROLES, type Role } from "@/lib/constants";
import type { FormState } from "@/lib/schemas/forms";

export function AddUserForm() {
  const [state, action, pending] = useActionState<FormState, FormData>(addUserAction, { ok: false });
  const errors = state.fieldErrors ?? {};
  return (
    <form action={action} className="space-y-3" noValidate>
      <FormMessage state={state} />
      <Field id="new-email" label="Email" error={errors.email}>
        <input id="new-email" name="email" type="email" required defaultValue={state.ok ? "" : String(state.values?.email ?? "")} className={inputClass} />
      </Field>
      <Field id="new-name" label="Name" error={errors.name}>
        <input id="new-name" name="name" defaultValue={state.ok ? "" : String(state.values?.name ?? "")} className={inputClass} />
      </Field>
      <Field id="new-role" label="Role" error={errors.role}>
        <select id="new-role" name="role" defaultValue="editor" className={inputClass}>
          {ROLES.map((role) => (
            <option key={role} value={role}>
              {ROLE_LABELS[role]}
            </option>
          ))}
        </select>
      </Field>
      <button type="submit" className={buttonClass} disabled={pending}>
        Add user
      </button>
    </form>
  );
}

/** Role, disable and two-factor reset for one user; each is its own button. */
export function UserControls({ userId, email, role, disabled, twoFactor }: { userId: string; email: string; role: Role; disabled: boolean; twoFactor: boolean }) {
  const [state, action, pending] = useActionState<FormState, FormData>(changeUserAction, { ok: false });
  return (
    <form action={action} className="flex flex-wrap items-center gap-2">
      <input type="hidden" name="userId" value={userId} />
      <label htmlFor={`role-${userId}`} className="sr-only">
        Role of {email}
      </label>
      <select id={`role-${userId}`} name="role" defaultValue={role} className="rounded border border-neutral-400 px-2 py-1 dark:bg-neutral-900">
        {ROLES.map((option) => (
          <option key={option} value={option}>
            {ROLE_LABELS[option]}
          </option>
        ))}
      </select>
      <button type="submit" name="intent" value="role" className="rounded border px-2 py-1" disabled={pending}>
        Change role<span className="sr-only"> of {email}</span>
      </button>
      <button type="submit" name="disabled" value={disabled ? "false" : "true"} className="rounded border px-2 py-1" disabled={pending}>
        {disabled ? "Enable" : "Disable"}
        <span className="sr-only"> {email}</span>
      </button>
      {twoFactor ? (
        <button type="submit" name="intent" value="reset-two-factor" className="rounded border px-2 py-1" disabled={pending}>
          Reset two-factor<span className="sr-only"> of {email}</span>
        </button>
      ) : null}
      <FormMessage state={state} />
    </form>
  );
}

export function RequireTwoFactorForm({ required }: { required: boolean }) {
  const [state, action, pending] = useActionState<FormState, FormData>(changeUserAction, { ok: false });
  return (
    <form action={action} className="space-y-2">
      <FormMessage state={state} />
      <input type="hidden" name="intent" value="require-two-factor" />
      <input type="hidden" name="required" value={required ? "false" : "true"} />
      <button type="submit" className={buttonClass} disabled={pending}>
        {required ? "Make two-factor optional" : "Require two-factor for everyone"}
      </button>
    </form>
  );
}
