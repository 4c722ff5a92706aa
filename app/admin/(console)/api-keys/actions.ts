"use server";

import { revalidatePath } from "next/cache";
import { formToObject, type FormState } from "@/lib/schemas/forms";
import { issueApiKey, revokeApiKey } from "@/server/api-keys";
import { guarded } from "@/server/form-guard";
import { currentActor } from "@/server/session";

// Glue between the API key forms and server/api-keys.ts.

export interface IssueApiKeyState extends FormState {
  /** The new key, in this one answer only: it is stored hashed. */
  key?: string;
}

export async function issueApiKeyAction(_previous: IssueApiKeyState, formData: FormData): Promise<IssueApiKeyState> {
  const values = formToObject(formData);
  let key: string | undefined;
  const state = await guarded(values, async () => {
    const result = await issueApiKey(await currentActor(), values);
    key = result.key;
    return result;
  });
  if (!state.ok) return state;
  revalidatePath("/admin/api-keys");
  return { ok: true, message: state.message, key };
}

export async function revokeApiKeyAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const values = formToObject(formData);
  const state = await guarded({}, async () => revokeApiKey(await currentActor(), values));
  if (state.ok) revalidatePath("/admin/api-keys");
  return state;
}
