"use server";

import { revalidatePath } from "next/cache";
import { formToObject, type FormState } from "@/lib/schemas/forms";
import { setAdvice } from "@/server/advice";
import { askBeforePublishingUnderDemoClock } from "@/server/demo-clock";
import { guarded } from "@/server/form-guard";
import { savePostmortem } from "@/server/postmortems";
import { setIncidentTranslation, setUpdateTranslation } from "@/server/translations";
import { currentActor } from "@/server/session";

// Glue for the incident's own texts (server/advice.ts, server/postmortems.ts) and their
// translations (server/translations.ts): check the
// origin, find the actor, call one mutation, keep what was typed on a refusal.

export async function setAdviceAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const values = formToObject(formData);
  const state = await guarded(values, async () => setAdvice(await currentActor(), values));
  if (state.ok) revalidatePath("/admin", "layout");
  return state;
}

export async function savePostmortemAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const values = formToObject(formData);
  // Publishing and revising are public (and dated); a draft is not.
  const asked = () => askBeforePublishingUnderDemoClock(values, { draft: values.intent === "draft" });
  const state = await guarded(values, async () => (await asked()) ?? savePostmortem(await currentActor(), values));
  if (state.ok) revalidatePath("/admin", "layout");
  return state;
}

export async function setIncidentTranslationAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const values = formToObject(formData);
  // A translation is not dated and notifies no one, so the demo clock does not ask first.
  const state = await guarded(values, async () => setIncidentTranslation(await currentActor(), values));
  if (state.ok) revalidatePath("/admin", "layout");
  return state;
}

export async function setUpdateTranslationAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const values = formToObject(formData);
  const state = await guarded(values, async () => setUpdateTranslation(await currentActor(), values));
  if (state.ok) revalidatePath("/admin", "layout");
  return state;
}
