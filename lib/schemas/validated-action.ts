import type { z } from "zod";
import { fieldErrorsOf, formToObject, type FormState } from "@/lib/schemas/forms";

/**
 * Runs the form's own zod schema in the browser before the server action is called,
 * so mistakes show next to their fields at once; the server runs the same schema again.
 */
export function validatedAction<State extends FormState>(
  schema: z.ZodType,
  action: (previous: State, formData: FormData) => Promise<State>,
  prepare: (values: Record<string, unknown>) => Record<string, unknown> = (values) => values,
) {
  return async (previous: State, formData: FormData): Promise<State> => {
    const values = prepare(formToObject(formData));
    const parsed = schema.safeParse(values);
    if (!parsed.success) {
      return { ...previous, ok: false, error: "Check the highlighted fields.", fieldErrors: fieldErrorsOf(parsed.error), values, message: undefined };
    }
    return action(previous, formData);
  };
}
