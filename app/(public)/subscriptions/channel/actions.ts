"use server";

import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { formToObject, type FormState } from "@/lib/schemas/forms";
import { chatRemoveSchema, confirmLinkSchema } from "@/lib/schemas/subscriptions";
import { addChatChannel, confirmChatChannel, removeChatChannel, updateChatChannel } from "@/server/chat-channels";
import { guarded } from "@/server/form-guard";
import { publicLink } from "@/server/i18n/public-link";
import { clientInfo } from "@/server/session";

// The public chat-channel forms: add one (from /subscribe), confirm it, change its
// services, remove it. Each checks the origin and answers with a message.

export async function addChatChannelAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const values = formToObject(formData);
  return guarded({ url: values.url, format: values.format, scope: values.scope, services: values.services }, async () => addChatChannel(values, await clientInfo()));
}

/** Confirms, then shows the channel's manage page (a redirect: works without JavaScript). */
export async function confirmChatChannelAction(_previous: FormState, formData: FormData): Promise<FormState> {
  let manage: string | undefined;
  const state = await guarded({}, async () => {
    const result = await confirmChatChannel(confirmLinkSchema.parse(formToObject(formData)).token);
    manage = result.manage;
    return result;
  });
  if (state.ok && manage) redirect((await publicLink())(`${new URL(manage).pathname}${new URL(manage).search}&confirmed=1`));
  return state;
}

export async function updateChatChannelAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const values = formToObject(formData);
  const state = await guarded({ scope: values.scope, services: values.services }, () => updateChatChannel(values));
  return state.ok ? { ...state, message: (await getTranslations("subscriptions.channel"))("saved") } : state;
}

export async function removeChatChannelAction(_previous: FormState, formData: FormData): Promise<FormState> {
  let removed = false;
  const state = await guarded({}, async () => {
    const parsed = chatRemoveSchema.safeParse(formToObject(formData));
    removed = parsed.success && (await removeChatChannel(parsed.data.token));
    return removed ? { ok: true, message: "Removed." } : { ok: false, error: "This link is no longer valid: the channel may have been removed already." };
  });
  if (state.ok && removed) redirect((await publicLink())("/subscriptions/channel?removed=1"));
  return state;
}
