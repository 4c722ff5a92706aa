import { useTranslations } from "next-intl";
import type { ReactNode } from "react";
import { WALL_CLOCK_EXAMPLE } from "@/lib/wall-clock";

/** A labelled field with its error next to it, tied together for screen readers. */
export function Field({ id, label, error, hint, children }: { id: string; label: string; error?: string; hint?: string; children: ReactNode }) {
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block font-medium">
        {label}
      </label>
      {hint ? (
        <p id={`${id}-hint`} className="text-sm text-neutral-600 dark:text-neutral-400">
          {hint}
        </p>
      ) : null}
      {children}
      <FieldError id={id} error={error} />
    </div>
  );
}

/**
 * A date and time in the page's zone and style ("17 June 2011 08:30"), typed as text: a
 * datetime-local field shows the browser's locale (mm/dd/yyyy) whatever the page's zone.
 * The schema reads it (lib/wall-clock.ts); any form with a wall-clock time can use it.
 */
export function WallClockField({ id, label, timeZone, hint, defaultValue, error }: { id: string; label: string; timeZone: string; hint?: string; defaultValue: string; error?: string }) {
  const t = useTranslations("console.incidentForm");
  const describedBy = [`${id}-hint`, error ? `${id}-error` : ""].filter(Boolean).join(" ");
  const format = t("wallClockHint", { zone: timeZone, example: WALL_CLOCK_EXAMPLE });
  return (
    <Field id={id} label={label} hint={hint ? `${format} ${hint}` : format} error={error}>
      <input
        id={id}
        name={id}
        type="text"
        autoComplete="off"
        spellCheck={false}
        defaultValue={defaultValue}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
        className={`${inputClass} sm:max-w-xs`}
      />
    </Field>
  );
}

/** A field's error, with the id its control's aria-describedby names. */
export function FieldError({ id, error }: { id: string; error?: string }) {
  return error ? (
    <p id={`${id}-error`} className="text-sm font-medium text-major">
      {error}
    </p>
  ) : null;
}

export const inputClass =
  "w-full rounded border border-neutral-400 bg-white px-3 py-2 text-neutral-900 focus:outline-2 focus:outline-blue-600 dark:border-neutral-600 dark:bg-neutral-900 dark:text-neutral-100";

export const buttonClass =
  "rounded bg-neutral-900 px-4 py-2 font-medium text-white hover:bg-neutral-700 disabled:opacity-60 dark:bg-neutral-100 dark:text-neutral-900 dark:hover:bg-neutral-300";

export function FormMessage({ state }: { state: { ok: boolean; error?: string; message?: string } }) {
  if (state.error) {
    return (
      <p role="alert" className="rounded border border-major px-3 py-2 text-major">
        {state.error}
      </p>
    );
  }
  if (state.message) {
    return (
      <p role="status" className="rounded border border-ok px-3 py-2 text-ok">
        {state.message}
      </p>
    );
  }
  return null;
}
