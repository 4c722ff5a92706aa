"use server";

import type { Locale } from "@/lib/i18n/locales";
import { formToObject, type FormState } from "@/lib/schemas/forms";
import { guarded } from "@/server/form-guard";
import { updateSubscriberLanguage } from "@/server/subscriptions";

/** The manage page's language form: the signed link in it authorises the change (server/subscriptions.ts). */
export async function updateLanguageAction(_previous: FormState, formData: FormData): Promise<FormState & { locale?: Locale }> {
  const values = formToObject(formData);
  return guarded({ locale: values.locale }, () => updateSubscriberLanguage(values));
}
