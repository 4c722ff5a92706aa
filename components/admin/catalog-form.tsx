"use client";

import { createContext, useActionState, useContext, useState, type ReactNode } from "react";
import { catalogAction } from "@/app/admin/actions";
import { Field, FieldError, FormMessage, inputClass } from "@/components/admin/field";
import type { FormState } from "@/lib/schemas/forms";

// Services-and-groups forms: the page lays out the fields; each CatalogInput shows its
// own error beside it and, after a refusal, what was typed rather than the saved value.

/** The form's last answer, and the names of the fields that show their own errors. */
const CatalogState = createContext<{ state: FormState; shown: Set<string> }>({ state: { ok: false }, shown: new Set() });

export function CatalogForm({ intent, children, className = "" }: { intent: string; children: ReactNode; className?: string }) {
  const [state, action, pending] = useActionState<FormState, FormData>(catalogAction, { ok: false });
  // Filled as the fields render (the first render, before any answer can carry errors).
  const [shown] = useState(() => new Set<string>());
  const elsewhere = Object.entries(state.fieldErrors ?? {}).filter(([name]) => !shown.has(name));
  return (
    <form action={action} className={className} noValidate aria-busy={pending}>
      <input type="hidden" name="intent" value={intent} />
      <FormMessage state={state} />
      {elsewhere.length ? (
        <ul className="text-sm text-major">
          {elsewhere.map(([name, message]) => (
            <li key={name}>{message}</li>
          ))}
        </ul>
      ) : null}
      <CatalogState.Provider value={{ state, shown }}>{children}</CatalogState.Provider>
    </form>
  );
}

function useField(name: string) {
  const { state, shown } = useContext(CatalogState);
  shown.add(name);
  // After a refusal, what was sent (an unticked box is absent from it).
  const sent = !state.ok && state.values ? state.values : undefined;
  return { error: state.ok ? undefined : state.fieldErrors?.[name], sent, typed: sent?.[name] };
}

/** A labelled text input, or a select when given options as children. */
export function CatalogInput({ id, name, label, defaultValue = "", children }: { id: string; name: string; label: string; defaultValue?: string; children?: ReactNode }) {
  const { error, typed } = useField(name);
  const value = typeof typed === "string" ? typed : defaultValue;
  const field = {
    id,
    name,
    defaultValue: value,
    className: inputClass,
    "aria-invalid": error ? true : undefined,
    "aria-describedby": error ? `${id}-error` : undefined,
  };
  return (
    <Field id={id} label={label} error={error}>
      {/* A select ignores a new defaultValue once mounted: a new key mounts it afresh. */}
      {children ? (
        <select key={value} {...field}>
          {children}
        </select>
      ) : (
        <input {...field} />
      )}
    </Field>
  );
}

/** A checkbox (e.g. "confirm", value "yes"), with its error beside it. */
export function CatalogCheckbox({ id, name, defaultChecked = false, className = "", children }: { id: string; name: string; defaultChecked?: boolean; className?: string; children: ReactNode }) {
  const { error, sent, typed } = useField(name);
  const checked = sent ? typed === "on" || typed === "yes" : defaultChecked;
  return (
    <div className="space-y-1">
      <label className={`flex items-center gap-2 ${className}`}>
        <input
          key={String(checked)}
          id={id}
          type="checkbox"
          name={name}
          value={name === "confirm" ? "yes" : "on"}
          defaultChecked={checked}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-error` : undefined}
        />{" "}
        {children}
      </label>
      <FieldError id={id} error={error} />
    </div>
  );
}
