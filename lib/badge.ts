import type { ServiceStatus } from "@/lib/constants";
import { escapeMarkup } from "@/lib/escape";
import { DEFAULT_LOCALE, type Locale } from "@/lib/i18n/locales";
import { translator } from "@/lib/i18n/translator";

// A README-sized status badge: a label and the status in words, with a colour that is
// never the only signal, a <title> for tooltips and an accessible name.

const COLORS: Record<ServiceStatus, string> = {
  operational: "#1a7f37",
  degraded_performance: "#8a6100",
  partial_outage: "#b3400b",
  major_outage: "#c01c28",
  under_maintenance: "#1d4ed8",
};

/**
 * East Asian wide and fullwidth characters (kana, kanji, hangul, fullwidth forms): Verdana
 * has no glyphs for them, so they are drawn about a font size wide by a fallback font.
 */
const WIDE = /[\u1100-\u115F\u2E80-\u303E\u3041-\u33FF\u3400-\u4DBF\u4E00-\u9FFF\uA960-\uA97F\uAC00-\uD7A3\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFF60\uFFE0-\uFFE6\u{20000}-\u{3FFFD}]/u;

/** Rough width of Verdana 11px text; good enough to size the two halves. */
export function textWidth(text: string): number {
  return Math.ceil([...text].reduce((width, char) => width + (WIDE.test(char) ? 11 : /[A-Z]/.test(char) ? 8 : /[ il.,:]/.test(char) ? 3.5 : 6.5), 0));
}

/** The badge of `label` (a page or service name) in `status`, in `locale`'s words; `value` says the status, the service's label by default. */
export function statusBadge(label: string, status: ServiceStatus, locale: Locale = DEFAULT_LOCALE, value = translator(locale)(`status.service.${status}`)): string {
  const left = textWidth(label) + 12;
  const right = textWidth(value) + 12;
  const width = left + right;
  const safeLabel = escapeMarkup(label);
  const safeValue = escapeMarkup(value);
  const name = escapeMarkup(translator(locale)("badge.label", { label, status: value }));
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="20" role="img" aria-label="${name}">`,
    `<title>${name}</title>`,
    `<rect width="${left}" height="20" fill="#3f3f46"/>`,
    `<rect x="${left}" width="${right}" height="20" fill="${COLORS[status]}"/>`,
    `<g fill="#fff" font-family="Verdana,DejaVu Sans,sans-serif" font-size="11">`,
    `<text x="6" y="14">${safeLabel}</text>`,
    `<text x="${left + 6}" y="14">${safeValue}</text>`,
    `</g>`,
    `</svg>`,
  ].join("");
}
