"use server";

import { revalidatePath } from "next/cache";
import { nestAffected } from "@/lib/schemas/admin";
import { updateSuggestionSchema } from "@/lib/schemas/alertmanager";
import { formToObject, type FormState } from "@/lib/schemas/forms";
import { decideStatusSuggestion, settleUpdateSuggestion, updateAlertRule, updateAlertSettings } from "@/server/alerts";
import { guarded } from "@/server/form-guard";
import { postUpdate } from "@/server/incident-updates";
import { currentActor } from "@/server/session";

// Glue between the alert forms (the Alerts page, the dashboard's suggested statuses, an
// incident's suggested update) and server/alerts.ts, as app/admin/actions.ts does for the rest.

export async function updateAlertSettingsAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const values = formToObject(formData);
  const state = await guarded(values, async () => updateAlertSettings(await currentActor(), values));
  if (state.ok) revalidatePath("/admin/integrations");
  return state;
}

export async function updateAlertRuleAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const values = formToObject(formData);
  const state = await guarded(values, async () => updateAlertRule(await currentActor(), values));
  if (state.ok) revalidatePath("/admin", "layout");
  return state;
}

export async function decideStatusSuggestionAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const values = formToObject(formData);
  const state = await guarded(values, async () => decideStatusSuggestion(await currentActor(), values));
  if (state.ok) revalidatePath("/admin", "layout");
  return state;
}

/** Posts the update monitoring suggested, as the person edited it; then the suggestion goes. */
export async function postSuggestedUpdateAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const values = nestAffected(formToObject(formData));
  const state = await guarded(values, async () => {
    const actor = await currentActor();
    const posted = await postUpdate(actor, values);
    if (!posted.ok) return posted;
    const { incidentId } = updateSuggestionSchema.parse(values);
    await settleUpdateSuggestion(actor, { incidentId, outcome: "posted" });
    return posted;
  });
  if (state.ok) revalidatePath("/admin", "layout");
  return state;
}

export async function dismissUpdateSuggestionAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const values = formToObject(formData);
  const state = await guarded({}, async () => settleUpdateSuggestion(await currentActor(), { ...values, outcome: "dismissed" }));
  if (state.ok) revalidatePath("/admin", "layout");
  return state;
}
