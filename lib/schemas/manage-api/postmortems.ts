import { z } from "zod";
import { POSTMORTEM_MAX } from "@/lib/schemas/advice";
import { text } from "@/lib/schemas/forms";
import { apiBoolean, errorObject } from "@/lib/schemas/manage-api/common";
import { refusals } from "@/lib/schemas/manage-api/incidents";
import type { ApiOperation } from "@/lib/schemas/manage-api/operation";

// An incident's postmortem in the write API, as Statuspage's manage API names it:
// PUT …/postmortem (postmortem[body_draft]), PUT …/postmortem/publish
// (postmortem[notify_subscribers]) and PUT …/postmortem/revert. Herald keeps one text per
// postmortem, a draft until published and then revised in place, as the console does;
// server/manage-api/postmortems.ts maps the calls onto the console's mutations.

const wrapped = { error: 'Send the fields inside "postmortem", e.g. {"postmortem": {"body_draft": "…"}}.' };

export const putPostmortemSchema = z.object({
  postmortem: z.object(
    {
      body_draft: z
        .string({ error: "Send the postmortem's text (Markdown) as a string." })
        .max(POSTMORTEM_MAX, { error: `Keep the postmortem under ${POSTMORTEM_MAX.toLocaleString("en-GB")} characters.` })
        .pipe(text("the postmortem", POSTMORTEM_MAX))
        .meta({ description: "The text, Markdown. While a draft it stays private; once published, sending it revises the public postmortem (shown as revised), which never notifies." }),
    },
    wrapped,
  ),
});

export const publishPostmortemSchema = z.object({
  postmortem: z
    .object(
      {
        notify_subscribers: apiBoolean.optional().meta({ description: "Mail it to subscribers and post it to webhooks and chat channels, once. Default false." }),
        notify_twitter: apiBoolean.optional().meta({ description: "Accepted and ignored: Herald posts to no Twitter." }),
        custom_tweet: z.string().max(280).optional().meta({ description: "Accepted and ignored: Herald posts to no Twitter." }),
      },
      wrapped,
    )
    .default({}),
});

const time = z.string().meta({ description: "ISO 8601, in the page's time zone." });

export const postmortemObject = z.object({
  body: z.string().nullable().meta({ description: "The published text, Markdown; null while there is none or it is a draft." }),
  body_updated_at: time.nullable().meta({ description: "When the published text last changed; null until published." }),
  body_draft: z.string().nullable().meta({ description: "The text as saved, Markdown: the draft, or the published text (Herald keeps one); null while none was written." }),
  body_draft_updated_at: time.nullable(),
  published_at: time.nullable(),
  notify_subscribers: z.boolean().meta({ description: "Whether subscribers, webhooks and chat channels were told of it." }),
  notify_twitter: z.boolean().meta({ description: "Always false: Herald posts to no Twitter." }),
});

const PATH = "/api/v1/pages/{page_id}/incidents/{incident_id}/postmortem";
const tag = "Incidents";

const writeRefusals = {
  ...refusals,
  409: { description: "The postmortem is not in the state this needs (already published, or not published).", schema: errorObject },
  412: { description: "If-Match does not match the incident's ETag: it changed since you read it.", schema: errorObject },
  422: { description: "A field is not valid, or the incident cannot have a postmortem (open, maintenance, a draft).", schema: errorObject },
};

export const POSTMORTEM_OPERATIONS: ApiOperation[] = [
  {
    method: "get",
    path: PATH,
    operationId: "getPostmortem",
    summary: "Get an incident's postmortem",
    description: "The draft included.",
    tag,
    role: "editor",
    responses: { 200: { description: "The postmortem.", schema: postmortemObject }, ...refusals },
  },
  {
    method: "put",
    path: PATH,
    operationId: "putPostmortem",
    summary: "Write an incident's postmortem",
    description: "Saves body_draft as a private draft; once the postmortem is published, revises it in place (never notifies). The incident must be resolved, and not maintenance.",
    tag,
    role: "editor",
    body: putPostmortemSchema,
    responses: { 200: { description: "The postmortem as it now is.", schema: postmortemObject }, ...writeRefusals },
  },
  {
    method: "put",
    path: `${PATH}/publish`,
    operationId: "publishPostmortem",
    summary: "Publish an incident's postmortem",
    description: "Makes the saved draft public (incident page, feeds, APIs); with notify_subscribers, mails and posts it once. The incident itself must be published.",
    tag,
    role: "editor",
    body: publishPostmortemSchema,
    responses: { 200: { description: "The postmortem as it now is.", schema: postmortemObject }, ...writeRefusals },
  },
  {
    method: "put",
    path: `${PATH}/revert`,
    operationId: "revertPostmortem",
    summary: "Revert a published postmortem to a draft",
    description: "The public no longer sees it; its text is kept. Publishing it again tells no one who was told already.",
    tag,
    role: "editor",
    responses: { 200: { description: "The postmortem as it now is.", schema: postmortemObject }, ...writeRefusals },
  },
];
