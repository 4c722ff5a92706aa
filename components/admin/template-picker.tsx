import { useTranslations } from "next-intl";
import { inputClass } from "@/components/admin/field";

/**
 * "Start from a template": a plain GET form that reloads the page with ?template=<id>,
 * which the page reads to pre-fill its form. Works without JavaScript; nothing is
 * published until the person reviews the form and presses its button.
 */
export function TemplatePicker({
  action,
  templates,
  chosen,
  found,
}: {
  /** The page's own address (a #fragment brings the reader back to the form). */
  action: string;
  templates: { id: string; name: string }[];
  chosen: string;
  /** The chosen template's name once found, or null when it no longer exists. */
  found: string | null;
}) {
  const t = useTranslations("console.incident.template");
  if (templates.length === 0 && !chosen) return null;
  return (
    <form method="get" action={action} className="space-y-2 rounded border border-neutral-300 p-3 dark:border-neutral-700">
      <label htmlFor="template" className="block font-medium">
        {t("label")}
      </label>
      <p id="template-hint" className="text-sm text-neutral-600 dark:text-neutral-400">
        {t("hint")}
      </p>
      <div className="flex flex-wrap gap-2">
        <select id="template" name="template" defaultValue={found === null ? "" : chosen} aria-describedby="template-hint" className={`${inputClass} w-auto grow`}>
          <option value="">{t("none")}</option>
          {templates.map((template) => (
            <option key={template.id} value={template.id}>
              {template.name}
            </option>
          ))}
        </select>
        <button type="submit" className="rounded border border-neutral-500 px-4 py-2">
          {t("use")}
        </button>
      </div>
      {chosen && found !== null ? (
        <p role="status" className="text-sm">
          {t("filled", { name: found })}
        </p>
      ) : null}
      {chosen && found === null ? (
        <p role="alert" className="text-sm text-major">
          {t("gone")}
        </p>
      ) : null}
    </form>
  );
}
