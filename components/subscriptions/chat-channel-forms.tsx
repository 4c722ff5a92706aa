"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { addChatChannelAction, confirmChatChannelAction, removeChatChannelAction, updateChatChannelAction } from "@/app/(public)/subscriptions/channel/actions";
import { buttonClass, Field, FormMessage, inputClass } from "@/components/admin/field";
import { ServiceChoice } from "@/components/subscriptions/service-choice";
import type { FormState } from "@/lib/schemas/forms";
import { CHAT_FORMATS, WEBHOOK_FORMAT_LABELS } from "@/lib/schemas/webhook-formats";
import type { ServiceOption } from "@/lib/views/services";

// A reader's chat channel: adding one from /subscribe, confirming it, changing or
// removing it. Server actions as form actions: all of it works without JavaScript.

export function ChatChannelForm({ services }: { services: ServiceOption[] }) {
  const t = useTranslations("subscriptions.chat");
  const [state, action, pending] = useActionState<FormState & { hint?: string }, FormData>(addChatChannelAction, { ok: false });
  const values = state.ok ? {} : ((state.values ?? {}) as { url?: string; format?: string });
  const errors = state.fieldErrors ?? {};
  return (
    <form action={action} className="space-y-4" noValidate>
      <FormMessage state={state} />
      {state.ok && state.hint ? (
        <p role="note" className="text-sm">
          {state.hint}
        </p>
      ) : null}
      <fieldset className="space-y-2" aria-describedby={errors.format ? "chat-format-error" : undefined}>
        <legend className="font-medium">{t("service")}</legend>
        <div className="flex flex-wrap gap-4">
          {CHAT_FORMATS.map((format) => (
            <label key={format} className="flex items-center gap-2">
              <input type="radio" name="format" value={format} defaultChecked={(values.format ?? "slack") === format} /> {WEBHOOK_FORMAT_LABELS[format]}
            </label>
          ))}
        </div>
        {errors.format ? (
          <p id="chat-format-error" className="text-sm font-medium text-major">
            {errors.format}
          </p>
        ) : null}
      </fieldset>
      <Field id="chat-url" label={t("url")} hint={t("whereToFind")} error={errors.url}>
        <input
          id="chat-url"
          name="url"
          type="url"
          inputMode="url"
          autoComplete="off"
          spellCheck={false}
          required
          maxLength={2000}
          defaultValue={values.url ?? ""}
          key={state.ok ? "sent" : "typing"}
          className={inputClass}
          aria-invalid={errors.url ? true : undefined}
          aria-describedby={["chat-url-hint", errors.url ? "chat-url-error" : ""].filter(Boolean).join(" ")}
        />
      </Field>
      <ServiceChoice services={services} state={state} current={{ allServices: true, serviceIds: [] }} />
      <button type="submit" className={buttonClass} disabled={pending}>
        {pending ? t("posting") : t("submit")}
      </button>
    </form>
  );
}

export function ChatConfirmForm({ token }: { token: string }) {
  const t = useTranslations("subscriptions.channel");
  const [state, action, pending] = useActionState<FormState, FormData>(confirmChatChannelAction, { ok: false });
  return (
    <form action={action} className="space-y-4">
      <FormMessage state={state} />
      <input type="hidden" name="token" value={token} />
      <button type="submit" className={buttonClass} disabled={pending}>
        {t("confirmButton")}
      </button>
    </form>
  );
}

export function ChatManageForm({ token, services, current }: { token: string; services: ServiceOption[]; current: { allServices: boolean; serviceIds: string[] } }) {
  const t = useTranslations("subscriptions.channel");
  const [state, action, pending] = useActionState<FormState, FormData>(updateChatChannelAction, { ok: false });
  return (
    <form action={action} className="space-y-4" noValidate>
      <FormMessage state={state} />
      <input type="hidden" name="token" value={token} />
      <ServiceChoice services={services} state={state} current={current} />
      <button type="submit" className={buttonClass} disabled={pending}>
        {t("save")}
      </button>
    </form>
  );
}

export function ChatRemoveForm({ token }: { token: string }) {
  const t = useTranslations("subscriptions.channel");
  const [state, action, pending] = useActionState<FormState, FormData>(removeChatChannelAction, { ok: false });
  return (
    <form action={action} className="space-y-2">
      <FormMessage state={state} />
      <input type="hidden" name="token" value={token} />
      <button type="submit" className={buttonClass} disabled={pending}>
        {t("stop")}
      </button>
    </form>
  );
}
