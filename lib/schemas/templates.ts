import { z } from "zod";
import { IMPACTS, INCIDENT_STATUSES, SERVICE_STATUSES, type ServiceStatus } from "@/lib/constants";
import { BODY_MAX, TITLE_MAX } from "@/lib/schemas/admin";
import { id, plainTitle, text } from "@/lib/schemas/forms";
import { placeholderProblem } from "@/lib/templates";

// The template form, shared by the console page and server/templates.ts.

export const TEMPLATE_NAME_MAX = 100;

/** Refuses unknown {{placeholders}} with a message naming them. */
const knownPlaceholders = (value: string, context: z.core.$RefinementCtx<string>) => {
  const problem = placeholderProblem(value);
  if (problem) context.addIssue({ code: "custom", message: problem, input: value });
};

/** `affected.<serviceId>`: the status the template sets for that service, or "" for none (as the incident form's fields). */
const affected = z
  .record(id, z.enum([...SERVICE_STATUSES, ""], { error: "Choose a status." }))
  .optional()
  .transform((value) => Object.fromEntries(Object.entries(value ?? {}).filter(([, status]) => status !== "")) as Record<string, ServiceStatus>);

export const templateSchema = z.object({
  name: plainTitle("the template's name", TEMPLATE_NAME_MAX),
  title: plainTitle("a title", TITLE_MAX).superRefine(knownPlaceholders),
  body: text("the update's text", BODY_MAX).superRefine(knownPlaceholders),
  status: z.enum(INCIDENT_STATUSES, { error: "Choose the incident's status." }),
  impact: z.enum(IMPACTS, { error: "Choose the impact." }),
  /** Checkbox: whether subscribers hear about an incident opened from it. */
  notify: z
    .enum(["on"], { error: "Tick the box or leave it empty." })
    .optional()
    .transform((value) => value === "on"),
  affected,
});

export const templateEditSchema = templateSchema.extend({ templateId: id });

/** The picker on the incident pages: `?template=<id>`, or empty for none. */
export const templateChoiceSchema = z.object({
  template: z
    .union([z.string(), z.array(z.string())])
    .optional()
    .transform((value) => (Array.isArray(value) ? value[0] : value) ?? "")
    .pipe(z.union([z.literal(""), id]))
    .catch(""),
});
