import { useTranslations } from "next-intl";
import { StatusSuggestionForm } from "@/components/admin/alert-forms";
import type { StatusSuggestionView } from "@/lib/views/alerts";

/** Statuses monitoring proposed for services whose alerts only suggest; nothing when there are none. */
export function AlertStatusSuggestions({ suggestions }: { suggestions: StatusSuggestionView[] }) {
  const t = useTranslations("console.status");
  if (suggestions.length === 0) return null;
  return (
    <section aria-labelledby="suggested-statuses" className="space-y-3 rounded border-2 border-blue-600 p-3">
      <h2 id="suggested-statuses" className="text-xl font-semibold">
        {t("suggested")}
      </h2>
      <ul className="space-y-3">
        {suggestions.map((suggestion) => (
          <li key={suggestion.serviceId}>
            <StatusSuggestionForm serviceId={suggestion.serviceId} name={suggestion.name} status={suggestion.status} suggestedStatus={suggestion.suggestedStatus} />
          </li>
        ))}
      </ul>
    </section>
  );
}
