import { IMPACT_LABELS, UPDATE_STATUS_LABELS, type Impact, type IncidentStatus } from "@/lib/constants";

// Incident templates: a title and a Markdown body with {{placeholders}} that are filled
// in when a person (or an alert draft) starts from the template. Only the names below
// exist; a template naming any other is refused when saved, so a typo never reaches
// customers as "{{servcies}}".

export const PLACEHOLDERS = {
  services: "the affected services' names, e.g. “Sega Pass login and Forums”",
  service: "the first affected service's name",
  page: "the status page's name",
  status: "the incident status, e.g. “Investigating”",
  impact: "the impact, e.g. “Major”",
  alert: "the alert's summary when a monitoring alert drafts the incident; empty otherwise",
} as const;

export type Placeholder = keyof typeof PLACEHOLDERS;

const PATTERN = /\{\{\s*([^{}]*?)\s*\}\}/g;

/** What a template is filled in with. */
export interface TemplateContext {
  /** The affected services' names, in the order the page lists them. */
  services: string[];
  page: string;
  status: IncidentStatus;
  impact: Impact;
  alert?: string;
}

/** Said where a template names services but none are affected. */
export const NO_SERVICES = "our services";

function isPlaceholder(name: string): name is Placeholder {
  return Object.hasOwn(PLACEHOLDERS, name);
}

/** The placeholders in `text` that do not exist, each once, as written between the braces. */
export function unknownPlaceholders(text: string): string[] {
  const unknown = new Set<string>();
  for (const [, name] of text.matchAll(PATTERN)) if (!isPlaceholder(name)) unknown.add(name);
  return [...unknown];
}

/** A message naming the unknown placeholders in `text`, or null when there are none. */
export function placeholderProblem(text: string): string | null {
  const unknown = unknownPlaceholders(text);
  if (unknown.length === 0) return null;
  const named = unknown.map((name) => `{{${name}}}`).join(", ");
  const known = Object.keys(PLACEHOLDERS)
    .map((name) => `{{${name}}}`)
    .join(", ");
  return `${unknown.length === 1 ? "There is no placeholder" : "There are no placeholders"} ${named}. Use ${known}.`;
}

/** "A", "A and B", "A, B and C": names joined as a sentence would. */
export function joinNames(names: string[]): string {
  if (names.length <= 1) return names[0] ?? "";
  return `${names.slice(0, -1).join(", ")} and ${names.at(-1)}`;
}

/** Backslash-escapes what Markdown would read as formatting, so a name shows as typed. */
function escapeMarkdown(value: string): string {
  return value.replace(/[\\`*_[\]<>]/g, (character) => `\\${character}`);
}

/**
 * Fills in the placeholders. With `markdown` (a body), the values are escaped so a
 * service called "Login *beta*" reads as written; the template's own Markdown stays.
 * Unknown placeholders (saved before a rename, say) are left as written.
 */
export function renderTemplate(text: string, context: TemplateContext, { markdown = false } = {}): string {
  const values: Record<Placeholder, string> = {
    services: joinNames(context.services) || NO_SERVICES,
    service: context.services[0] ?? NO_SERVICES,
    page: context.page,
    status: UPDATE_STATUS_LABELS[context.status],
    impact: IMPACT_LABELS[context.impact],
    alert: context.alert?.trim() ?? "",
  };
  return text.replace(PATTERN, (whole, name: string) => {
    if (!isPlaceholder(name)) return whole;
    return markdown ? escapeMarkdown(values[name]) : values[name];
  });
}
