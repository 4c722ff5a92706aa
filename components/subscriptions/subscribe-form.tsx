"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { subscribeAction } from "@/app/(public)/subscriptions/actions";
import { buttonClass, Field, FormMessage, inputClass } from "@/components/admin/field";
import { LanguageChoice } from "@/components/subscriptions/language-choice";
import { ServiceChoice } from "@/components/subscriptions/service-choice";
import { localeOr } from "@/lib/i18n/locales";
import type { FormState } from "@/lib/schemas/forms";
import type { ServiceOption } from "@/lib/views/services";
import type { LanguageChoiceView } from "@/lib/views/subscriptions";

// The server action itself, not a client-side wrapper: readers without JavaScript
// post the form as plain HTML and get the page back with the answer.
export function SubscribeForm({ services, language }: { services: ServiceOption[]; language: LanguageChoiceView }) {
  const t = useTranslations("subscribe");
  const [state, action, pending] = useActionState<FormState, FormData>(subscribeAction, { ok: false });
  const email = state.ok ? "" : String((state.values as { email?: string } | undefined)?.email ?? "");
  const error = state.fieldErrors?.email;
  return (
    <form action={action} className="space-y-4" noValidate>
      <FormMessage state={state} />
      <Field id="email" label={t("email")} error={error}>
        <input
          id="email"
          name="email"
          type="email"
          autoComplete="email"
          required
          maxLength={254}
          defaultValue={email}
          key={state.ok ? "sent" : "typing"}
          className={inputClass}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? "email-error" : undefined}
        />
      </Field>
      <ServiceChoice services={services} state={state} current={{ allServices: true, serviceIds: [] }} />
      <LanguageChoice {...language} current={localeOr(state.ok ? undefined : state.values?.locale, language.current)} error={state.fieldErrors?.locale} />
      <button type="submit" className={buttonClass} disabled={pending}>
        {pending ? t("sending") : t("submit")}
      </button>
    </form>
  );
}
