"use server";

import { revalidatePath } from "next/cache";
import { nestAffected } from "@/lib/schemas/admin";
import { formToObject, type FormState } from "@/lib/schemas/forms";
import { guarded } from "@/server/form-guard";
import { currentActor } from "@/server/session";
import { createTemplate, deleteTemplate, updateTemplate } from "@/server/templates";

// The template forms' glue, as app/admin/actions.ts is for the others: origin check,
// actor, one mutation, refusals as messages.

export async function createTemplateAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const values = nestAffected(formToObject(formData));
  const state = await guarded(values, async () => createTemplate(await currentActor(), values));
  // The incident pages' pickers list templates too.
  if (state.ok) revalidatePath("/admin", "layout");
  return state;
}

export async function updateTemplateAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const values = nestAffected(formToObject(formData));
  const state = await guarded(values, async () => updateTemplate(await currentActor(), values));
  if (state.ok) revalidatePath("/admin", "layout");
  return state;
}

export async function deleteTemplateAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const values = formToObject(formData);
  const state = await guarded({}, async () => deleteTemplate(await currentActor(), values));
  if (state.ok) revalidatePath("/admin", "layout");
  return state;
}
