import "server-only";
import { getTranslations } from "next-intl/server";
import type { FormState } from "@/lib/schemas/forms";
import { isDatabaseUnavailable } from "@/server/db";
import { MutationError, refusal } from "@/server/mutation-error";
import { assertSameOrigin } from "@/server/session";

/**
 * What every form's server action does around its work: check the request came from
 * our own pages, and turn refusals (a MutationError: who may not, a secret that cannot
 * be opened) and outages into messages a person can act on, keeping what they typed.
 * A JSON API route maps the same MutationError to its HTTP status instead. Its own
 * messages are in the request's language (the console's is English).
 */
export async function guarded(values: Record<string, unknown>, work: () => Promise<FormState>): Promise<FormState> {
  try {
    await assertSameOrigin();
    return await work();
  } catch (error) {
    if (isDatabaseUnavailable(error)) {
      return { ok: false, error: (await getTranslations("errors"))("databaseDown"), values };
    }
    const refused = MutationError.from(error);
    if (refused) return refusal(refused, values);
    console.error(error);
    return { ok: false, error: (await getTranslations("errors"))("failed"), values };
  }
}
