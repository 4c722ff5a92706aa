import { useTranslations } from "next-intl";
import type { ReactNode } from "react";
import type { TextLanguage } from "@/lib/views/incidents";

// Incident text the reader's language has no translation of yet is shown as written:
// marked with its own language, so screen readers pronounce it right, and, where it is
// read at length, with a note saying so in the reader's language.

export type TranslatedText = "title" | "update" | "advice" | "postmortem";

/** Inline text (a title): in a span with its language when it is not the page's. */
export function InLanguage({ language, children }: { language?: TextLanguage; children: ReactNode }) {
  return language && !language.translated ? <span lang={language.lang}>{children}</span> : <>{children}</>;
}

/** The polite note under a text shown in its original language. */
export function NotTranslatedNote({ language, text }: { language?: TextLanguage; text: TranslatedText }) {
  const t = useTranslations("translation");
  if (!language || language.translated) return null;
  return (
    <p data-not-translated="" className="mt-1 text-sm italic text-neutral-700 dark:text-neutral-300">
      {t("notTranslated", { text, source: language.lang })}
    </p>
  );
}
