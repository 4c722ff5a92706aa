import { SERVICE_STATUS_LABELS, type ServiceStatus } from "@/lib/constants";
import { escapeMarkup } from "@/lib/escape";

// A README-sized status badge: a label and the status in words, with a colour that is
// never the only signal, a <title> for tooltips and an accessible name.

const COLORS: Record<ServiceStatus, string> = {
  operational: "#1a7f37",
  degraded_performance: "#8a6100",
  partial_outage: "#b3400b",
  major_outage: "#c01c28",
  under_maintenance: "#1d4ed8",
};

/** Rough width of Verdana 11px text; good enough to size the two halves. */
function textWidth(text: string): number {
  return Math.ceil([...text].reduce((width, char) => width + (/[A-Z]/.test(char) ? 8 : /[ il.,:]/.test(char) ? 3.5 : 6.5), 0));
}

export function statusBadge(label: string, status: ServiceStatus, value = SERVICE_STATUS_LABELS[status]): string {
  const left = textWidth(label) + 12;
  const right = textWidth(value) + 12;
  const width = left + right;
  const safeLabel = escapeMarkup(label);
  const safeValue = escapeMarkup(value);
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="20" role="img" aria-label="${safeLabel}: ${safeValue}">`,
    `<title>${safeLabel}: ${safeValue}</title>`,
    `<rect width="${left}" height="20" fill="#3f3f46"/>`,
    `<rect x="${left}" width="${right}" height="20" fill="${COLORS[status]}"/>`,
    `<g fill="#fff" font-family="Verdana,DejaVu Sans,sans-serif" font-size="11">`,
    `<text x="6" y="14">${safeLabel}</text>`,
    `<text x="${left + 6}" y="14">${safeValue}</text>`,
    `</g>`,
    `</svg>`,
  ].join("");
}
