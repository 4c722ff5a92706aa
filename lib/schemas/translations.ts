import { z } from "zod";
import { stripBidiControls } from "@/lib/bidi";
import { LOCALES } from "@/lib/i18n/locales";
import { BODY_MAX, TITLE_MAX } from "@/lib/schemas/admin";
import { ADVICE_MAX } from "@/lib/schemas/advice";
import { CONTROL, description, id } from "@/lib/schemas/forms";

// Translations of an incident's texts and of the catalog's names into the page's other
// languages (server/translations.ts). Each follows the rules of the text it translates;
// an empty text, or the form's "Remove" button, removes the translation.

export const INCIDENT_TEXTS = ["title", "advice", "postmortem"] as const;
export type IncidentText = (typeof INCIDENT_TEXTS)[number];

export const translationLocale = z.enum(LOCALES, { error: "Choose one of the page's languages." });

/** The translation's revision the form was opened at; 0 when there was none yet. */
const revision = z.coerce.number({ error: "Reload the page and try again." }).int().min(0);

const intent = z.enum(["save", "clear"], { error: "Choose Save or Remove." }).default("save");

/** A translated text, null when empty (removed). One line for titles, Markdown otherwise. */
function translationText(label: string, max: number, lines: "one" | "many") {
  return z
    .string({ error: `Enter ${label}.` })
    .transform((value) => (lines === "one" ? stripBidiControls(value).replace(/[\r\n]+/g, " ") : value.replace(/\r\n?/g, "\n")))
    .pipe(
      z
        .string()
        .trim()
        .max(max, { error: `Keep ${label} under ${max.toLocaleString("en-GB")} characters.` })
        .refine((value) => !CONTROL.test(value), { error: `Remove the invisible control characters from ${label}.` }),
    )
    .transform((value) => value || null);
}

/**
 * "Remove" empties the text whatever the field holds, so a refused text never blocks it.
 * Incident forms send it as intent=clear; the catalog's forms, whose `intent` names the
 * change (lib/schemas/admin.ts CATALOG_INTENTS), as remove=yes.
 */
function clearing(value: unknown): unknown {
  if (typeof value !== "object" || value === null) return value;
  const { intent, remove } = value as Record<string, unknown>;
  return intent === "clear" || remove === "yes" ? { ...value, text: "", name: "", description: "" } : value;
}

const incidentTranslationFields = z.object({ incidentId: id, locale: translationLocale, revision, intent });

export const incidentTranslationSchema = z.preprocess(
  clearing,
  z.discriminatedUnion(
    "field",
    [
      incidentTranslationFields.extend({ field: z.literal("title"), text: translationText("the translated title", TITLE_MAX, "one") }),
      incidentTranslationFields.extend({ field: z.literal("advice"), text: translationText("the translated advice", ADVICE_MAX, "many") }),
      incidentTranslationFields.extend({ field: z.literal("postmortem"), text: translationText("the translated postmortem", BODY_MAX, "many") }),
    ],
    { error: "Choose the title, the advice or the postmortem." },
  ),
);

export const updateTranslationSchema = z.preprocess(
  clearing,
  z.object({ updateId: id, locale: translationLocale, revision, intent, text: translationText("the translated update", BODY_MAX, "many") }),
);

/** A service's or a group's name and description; an empty name removes the translation. */
const catalogTranslationFields = z.object({
  locale: translationLocale,
  name: translationText("the translated name", 100, "one"),
  description: z.preprocess((value) => value ?? "", description(300)),
});

export const serviceTranslationSchema = z.preprocess(clearing, catalogTranslationFields.extend({ serviceId: id }));
export const groupTranslationSchema = z.preprocess(clearing, catalogTranslationFields.extend({ groupId: id }));
