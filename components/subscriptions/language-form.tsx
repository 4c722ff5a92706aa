"use client";

import { useActionState } from "react";
import { updateLanguageAction } from "@/app/(public)/subscriptions/language-actions";
import { buttonClass, FormMessage } from "@/components/admin/field";
import { LanguageChoice } from "@/components/subscriptions/language-choice";
import type { Locale } from "@/lib/i18n/locales";
import type { FormState } from "@/lib/schemas/forms";
import type { LanguageChoiceView } from "@/lib/views/subscriptions";

/** The manage page's choice of language for mails; the answer comes in the language chosen. */
export function LanguageForm({ token, choice, save }: { token: string; choice: LanguageChoiceView; save: string }) {
  const [state, action, pending] = useActionState<FormState & { locale?: Locale }, FormData>(updateLanguageAction, { ok: false });
  const saved = state.ok ? state.locale : undefined;
  return (
    <form action={action} className="space-y-4" noValidate>
      <div lang={saved}>
        <FormMessage state={state} />
      </div>
      <input type="hidden" name="token" value={token} />
      <LanguageChoice {...choice} current={saved ?? choice.current} error={state.fieldErrors?.locale} />
      <button type="submit" className={buttonClass} disabled={pending}>
        {save}
      </button>
    </form>
  );
}
