import { z } from "zod";
import { stripBidiControls } from "@/lib/bidi";

// Pieces shared by every form schema.

/** Characters no one types on purpose: they break feeds (XML) and hide text. */
export const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

export function text(label: string, max: number) {
  return z
    .string({ error: `Enter ${label}.` })
    .trim()
    .min(1, { error: `Enter ${label}.` })
    .max(max, { error: `Keep ${label} under ${max.toLocaleString("en-GB")} characters.` })
    .refine((value) => !CONTROL.test(value), { error: `Remove the invisible control characters from ${label}.` });
}

/**
 * A title or name: text() without bidi embeddings, overrides or isolates, which would
 * reorder what feeds, mail subjects and pages show after it (lib/bidi.ts). Dropped, not
 * refused: they are invisible, so no one could find them to remove them.
 */
export function plainTitle(label: string, max: number) {
  // One line: a pasted line break would split a mail subject or a feed title.
  return z
    .string({ error: `Enter ${label}.` })
    .transform((value) => stripBidiControls(value).replace(/[\r\n]+/g, " "))
    .pipe(text(label, max));
}

/** An optional description: like a title's rules (no bidi controls, no control characters), and may be empty. */
export function description(max: number) {
  return z
    .string()
    .transform(stripBidiControls)
    .pipe(
      z
        .string()
        .trim()
        .max(max, { error: `Keep the description under ${max.toLocaleString("en-GB")} characters.` })
        .refine((value) => !CONTROL.test(value), { error: "Remove the invisible control characters from the description." }),
    )
    .default("");
}

export const id = z.string({ error: "Missing id." }).min(1, { error: "Missing id." }).max(64, { error: "Unknown id." }).regex(/^[\w-]+$/, { error: "Unknown id." });

/** The fields a form post carries as a plain object; repeated names become arrays. */
export function formToObject(formData: FormData): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const [key, value] of formData.entries()) {
    if (typeof value !== "string" || key.startsWith("$ACTION")) continue;
    const existing = result[key];
    result[key] = existing === undefined ? value : Array.isArray(existing) ? [...existing, value] : [existing, value];
  }
  return result;
}

export type FieldErrors = Record<string, string>;

export interface FormState {
  ok: boolean;
  /** The message for the form as a whole. */
  error?: string;
  /** One message per field, shown next to it. */
  fieldErrors?: FieldErrors;
  /** What the user typed, so nothing is lost on an error. */
  values?: Record<string, unknown>;
  message?: string;
}

/**
 * What a mutation answers (server/mutation.ts): its output on success, or why it was
 * refused. Every result is a FormState, so a form shows it as it is.
 */
export type MutationResult<Output extends object = object> =
  | ({ ok: true; error?: undefined; fieldErrors?: undefined; message?: string; values?: undefined } & Output)
  | ({ ok: false; error: string; fieldErrors?: FieldErrors; values?: Record<string, unknown>; message?: undefined } & { [Key in keyof Output]?: undefined });

export function fieldErrorsOf(error: z.ZodError): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of error.issues) {
    const key = issue.path.join(".") || "form";
    errors[key] ??= issue.message;
  }
  return errors;
}
