import { z } from "zod";
import { BODY_MAX } from "@/lib/schemas/admin";
import { id, text } from "@/lib/schemas/forms";

// The two texts an incident carries beside its updates: the pinned "What you should do"
// advice and the postmortem. One schema per form, shared by the form and the server.

/** The box's heading everywhere it appears: pages, mails, feeds. */
export const ADVICE_HEADING = "What you should do";

/** What a postmortem is called in mails, chat messages and the console's delivery tables. */
export const POSTMORTEM_HEADING = "Postmortem";

/** Short on purpose: it sits at the top of the page, on a phone, above everything else. */
export const ADVICE_MAX = 1_000;
export const POSTMORTEM_MAX = BODY_MAX;

/** As lib/schemas/forms.ts refuses them in every text. */
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

const revision = z.coerce.number({ error: "Reload the page and try again." }).int().min(1);

/**
 * The advice as Markdown; empty (or `null`, from the API) clears it. The rules of every
 * other text otherwise: trimmed, limited, no control characters.
 */
export const adviceText = z
  .string({ error: "Send the advice as text, or null to clear it." })
  // Browsers send a textarea's lines with CRLF: stored as the LF everything else uses.
  .overwrite((value) => value.replace(/\r\n?/g, "\n"))
  .trim()
  .max(ADVICE_MAX, { error: `Keep the advice under ${ADVICE_MAX.toLocaleString("en-GB")} characters: it sits above everything else on a phone.` })
  .refine((value) => !CONTROL.test(value), { error: "Remove the invisible control characters from the advice." })
  .transform((value) => value || null)
  .nullable();

export const adviceSchema = z.object({
  incidentId: id,
  revision,
  /** "clear" is the form's second button: it empties the box whatever the field holds. */
  intent: z.enum(["save", "clear"], { error: "Choose Save or Clear." }).default("save"),
  advice: adviceText.optional().transform((value) => value ?? null),
});

export const POSTMORTEM_INTENTS = ["draft", "publish", "revise"] as const;
export type PostmortemIntent = (typeof POSTMORTEM_INTENTS)[number];

export const postmortemSchema = z.object({
  incidentId: id,
  revision,
  /** Save a private draft, publish it, or save changes to the published one. */
  intent: z.enum(POSTMORTEM_INTENTS, { error: "Choose Save draft, Publish or Save changes." }),
  // Browsers send a textarea's lines with CRLF: stored as the LF the API and feeds use.
  body: z.preprocess((value) => (typeof value === "string" ? value.replace(/\r\n?/g, "\n") : value), text("the postmortem", POSTMORTEM_MAX)),
  /**
   * Publishing only: tell subscribers, webhooks and chat channels (the console's checkbox,
   * "on" when ticked, or the API's notify_subscribers boolean). Off unless asked: a
   * postmortem comes days later, and not every one is worth a mail.
   */
  notify: z
    .union([z.boolean(), z.literal("on")], { error: "Tick the box or leave it empty." })
    .optional()
    .transform((value) => value === true || value === "on"),
});

/** The write API's revert: a published postmortem back to a private draft. */
export const revertPostmortemSchema = z.object({ incidentId: id, revision });
