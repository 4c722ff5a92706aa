"use client";

import { useTranslations } from "next-intl";
import { useEffect, useState } from "react";
import { previewMarkdownAction } from "@/app/admin/actions";
import { inputClass } from "@/components/admin/field";

/**
 * Markdown with, beside it, what readers will see, rendered by the server's own sanitiser.
 * Each preview region has its own name, so one console page holding several editors
 * (update, advice, postmortem) still has distinct landmarks; each text keeps its own limit.
 */
export function PreviewedMarkdown({
  id,
  name,
  label,
  defaultValue,
  maxLength,
  rows = 6,
  invalid,
  describedBy,
  required = false,
  previewName,
}: {
  id: string;
  name: string;
  /** Names the preview region: "<label> preview". */
  label: string;
  defaultValue: string;
  maxLength: number;
  rows?: number;
  invalid?: boolean;
  describedBy?: string;
  required?: boolean;
  /** The preview region's name; by default "<label> preview". */
  previewName?: string;
}) {
  const t = useTranslations("console.incidentForm");
  const [text, setText] = useState(defaultValue);
  const [preview, setPreview] = useState("");
  useEffect(() => {
    if (!text.trim()) return;
    let current = true;
    const timer = setTimeout(() => {
      previewMarkdownAction(text)
        .then((html) => current && setPreview(html))
        .catch(() => current && setPreview(""));
    }, 300);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [text]);
  return (
    <div className="grid gap-3 md:grid-cols-2">
      <textarea
        id={id}
        name={name}
        rows={rows}
        maxLength={maxLength}
        required={required}
        value={text}
        onChange={(event) => setText(event.target.value)}
        aria-invalid={invalid ? true : undefined}
        aria-describedby={describedBy}
        className={inputClass}
      />
      <section aria-label={previewName ?? t("previewOf", { label })} aria-live="polite" className="prose-update min-h-24 rounded border border-dashed border-neutral-400 p-3">
        {preview && text.trim() ? <div dangerouslySetInnerHTML={{ __html: preview }} /> : <p className="text-neutral-600 dark:text-neutral-400">{t("previewEmpty")}</p>}
      </section>
    </div>
  );
}
