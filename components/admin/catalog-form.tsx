"use client";

import { createContext, useActionState, useContext, type ReactNode } from "react";
import { catalogAction } from "@/app/admin/actions";
import { Field, FormMessage, inputClass } from "@/components/admin/field";
import type { FormState } from "@/lib/schemas/forms";

// Services-and-groups forms: the page lays out the fields; each CatalogInput shows its
// own error beside it and, after a refusal, what was typed rather than the saved value.

const CatalogState = createContext<FormState>({ ok: false });

export function CatalogForm({ intent, children, className = "" }: { intent: string; children: ReactNode; className?: string }) {
  const [state, action, pending] = useActionState<FormState, FormData>(catalogAction, { ok: false });
  return (
    <form action={action} className={className} noValidate aria-busy={pending}>
      <input type="hidden" name="intent" value={intent} />
      <FormMessage state={state} />
      <CatalogState.Provider value={state}>{children}</CatalogState.Provider>
    </form>
  );
}

/** A labelled text input, or a select when given options as children. */
export function CatalogInput({ id, name, label, defaultValue = "", children }: { id: string; name: string; label: string; defaultValue?: string; children?: ReactNode }) {
  const state = useContext(CatalogState);
  const error = state.ok ? undefined : state.fieldErrors?.[name];
  const typed = state.ok ? undefined : state.values?.[name];
  const field = {
    id,
    name,
    defaultValue: typeof typed === "string" ? typed : defaultValue,
    className: inputClass,
    "aria-invalid": error ? true : undefined,
    "aria-describedby": error ? `${id}-error` : undefined,
  };
  return (
    <Field id={id} label={label} error={error}>
      {children ? <select {...field}>{children}</select> : <input {...field} />}
    </Field>
  );
}

/** A ticked-to-confirm box, with its error beside it. */
export function CatalogConfirm({ id, children }: { id: string; children: ReactNode }) {
  const state = useContext(CatalogState);
  const error = state.ok ? undefined : state.fieldErrors?.confirm;
  return (
    <div className="space-y-1">
      <label className="flex items-center gap-2 text-sm">
        <input id={id} type="checkbox" name="confirm" value="yes" aria-invalid={error ? true : undefined} aria-describedby={error ? `${id}-error` : undefined} /> {children}
      </label>
      {error ? (
        <p id={`${id}-error`} className="text-sm font-medium text-major">
          {error}
        </p>
      ) : null}
    </div>
  );
}
