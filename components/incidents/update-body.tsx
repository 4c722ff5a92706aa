import { NotTranslatedNote, type TranslatedText } from "@/components/incidents/localized-text";
import type { TextLanguage } from "@/lib/views/incidents";

/**
 * An update's body (or advice, or postmortem) as readers see it: HTML that lib/markdown.ts
 * rendered and sanitised; in its own language, with a note, when it is not the reader's.
 */
export function UpdateBody({ html, language, text = "update" }: { html: string; language?: TextLanguage; text?: TranslatedText }) {
  const fallback = language && !language.translated;
  return (
    <>
      <div className="prose-update mt-1" lang={fallback ? language.lang : undefined} dangerouslySetInnerHTML={{ __html: html }} />
      <NotTranslatedNote language={language} text={text} />
    </>
  );
}
