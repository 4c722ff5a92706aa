import { Field, inputClass } from "@/components/admin/field";
import type { LanguageChoiceView } from "@/lib/views/subscriptions";

/** Which language a subscriber's mails are written in. A plain select: works without JavaScript. */
export function LanguageChoice({ label, languages, current, error }: LanguageChoiceView & { error?: string }) {
  return (
    <Field id="locale" label={label} error={error}>
      <select id="locale" name="locale" defaultValue={current} className={`${inputClass} sm:max-w-xs`} aria-invalid={error ? true : undefined} aria-describedby={error ? "locale-error" : undefined}>
        {languages.map(({ locale, name }) => (
          <option key={locale} value={locale} lang={locale}>
            {name}
          </option>
        ))}
      </select>
    </Field>
  );
}
