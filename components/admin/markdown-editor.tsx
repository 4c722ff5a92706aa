"use client";

import { useEffect, useState } from "react";
import { previewMarkdownAction } from "@/app/admin/actions";
import { inputClass } from "@/components/admin/field";
import { BODY_MAX } from "@/lib/schemas/admin";

/** The update's Markdown and, beside it, what readers will see, rendered by the server's own sanitiser. */
export function MarkdownEditor({ id, name, defaultValue, invalid, describedBy }: { id: string; name: string; defaultValue: string; invalid?: boolean; describedBy?: string }) {
  const [body, setBody] = useState(defaultValue);
  const [preview, setPreview] = useState("");
  useEffect(() => {
    if (!body.trim()) return;
    let current = true;
    const timer = setTimeout(() => {
      previewMarkdownAction(body)
        .then((html) => current && setPreview(html))
        .catch(() => current && setPreview(""));
    }, 300);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [body]);
  return (
    <div className="grid gap-3 md:grid-cols-2">
      <textarea
        id={id}
        name={name}
        rows={8}
        maxLength={BODY_MAX}
        required
        value={body}
        onChange={(event) => setBody(event.target.value)}
        aria-invalid={invalid ? true : undefined}
        aria-describedby={describedBy}
        className={inputClass}
      />
      <section aria-label="Preview" aria-live="polite" className="prose-update min-h-24 rounded border border-dashed border-neutral-400 p-3">
        {preview && body.trim() ? <div dangerouslySetInnerHTML={{ __html: preview }} /> : <p className="text-neutral-600 dark:text-neutral-400">The preview appears here.</p>}
      </section>
    </div>
  );
}
