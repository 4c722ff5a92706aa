"use server";

import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { formToObject, type FormState } from "@/lib/schemas/forms";
import { confirmLinkSchema } from "@/lib/schemas/subscriptions";
import { guarded } from "@/server/form-guard";
import { publicLink } from "@/server/i18n/public-link";
import { clientInfo } from "@/server/session";
import { confirmSubscription, subscribe, updateSubscription } from "@/server/subscriptions";

// The public subscription forms. Each checks the origin and answers with a message, in
// the language of the page it was sent from (a form on /ja/subscribe posts to /ja/subscribe);
// fields are read only through the schemas (the server functions parse the rest).

export async function subscribeAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const values = formToObject(formData);
  const state = await guarded({ email: values.email, locale: values.locale, scope: values.scope, services: values.services }, async () => subscribe(values, await clientInfo()));
  // The one answer to every accepted address, known or not (it tells nothing away).
  return state.ok ? { ...state, message: (await getTranslations("subscribe"))("sent") } : state;
}

/** Confirms, then shows the subscriber their manage page (a redirect: works without JavaScript). */
export async function confirmAction(_previous: FormState, formData: FormData): Promise<FormState> {
  let manage: string | undefined;
  const state = await guarded({}, async () => {
    const result = await confirmSubscription(confirmLinkSchema.parse(formToObject(formData)).token);
    manage = result.manage;
    return result;
  });
  if (state.ok && manage) redirect((await publicLink())(`${new URL(manage).pathname}${new URL(manage).search}&confirmed=1`));
  return state;
}

export async function updateSubscriptionAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const values = formToObject(formData);
  const state = await guarded({ scope: values.scope, services: values.services }, () => updateSubscription(values));
  return state.ok ? { ...state, message: (await getTranslations("subscriptions.manage"))("saved") } : state;
}
