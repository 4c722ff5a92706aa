"use client";

import { useTranslations } from "next-intl";
import { PreviewedMarkdown } from "@/components/admin/previewed-markdown";
import { BODY_MAX } from "@/lib/schemas/admin";

/** An update's (or announcement's) Markdown with its live preview: required, up to BODY_MAX. */
export function MarkdownEditor({ id, name, defaultValue, invalid, describedBy }: { id: string; name: string; defaultValue: string; invalid?: boolean; describedBy?: string }) {
  const t = useTranslations("console.incidentForm");
  return (
    <PreviewedMarkdown id={id} name={name} label={t("body")} previewName={t("preview")} defaultValue={defaultValue} maxLength={BODY_MAX} rows={8} required invalid={invalid} describedBy={describedBy} />
  );
}
