"use client";

import { useTranslations } from "next-intl";
import { useActionState, type ReactNode } from "react";
import { addUserAction, changeUserAction } from "@/app/admin/actions";
import { buttonClass, Field, FormMessage, inputClass } from "@/components/admin/field";
import { ROLES, type Role } from "@/lib/constants";
import type { FormState } from "@/lib/schemas/forms";

/** The part of a button's name only a screen reader says (which user it acts on). */
const hidden = (chunks: ReactNode) => <span className="sr-only">{chunks}</span>;

export function AddUserForm() {
  const [state, action, pending] = useActionState<FormState, FormData>(addUserAction, { ok: false });
  const t = useTranslations("console.users");
  const roles = useTranslations("console.roles");
  const errors = state.fieldErrors ?? {};
  return (
    <form action={action} className="space-y-3" noValidate>
      <FormMessage state={state} />
      <Field id="new-email" label={t("email")} error={errors.email}>
        <input id="new-email" name="email" type="email" required defaultValue={state.ok ? "" : String(state.values?.email ?? "")} className={inputClass} />
      </Field>
      <Field id="new-name" label={t("name")} error={errors.name}>
        <input id="new-name" name="name" defaultValue={state.ok ? "" : String(state.values?.name ?? "")} className={inputClass} />
      </Field>
      <Field id="new-role" label={t("role")} error={errors.role}>
        <select id="new-role" name="role" defaultValue="editor" className={inputClass}>
          {ROLES.map((role) => (
            <option key={role} value={role}>
              {roles(role)}
            </option>
          ))}
        </select>
      </Field>
      <button type="submit" className={buttonClass} disabled={pending}>
        {t("addButton")}
      </button>
    </form>
  );
}

/** Role, disable and two-factor reset for one user; each is its own button. */
export function UserControls({ userId, email, role, disabled, twoFactor }: { userId: string; email: string; role: Role; disabled: boolean; twoFactor: boolean }) {
  const [state, action, pending] = useActionState<FormState, FormData>(changeUserAction, { ok: false });
  const t = useTranslations("console.users");
  const roles = useTranslations("console.roles");
  return (
    <form action={action} className="flex flex-wrap items-center gap-2">
      <input type="hidden" name="userId" value={userId} />
      <label htmlFor={`role-${userId}`} className="sr-only">
        {t("roleOf", { email })}
      </label>
      <select id={`role-${userId}`} name="role" defaultValue={role} className="rounded border border-neutral-400 px-2 py-1 dark:bg-neutral-900">
        {ROLES.map((option) => (
          <option key={option} value={option}>
            {roles(option)}
          </option>
        ))}
      </select>
      <button type="submit" name="intent" value="role" className="rounded border px-2 py-1" disabled={pending}>
        {t.rich("changeRole", { email, hidden })}
      </button>
      <button type="submit" name="disabled" value={disabled ? "false" : "true"} className="rounded border px-2 py-1" disabled={pending}>
        {t.rich(disabled ? "enable" : "disable", { email, hidden })}
      </button>
      {twoFactor ? (
        <button type="submit" name="intent" value="reset-two-factor" className="rounded border px-2 py-1" disabled={pending}>
          {t.rich("resetTwoFactor", { email, hidden })}
        </button>
      ) : null}
      <FormMessage state={state} />
    </form>
  );
}

export function RequireTwoFactorForm({ required }: { required: boolean }) {
  const [state, action, pending] = useActionState<FormState, FormData>(changeUserAction, { ok: false });
  const t = useTranslations("console.users");
  return (
    <form action={action} className="space-y-2">
      <FormMessage state={state} />
      <input type="hidden" name="intent" value="require-two-factor" />
      <input type="hidden" name="required" value={required ? "false" : "true"} />
      <button type="submit" className={buttonClass} disabled={pending}>
        {required ? t("makeOptional") : t("requireAll")}
      </button>
    </form>
  );
}
