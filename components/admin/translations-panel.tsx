import { getLocale, getTranslations } from "next-intl/server";
import { TranslationForm } from "@/components/admin/translation-form";
import type { Locale } from "@/lib/i18n/locales";
import { ADVICE_MAX, POSTMORTEM_MAX } from "@/lib/schemas/advice";
import { BODY_MAX, TITLE_MAX } from "@/lib/schemas/admin";
import { formatDateTime } from "@/lib/time";
import type { IncidentTranslations, TranslatableText } from "@/lib/views/translations";

const MAX: Record<TranslatableText["kind"], number> = { title: TITLE_MAX, advice: ADVICE_MAX, postmortem: POSTMORTEM_MAX, update: BODY_MAX };

/**
 * The admin incident page's "Translations": per language, first the texts still missing
 * (listed plainly), then a form per text with its original beside it.
 */
export async function TranslationsPanel({ incidentId, translations, timeZone }: { incidentId: string; translations: IncidentTranslations; timeZone: string }) {
  const [t, consoleLocale] = await Promise.all([getTranslations("consoleTranslations"), getLocale()]);
  const nameOf = (text: TranslatableText) => (text.kind === "update" ? t("text.update", { time: formatDateTime(text.displayAt!, timeZone, consoleLocale) }) : t(`text.${text.kind}`));
  const domId = (locale: Locale, text: TranslatableText) => `translation-${locale}-${text.key}`;
  return (
    <section aria-labelledby="translations" className="space-y-4">
      <h2 id="translations" className="text-xl font-semibold">
        {t("heading")}
      </h2>
      <p>{t("intro", { source: translations.sourceLocale })}</p>
      {translations.languages.map(({ locale, texts }) => {
        const language = t("language", { locale });
        const missing = translations.missing.find((entry) => entry.locale === locale)?.keys ?? [];
        return (
          <section key={locale} aria-labelledby={`translations-${locale}`} className="space-y-3">
            <h3 id={`translations-${locale}`} className="text-lg font-semibold">
              {language}
            </h3>
            {missing.length > 0 ? (
              <>
                <p>{t("missing", { language })}</p>
                <ul className="list-disc pl-6" data-missing-translations={locale}>
                  {texts
                    .filter((text) => missing.includes(text.key))
                    .map((text) => (
                      <li key={text.key}>
                        <a href={`#${domId(locale, text)}`} className="underline underline-offset-2">
                          {nameOf(text)}
                        </a>
                      </li>
                    ))}
                </ul>
              </>
            ) : (
              <p>{t("complete", { language })}</p>
            )}
            <ul className="space-y-3">
              {texts.map((text) => {
                const lines = text.kind === "title" ? "one" : "many";
                const fields: Record<string, string> = text.kind === "update" ? { updateId: text.updateId!, locale } : { incidentId, field: text.kind, locale };
                return (
                  <li key={text.key} className="space-y-2 rounded border border-neutral-300 p-3 dark:border-neutral-700">
                    <p className="text-sm font-medium">
                      {t("original")} ({nameOf(text)})
                    </p>
                    <blockquote lang={translations.sourceLocale} className="whitespace-pre-wrap border-l-4 border-neutral-300 pl-3 text-sm dark:border-neutral-600">
                      {text.original}
                    </blockquote>
                    <TranslationForm
                      target={text.kind === "update" ? "update" : "incident"}
                      fields={fields}
                      id={domId(locale, text)}
                      value={text.translation}
                      revision={text.revision}
                      lines={lines}
                      maxLength={MAX[text.kind]}
                      labels={{
                        label: t("label", { text: nameOf(text), language }),
                        hint: t(lines === "one" ? "hintOne" : "hintMany", { max: MAX[text.kind].toLocaleString("en-GB") }),
                        save: t("save"),
                        remove: t("remove"),
                      }}
                    />
                  </li>
                );
              })}
            </ul>
          </section>
        );
      })}
    </section>
  );
}
