"use client";

import { useActionState } from "react";
import { setIncidentTranslationAction, setUpdateTranslationAction } from "@/app/admin/incident-text-actions";
import { buttonClass, FieldError, FormMessage, inputClass } from "@/components/admin/field";
import type { FormState } from "@/lib/schemas/forms";

/** The console's words for the form (the panel reads them from the catalog). */
export interface TranslationFormLabels {
  label: string;
  hint: string;
  save: string;
  remove: string;
}

/**
 * One text's translation into one language: save, replace or remove it. The server action
 * is the form's own action, so it works without JavaScript; the translation's revision
 * refuses a stale save, and a refusal shows again what was typed.
 */
export function TranslationForm({
  target,
  fields,
  id,
  value,
  revision,
  lines,
  maxLength,
  labels,
}: {
  /** An incident's own text (title, advice, postmortem) or an update's. */
  target: "incident" | "update";
  /** The hidden fields naming the text: incidentId and field, or updateId; and locale. */
  fields: Record<string, string>;
  id: string;
  value: string;
  revision: number;
  lines: "one" | "many";
  maxLength: number;
  labels: TranslationFormLabels;
}) {
  const [state, action, pending] = useActionState<FormState, FormData>(target === "incident" ? setIncidentTranslationAction : setUpdateTranslationAction, { ok: false });
  const shown = state.ok ? value : String(state.values?.text ?? value);
  const error = state.fieldErrors?.text ?? state.fieldErrors?.locale;
  const describedBy = error ? `${id}-hint ${id}-error` : `${id}-hint`;
  const field = { id, name: "text", defaultValue: shown, maxLength, className: inputClass, "aria-invalid": error ? true : undefined, "aria-describedby": describedBy };
  return (
    <form action={action} className="space-y-2" noValidate key={state.ok ? `saved-${revision}` : "editing"}>
      {Object.entries(fields).map(([name, fieldValue]) => (
        <input key={name} type="hidden" name={name} value={fieldValue} />
      ))}
      <input type="hidden" name="revision" value={revision} />
      <FormMessage state={state} />
      <label htmlFor={id} className="block font-medium">
        {labels.label}
      </label>
      <p id={`${id}-hint`} className="text-sm text-neutral-600 dark:text-neutral-400">
        {labels.hint}
      </p>
      {lines === "one" ? <input type="text" {...field} /> : <textarea rows={5} {...field} />}
      <FieldError id={id} error={error} />
      <div className="flex flex-wrap gap-3">
        <button type="submit" name="intent" value="save" className={buttonClass} disabled={pending}>
          {labels.save}
        </button>
        {value ? (
          <button type="submit" name="intent" value="clear" className={buttonClass} disabled={pending}>
            {labels.remove}
          </button>
        ) : null}
      </div>
    </form>
  );
}
