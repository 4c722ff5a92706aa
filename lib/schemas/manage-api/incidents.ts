import { z } from "zod";
import { IMPACTS, INCIDENT_STATUSES, MAINTENANCE_STATUSES, SERVICE_STATUSES } from "@/lib/constants";
import { BODY_MAX, TITLE_MAX } from "@/lib/schemas/admin";
import { ADVICE_MAX, adviceText } from "@/lib/schemas/advice";
import { id, plainTitle, text } from "@/lib/schemas/forms";
import { ANNOUNCE_MAX_MINUTES, REMIND_MAX_MINUTES } from "@/lib/schemas/maintenance";
import { apiBoolean, errorObject } from "@/lib/schemas/manage-api/common";
import type { ApiOperation } from "@/lib/schemas/manage-api/operation";

// Incidents and scheduled maintenance in the write API, field for field as Statuspage's
// manage API names them. Bodies come as JSON or as Rails-style forms
// (`incident[name]=x&incident[component_ids][]=a`), so every scalar also accepts its form
// spelling ("true", "60"). server/manage-api/incidents.ts maps them onto the console's
// mutations, so the API and the console share one pipeline.

export const UPDATE_STATUSES = [...INCIDENT_STATUSES, ...MAINTENANCE_STATUSES] as const;

/** Statuspage's reminder is a yes/no; Herald reminds this long before the start. */
export const REMIND_PRIOR_DEFAULT_MINUTES = 60;

/** An instant with its offset: "2026-12-01T14:00:00Z" or "…+01:00". */
const instant = (label: string) => z.iso.datetime({ offset: true, error: `Send ${label} as an ISO 8601 time with its offset, like 2026-12-01T14:00:00Z.` });

const status = z.enum(UPDATE_STATUSES, { error: `Choose one of: ${UPDATE_STATUSES.join(", ")}.` });
const componentStatus = z.enum(SERVICE_STATUSES, { error: `Choose one of: ${SERVICE_STATUSES.join(", ")}.` });
const impact = z.enum(IMPACTS, { error: `Choose one of: ${IMPACTS.join(", ")}.` });

/** One id or a list (a form sends `component_ids[]=a`, sometimes `component_ids=a`). */
const componentIds = z
  .union([id, z.array(id).max(200, { error: "Send at most 200 components." })], { error: "Send a list of component ids." })
  .transform((value) => (Array.isArray(value) ? value : [value]));

/** `{ "<component id>": "<status>" }`: the status this update sets for each. */
const components = z.record(id, componentStatus, { error: 'Send components as {"<component id>": "<status>"}.' });

const name = z
  .string({ error: "Enter the incident's name." })
  .max(TITLE_MAX, { error: `Keep the name under ${TITLE_MAX} characters.` })
  .pipe(plainTitle("the incident's name", TITLE_MAX));

const body = z
  .string({ error: "Send the update's text as a string." })
  .max(BODY_MAX, { error: `Keep the text under ${BODY_MAX.toLocaleString("en-GB")} characters.` })
  .pipe(text("the update's text", BODY_MAX));

/** Statuspage's yes/no, or Herald's extension: how many minutes before the start. */
const remindPrior = z
  .union([apiBoolean, z.coerce.number().int().min(1).max(REMIND_MAX_MINUTES)], {
    error: `Send true or false, or the minutes before the start (1 to ${REMIND_MAX_MINUTES}).`,
  })
  .transform((value) => (value === true ? REMIND_PRIOR_DEFAULT_MINUTES : value === false ? null : value));

const draft = apiBoolean.meta({ description: "Herald's extension: save without publishing; the public sees nothing until it is published.", "x-herald-extension": true });

const wrapped = (key: string) => ({ error: `Send the fields inside "${key}", e.g. {"${key}": {"name": "…"}}.` });

const incidentFields = {
  status: status.optional(),
  impact_override: impact.optional(),
  body: body.optional(),
  component_ids: componentIds.optional(),
  components: components.optional(),
  deliver_notifications: apiBoolean.optional(),
  scheduled_for: instant("scheduled_for").optional(),
  scheduled_until: instant("scheduled_until").optional(),
  scheduled_remind_prior: remindPrior.optional(),
  scheduled_auto_in_progress: apiBoolean.optional(),
  scheduled_auto_completed: apiBoolean.optional(),
  metadata: z.record(z.string(), z.unknown()).optional(),
  advice: adviceText
    .optional()
    .meta({ description: `Herald's extension: what readers should do (Markdown, at most ${ADVICE_MAX.toLocaleString("en-GB")} characters), pinned above the updates; "" or null clears it.`, "x-herald-extension": true }),
};

function checkWindow(value: { scheduled_for?: string; scheduled_until?: string }, ctx: z.RefinementCtx) {
  if (value.scheduled_for && value.scheduled_until && Date.parse(value.scheduled_until) <= Date.parse(value.scheduled_for)) {
    ctx.addIssue({ code: "custom", path: ["scheduled_until"], message: "scheduled_until must come after scheduled_for." });
  }
}

export const createIncidentSchema = z.object({
  incident: z
    .object(
      {
        name,
        ...incidentFields,
        backfilled: apiBoolean.optional(),
        backfill_date: z
          .union([z.iso.datetime({ offset: true }), z.iso.date()], { error: "Send backfill_date as a date (2026-11-30) or an ISO 8601 time with its offset." })
          .optional(),
        draft: draft.optional(),
        scheduled_announce_prior: z.coerce
          .number({ error: `Send the minutes before the start (1 to ${ANNOUNCE_MAX_MINUTES}), or null to show it at once.` })
          .int({ error: `Send whole minutes before the start (1 to ${ANNOUNCE_MAX_MINUTES}).` })
          .min(1, { error: `Send the minutes before the start (1 to ${ANNOUNCE_MAX_MINUTES}), or null to show it at once.` })
          .max(ANNOUNCE_MAX_MINUTES, { error: `At most ${ANNOUNCE_MAX_MINUTES} minutes (90 days) before the start.` })
          .nullable()
          .optional()
          .meta({
            description:
              "Herald's extension, for scheduled maintenance: how many minutes before its start the window joins the page's list of upcoming maintenance (null or absent: as soon as it is announced). It is published all the same: its own page, history, feeds and calendars show it at once.",
            "x-herald-extension": true,
          }),
      },
      wrapped("incident"),
    )
    .superRefine((value, ctx) => {
      checkWindow(value, ctx);
      const maintenance = value.scheduled_for !== undefined || (value.status !== undefined && (MAINTENANCE_STATUSES as readonly string[]).includes(value.status));
      if (maintenance) {
        if (!value.scheduled_for) ctx.addIssue({ code: "custom", path: ["scheduled_for"], message: "Scheduled maintenance needs scheduled_for (when it starts)." });
        if (!value.scheduled_until) ctx.addIssue({ code: "custom", path: ["scheduled_until"], message: "Scheduled maintenance needs scheduled_until (when it ends)." });
        if (value.status && value.status !== "scheduled") {
          ctx.addIssue({ code: "custom", path: ["status"], message: "Create maintenance as scheduled; it moves to in_progress at its start (or PATCH its status)." });
        }
        if (value.backfilled) ctx.addIssue({ code: "custom", path: ["backfilled"], message: "Only an incident can be backfilled, not scheduled maintenance." });
      } else if (value.scheduled_announce_prior != null) {
        ctx.addIssue({ code: "custom", path: ["scheduled_announce_prior"], message: "Only scheduled maintenance is announced ahead; leave scheduled_announce_prior out for an incident." });
      } else if (value.scheduled_until) {
        ctx.addIssue({ code: "custom", path: ["scheduled_for"], message: "Send scheduled_for with scheduled_until, or leave both out for an incident." });
      }
      if (value.backfilled) {
        if (!value.backfill_date) ctx.addIssue({ code: "custom", path: ["backfill_date"], message: "A backfilled incident needs backfill_date (when it happened)." });
        if (value.components && Object.keys(value.components).length) {
          ctx.addIssue({ code: "custom", path: ["components"], message: "A backfilled incident happened in the past, so it cannot set components' statuses now. Send component_ids instead." });
        }
        if (value.status && value.status !== "resolved") ctx.addIssue({ code: "custom", path: ["status"], message: "A backfilled incident is resolved." });
        if (value.draft) ctx.addIssue({ code: "custom", path: ["draft"], message: "A backfilled incident is published at once; leave out draft." });
      } else if (value.backfill_date) {
        ctx.addIssue({ code: "custom", path: ["backfilled"], message: "Send backfilled: true with backfill_date." });
      }
    }),
});

export const updateIncidentSchema = z.object({
  incident: z
    .object(
      {
        name: name.optional(),
        ...incidentFields,
        /** Herald's extension: false publishes a draft (it cannot be unpublished). */
        draft: draft.optional(),
      },
      wrapped("incident"),
    )
    .superRefine((value, ctx) => {
      checkWindow(value, ctx);
      if (value.draft === true) ctx.addIssue({ code: "custom", path: ["draft"], message: "A published incident cannot go back to a draft; send draft: false to publish one." });
    }),
});

export const updateIncidentUpdateSchema = z.object({
  incident_update: z
    .object(
      {
        body: body.optional(),
        display_at: instant("display_at").optional(),
        /** Accepted for Statuspage's tools; a correction never notifies anyone. */
        deliver_notifications: apiBoolean.optional(),
      },
      { error: 'Send the fields inside "incident_update", e.g. {"incident_update": {"body": "…"}}.' },
    )
    .refine((value) => value.body !== undefined || value.display_at !== undefined, { error: "Send body or display_at to change.", path: ["body"] }),
});

export const LIST_LIMIT_MAX = 100;

export const listIncidentsQuery = z.object({
  q: z
    .string()
    .trim()
    .max(200, { error: "Keep q under 200 characters." })
    // PostgreSQL refuses a NUL in a query, and no text Herald stores has control characters.
    .regex(/^[^\u0000-\u001F\u007F]*$/, { error: "q cannot contain control characters." })
    .optional(),
  limit: z.coerce
    .number({ error: "Send limit as a whole number." })
    .int({ error: "Send limit as a whole number." })
    .min(1, { error: "limit starts at 1." })
    .max(LIST_LIMIT_MAX, { error: `limit is at most ${LIST_LIMIT_MAX}.` })
    .default(LIST_LIMIT_MAX),
  page: z.coerce.number({ error: "Send page as a whole number." }).int({ error: "Send page as a whole number." }).min(1, { error: "page starts at 1." }).max(10_000).default(1),
});

/** An edit of the incident itself, not an update: its name and impact. */
export const editIncidentSchema = z.object({
  incidentId: id,
  revision: z.coerce.number().int().min(1),
  title: plainTitle("the incident's name", TITLE_MAX).optional(),
  impact: impact.optional(),
  /** Replaces the components it names. */
  services: z.array(id).optional(),
  autoStart: z.boolean().optional(),
  autoComplete: z.boolean().optional(),
  remindBeforeMinutes: z.number().int().min(1).max(REMIND_MAX_MINUTES).nullable().optional(),
});

export const deleteIncidentSchema = z.object({ incidentId: id });

// --- answers, for the OpenAPI document --------------------------------------------------

const adviceField = z
  .string()
  .nullable()
  .meta({ description: "Herald's extension: what readers should do (Markdown), pinned above the updates; null when there is none.", "x-herald-extension": true });

const time = z.string().meta({ description: "ISO 8601, in the page's time zone." });
const nullableTime = time.nullable();

const affectedComponent = z.object({ code: z.string(), name: z.string(), old_status: componentStatus, new_status: componentStatus });

export const incidentUpdateObject = z.object({
  id: z.string(),
  status,
  body: z.string(),
  incident_id: z.string(),
  created_at: time,
  updated_at: time,
  display_at: time,
  affected_components: z.array(affectedComponent),
  deliver_notifications: z.boolean(),
  custom_tweet: z.null(),
  tweet_id: z.null(),
});

export const incidentObject = z.object({
  id: z.string(),
  name: z.string(),
  status,
  created_at: time,
  updated_at: time,
  monitoring_at: nullableTime,
  resolved_at: nullableTime,
  impact,
  impact_override: impact.nullable(),
  shortlink: z.string(),
  started_at: time,
  page_id: z.string(),
  incident_updates: z.array(incidentUpdateObject),
  components: z.array(z.record(z.string(), z.unknown())),
  scheduled_for: nullableTime,
  scheduled_until: nullableTime,
  scheduled_remind_prior: z.boolean(),
  scheduled_reminded_at: nullableTime,
  scheduled_auto_in_progress: z.boolean(),
  scheduled_auto_completed: z.boolean(),
  deliver_notifications: z.boolean(),
  backfilled: z.boolean(),
  postmortem_body: z.string().nullable().meta({ description: "The published postmortem, Markdown; null while there is none or it is a draft." }),
  postmortem_published_at: nullableTime,
  advice: adviceField,
  metadata: z.record(z.string(), z.unknown()),
  draft: z.boolean().meta({ description: "Herald's extension: true while the public cannot see it.", "x-herald-extension": true }),
});

const PATH = "/api/v1/pages/{page_id}/incidents";
const ONE = `${PATH}/{incident_id}`;
const tag = "Incidents";

/** What any endpoint about one incident may answer instead (the postmortem's too). */
export const refusals = {
  401: { description: "No key, or a wrong, revoked or expired one.", schema: errorObject },
  403: { description: "The key's role is too low.", schema: errorObject },
  404: { description: "No such page or incident.", schema: errorObject },
  429: { description: "Too many requests with this key; see Retry-After.", schema: errorObject },
};
const writeRefusals = {
  ...refusals,
  412: { description: "If-Match does not match the incident's ETag: it changed since you read it.", schema: errorObject },
  422: { description: "A field is not valid; `fields` says which and why.", schema: errorObject },
};
const list = (summary: string, operationId: string, suffix: string, description?: string): ApiOperation => ({
  method: "get",
  path: `${PATH}${suffix}`,
  operationId,
  summary,
  description,
  tag,
  role: "editor",
  ...(suffix === "" ? { query: listIncidentsQuery } : {}),
  responses: { 200: { description: "Incidents, newest first.", schema: z.array(incidentObject) }, ...refusals },
});

export const INCIDENT_OPERATIONS: ApiOperation[] = [
  list("List incidents", "listIncidents", "", "Incidents and scheduled maintenance, drafts included; `q` searches names and update text."),
  list("List unresolved incidents", "listUnresolvedIncidents", "/unresolved"),
  list("List scheduled maintenance", "listScheduledIncidents", "/scheduled", "Maintenance that has not started."),
  list("List upcoming maintenance", "listUpcomingIncidents", "/upcoming", "Maintenance that has not started."),
  list("List maintenance under way", "listActiveMaintenance", "/active_maintenance"),
  {
    method: "post",
    path: PATH,
    operationId: "createIncident",
    summary: "Create an incident or scheduled maintenance",
    description: "A maintenance status or scheduled_for makes it scheduled maintenance. Honours Idempotency-Key.",
    tag,
    role: "editor",
    body: createIncidentSchema,
    responses: { 201: { description: "Created.", schema: incidentObject }, ...writeRefusals, 409: { description: "A request with this Idempotency-Key is still running.", schema: errorObject } },
  },
  {
    method: "get",
    path: ONE,
    operationId: "getIncident",
    summary: "Get an incident",
    tag,
    role: "editor",
    responses: { 200: { description: "The incident; its ETag header is for If-Match.", schema: incidentObject }, ...refusals },
  },
  ...(["patch", "put"] as const).map(
    (method): ApiOperation => ({
      method,
      path: ONE,
      operationId: method === "patch" ? "updateIncident" : "replaceIncident",
      summary: method === "patch" ? "Update an incident" : "Update an incident (PUT, as Statuspage accepts)",
      description: "status and/or body post the next update (components with it); name and impact_override edit the incident; scheduled_for/scheduled_until move a maintenance window. Send If-Match with the ETag to refuse a stale change.",
      tag,
      role: "editor",
      body: updateIncidentSchema,
      responses: { 200: { description: "The incident as it now is.", schema: incidentObject }, ...writeRefusals },
    }),
  ),
  {
    method: "delete",
    path: ONE,
    operationId: "deleteIncident",
    summary: "Delete an incident",
    description: "It leaves the public pages, feeds and API. Needs an admin key.",
    tag,
    role: "admin",
    responses: { 200: { description: "The incident as it was.", schema: incidentObject }, ...writeRefusals },
  },
  ...(["patch", "put"] as const).map(
    (method): ApiOperation => ({
      method,
      path: `${ONE}/incident_updates/{incident_update_id}`,
      operationId: method === "patch" ? "updateIncidentUpdate" : "replaceIncidentUpdate",
      summary: method === "patch" ? "Correct an incident update" : "Correct an incident update (PUT, as Statuspage accepts)",
      description: "Corrects an update's text (shown as corrected) or its display time.",
      tag,
      role: "editor",
      body: updateIncidentUpdateSchema,
      responses: { 200: { description: "The update as it now is.", schema: incidentUpdateObject }, ...writeRefusals },
    }),
  ),
];
