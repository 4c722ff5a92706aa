import { useTranslations } from "next-intl";
import type { Impact } from "@/lib/constants";

const IMPACT_CLASS: Record<Impact, string> = {
  none: "border-neutral-500 text-neutral-700 dark:text-neutral-300",
  minor: "border-degraded text-degraded",
  major: "border-partial text-partial",
  critical: "border-major text-major",
};

export function ImpactBadge({ impact }: { impact: Impact }) {
  const t = useTranslations("incident.impact");
  return (
    <span className={`inline-block rounded border px-1.5 py-0.5 text-xs font-semibold uppercase tracking-wide ${IMPACT_CLASS[impact]}`}>{t(impact)}</span>
  );
}
