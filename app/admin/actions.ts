"use server";

import { revalidatePath } from "next/cache";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { consoleLocale } from "@/lib/i18n/routing";
import { renderMarkdown } from "@/lib/markdown";
import { BODY_MAX, catalogIntentSchema, editIncidentFormSchema, nestAffected, type CatalogIntent } from "@/lib/schemas/admin";
import { secondFactorSchema, signOutSchema, twoFactorStepSchema } from "@/lib/schemas/auth";
import { fieldErrorsOf, formToObject, type FormState, type MutationResult } from "@/lib/schemas/forms";
import { userIntentSchema } from "@/lib/schemas/users";
import type { Actor } from "@/lib/views/actor";
import { setConsoleLanguage } from "@/server/account";
import { authorize, changePassword, signIn, signOut } from "@/server/auth";
import { createGroup, createService, deleteGroup, deleteService, moveGroup, moveService, updateGroup, updateService } from "@/server/catalog";
import { editIncident } from "@/server/incident-edits";
import { correctUpdate, openIncident, planMaintenance, postUpdate, publishIncident, setServiceStatus } from "@/server/incident-updates";
import type { TwoFactorSetup } from "@/lib/views/two-factor";
import { beginTwoFactorSetup, confirmTwoFactorSetup, resetTwoFactor, verifySecondFactor } from "@/server/two-factor";
import { addUser, changeUser, setRequireTwoFactor } from "@/server/users";
import { getPageSettings, updateSettings } from "@/server/settings";
import { guarded } from "@/server/form-guard";
import { askBeforePublishingUnderDemoClock } from "@/server/demo-clock";
import { CHECK_FIELDS } from "@/server/mutation";
import { removeSubscriber } from "@/server/subscribers";
import { addWebhook, changeWebhook } from "@/server/webhooks";
import { setGroupTranslation, setServiceTranslation } from "@/server/translations";
import { assertSameOrigin, clearSessionCookie, currentActor, setSessionCookie } from "@/server/session";
import { rememberDevice, throttleClient } from "@/server/device-cookie";

// Glue between forms and the server modules: check the origin, find the actor, call
// one function (a mutation: server/mutation.ts), turn refusals into messages a person
// can act on (server/form-guard.ts). Form fields are read only through the schemas.

export async function signInAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const values = formToObject(formData);
  let signedIn = false;
  const state = await guarded({ email: values.email }, async () => {
    const result = await signIn(values, await throttleClient());
    if (!result.ok) return { ok: false, error: result.error, fieldErrors: result.fieldErrors, values: { email: values.email } };
    await setSessionCookie(result.token, result.expiresAt);
    if (!result.needsSecondFactor) await rememberDevice(result.actor.id);
    signedIn = true;
    return { ok: true, message: result.needsSecondFactor ? "second-factor" : undefined };
  });
  if (signedIn) redirect(state.message === "second-factor" ? "/admin/login/verify" : "/admin");
  return state;
}

export async function signOutAction(formData: FormData): Promise<void> {
  await assertSameOrigin();
  const actor = await currentActor();
  if (actor) await signOut(actor, signOutSchema.parse(formToObject(formData)).everywhere === "yes");
  await clearSessionCookie();
  redirect("/admin/login");
}

export async function setServiceStatusAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const values = formToObject(formData);
  const state = await guarded(values, async () => setServiceStatus(await currentActor(), values));
  if (state.ok) revalidatePath("/admin", "layout");
  return state;
}

/** Runs a write that creates an incident or window, then opens its page. */
async function createThenShow(values: Record<string, unknown>, create: (actor: Actor | null, values: Record<string, unknown>) => Promise<MutationResult<{ incidentId: string }>>) {
  let created: string | undefined;
  const state = await guarded(values, async () => {
    const asked = await askBeforePublishingUnderDemoClock(values);
    if (asked) return asked;
    const result = await create(await currentActor(), values);
    created = result.incidentId;
    return result;
  });
  if (state.ok && created) redirect(`/admin/incidents/${created}`);
  return state;
}

export async function openIncidentAction(_previous: FormState, formData: FormData): Promise<FormState> {
  return createThenShow(nestAffected(formToObject(formData)), openIncident);
}

export async function postUpdateAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const values = nestAffected(formToObject(formData));
  const state = await guarded(values, async () => (await askBeforePublishingUnderDemoClock(values)) ?? postUpdate(await currentActor(), values));
  if (state.ok) revalidatePath("/admin", "layout");
  return state;
}

/** The incident's own fields. The form sends every ticked service, so none ticked means none. */
export async function editIncidentAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const values = formToObject(formData);
  const state = await guarded(values, async () => {
    const actor = authorize(await currentActor(), "editor");
    // The form's own schema first: its messages are the console's, and the list takes its shape.
    const parsed = editIncidentFormSchema.safeParse(values);
    if (!parsed.success) return { ok: false, error: CHECK_FIELDS, fieldErrors: fieldErrorsOf(parsed.error), values };
    return editIncident(actor, parsed.data);
  });
  if (state.ok) revalidatePath("/admin", "layout");
  return state;
}

export async function verifySecondFactorAction(_previous: FormState, formData: FormData): Promise<FormState> {
  let verified = false;
  const state = await guarded({}, async () => {
    const actor = await currentActor();
    if (!actor) return { ok: false, error: "Your session has ended. Sign in again." };
    const { code } = secondFactorSchema.parse(formToObject(formData));
    const result = await verifySecondFactor(actor, code, await throttleClient());
    if (!result.ok) return { ok: false, error: result.error };
    await rememberDevice(actor.id);
    verified = true;
    return { ok: true };
  });
  if (verified) redirect("/admin");
  return state;
}

export interface TwoFactorState extends FormState {
  setup?: TwoFactorSetup;
  recoveryCodes?: string[];
}

export async function twoFactorAction(previous: TwoFactorState, formData: FormData): Promise<TwoFactorState> {
  const values = formToObject(formData);
  return guarded({}, async () => {
    const actor = await currentActor();
    if (!actor || actor.twoFactorPending) return { ok: false, error: "Your session has ended. Sign in again." };
    // A refusal (a wrong password) comes back through guarded() without what was typed.
    if (twoFactorStepSchema.parse(values).step === "begin") return { ok: true, setup: await beginTwoFactorSetup(actor, values, await throttleClient()) };
    const result = await confirmTwoFactorSetup(actor, values);
    if (!result.ok) return { ...previous, ok: false, error: result.error };
    return { ok: true, recoveryCodes: result.recoveryCodes, message: "Two-factor authentication is on." };
  }) as Promise<TwoFactorState>;
}

export async function addUserAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const values = formToObject(formData);
  const state = await guarded(values, async () => addUser(await currentActor(), values));
  if (state.ok) revalidatePath("/admin/users");
  return state;
}

export async function changeUserAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const values = formToObject(formData);
  const state = await guarded(values, async () => {
    const actor = await currentActor();
    const { intent } = userIntentSchema.parse(values);
    if (intent === "reset-two-factor") return resetTwoFactor(actor, values);
    if (intent === "require-two-factor") return setRequireTwoFactor(actor, values);
    return changeUser(actor, values);
  });
  if (state.ok) revalidatePath("/admin/users");
  return state;
}

export async function updateSettingsAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const values = formToObject(formData);
  const state = await guarded(values, async () => updateSettings(await currentActor(), values));
  if (state.ok) revalidatePath("/admin", "layout");
  return state;
}

export async function publishIncidentAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const values = formToObject(formData);
  const state = await guarded(values, async () => (await askBeforePublishingUnderDemoClock(values)) ?? publishIncident(await currentActor(), values));
  if (state.ok) revalidatePath("/admin", "layout");
  return state;
}

export async function correctUpdateAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const values = formToObject(formData);
  const state = await guarded(values, async () => correctUpdate(await currentActor(), values));
  if (state.ok) revalidatePath("/admin", "layout");
  return state;
}

/** The update as readers will see it, rendered by the same sanitising renderer. */
export async function previewMarkdownAction(body: string): Promise<string> {
  await assertSameOrigin();
  authorize(await currentActor(), "editor");
  return renderMarkdown(String(body).slice(0, BODY_MAX));
}

const CATALOG: Record<CatalogIntent, (actor: Actor | null, values: Record<string, unknown>) => Promise<FormState>> = {
  "create-service": createService,
  "update-service": updateService,
  "move-service": moveService,
  "delete-service": deleteService,
  "translate-service": setServiceTranslation,
  "create-group": createGroup,
  "update-group": updateGroup,
  "move-group": moveGroup,
  "delete-group": deleteGroup,
  "translate-group": setGroupTranslation,
};

/** Services and groups: one action, the form's `intent` says which change. */
export async function catalogAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const values = formToObject(formData);
  const parsed = catalogIntentSchema.safeParse(values);
  if (!parsed.success) return { ok: false, error: "Unknown change." };
  const change = CATALOG[parsed.data.intent];
  const state = await guarded(values, async () => change(await currentActor(), values));
  if (state.ok) revalidatePath("/admin", "layout");
  return state;
}

export async function planMaintenanceAction(_previous: FormState, formData: FormData): Promise<FormState> {
  return createThenShow(formToObject(formData), planMaintenance);
}

export async function changePasswordAction(_previous: FormState, formData: FormData): Promise<FormState> {
  return guarded({}, async () => changePassword(await currentActor(), formToObject(formData), await throttleClient()));
}

export async function setConsoleLanguageAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const browser = consoleLocale(null, (await headers()).get("accept-language"), (await getPageSettings()).defaultLocale);
  const state = await guarded({}, async () => setConsoleLanguage(await currentActor(), { ...formToObject(formData), browser }));
  // Every console page is drawn in the new language from now on.
  if (state.ok) revalidatePath("/admin", "layout");
  return state;
}

export async function removeSubscriberAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const values = formToObject(formData);
  const state = await guarded({}, async () => removeSubscriber(await currentActor(), values));
  if (state.ok) revalidatePath("/admin/subscribers");
  return state;
}

export async function addWebhookAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const values = formToObject(formData);
  const state = await guarded(values, async () => addWebhook(await currentActor(), values));
  if (state.ok) revalidatePath("/admin/webhooks");
  return state;
}

export async function changeWebhookAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const values = formToObject(formData);
  const state = await guarded({}, async () => changeWebhook(await currentActor(), values));
  if (state.ok) revalidatePath("/admin/webhooks");
  return state;
}
