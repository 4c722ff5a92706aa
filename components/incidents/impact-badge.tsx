import { IMPACT_LABELS, type Impact } from "@/lib/constants";

const IMPACT_CLASS: Record<Impact, string> = {
  none: "border-neutral-500 text-neutral-700 dark:text-neutral-300",
  minor: "border-degraded text-degraded",
  major: "border-partial text-partial",
  critical: "border-major text-major",
};

export function ImpactBadge({ impact }: { impact: Impact }) {
  return (
    <span className={`inline-block rounded border px-1.5 py-0.5 text-xs font-semibold uppercase tracking-wide ${IMPACT_CLASS[impact]}`}>
      {impact === "none" ? "No impact" : `${IMPACT_LABELS[impact]} impact`}
    </span>
  );
}
