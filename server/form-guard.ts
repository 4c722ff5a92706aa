import "server-only";
import type { FormState } from "@/lib/schemas/forms";
import { AuthError } from "@/server/auth";
import { isDatabaseUnavailable } from "@/server/db";
import { SealError } from "@/server/secret-box";
import { assertSameOrigin } from "@/server/session";

/**
 * What every form's server action does around its work: check the request came from
 * our own pages, and turn refusals and outages into messages a person can act on,
 * keeping what they typed.
 */
export async function guarded(values: Record<string, unknown>, work: () => Promise<FormState>): Promise<FormState> {
  try {
    await assertSameOrigin();
    return await work();
  } catch (error) {
    if (error instanceof AuthError || error instanceof SealError) return { ok: false, error: error.message, values };
    if (isDatabaseUnavailable(error)) {
      return { ok: false, error: "The database cannot be reached right now, so nothing was saved. Your text is kept: try again in a moment.", values };
    }
    console.error(error);
    return { ok: false, error: "Something went wrong on our side; nothing was saved. Try again.", values };
  }
}
