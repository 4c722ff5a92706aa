import { z } from "zod";
import { IMPACTS, INCIDENT_STATUSES, MAINTENANCE_STATUSES, SERVICE_STATUSES } from "@/lib/constants";
import type { ApiOperation } from "@/lib/schemas/manage-api/operation";

// The public read API (/api/v2/*, Statuspage's public API v2) as the OpenAPI document
// describes it: the shapes lib/statuspage.ts builds. No key; every answer is cacheable
// (ETag, Last-Modified, 304) and open to any origin.

const timestamp = z.iso.datetime({ offset: true });
const updateStatus = z.enum([...INCIDENT_STATUSES, ...MAINTENANCE_STATUSES]);

const pageSchema = z
  .object({ id: z.string(), name: z.string(), url: z.string(), time_zone: z.string(), updated_at: timestamp })
  .meta({ id: "PublicPage", description: "The page, and when anything on it last changed." });

const statusSchema = z
  .object({
    indicator: z.enum([...IMPACTS, "maintenance"]),
    description: z.string().meta({ description: 'e.g. "All Systems Operational".' }),
  })
  .meta({ id: "PublicStatus" });

const publicComponentSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    status: z.enum(SERVICE_STATUSES),
    created_at: timestamp,
    updated_at: timestamp,
    position: z.number().int(),
    description: z.string().nullable(),
    showcase: z.boolean(),
    start_date: z.iso.date().nullable(),
    group_id: z.string().nullable(),
    page_id: z.string(),
    group: z.boolean(),
    only_show_if_degraded: z.boolean(),
    components: z.array(z.string()).optional().meta({ description: "On a group only: its visible components' ids." }),
  })
  .meta({ id: "PublicComponent", description: "A visible component, or a group of them (group: true). Hidden components never appear." });

const incidentUpdateSchema = z
  .object({
    id: z.string(),
    status: updateStatus,
    body: z.string().meta({ description: "Markdown." }),
    incident_id: z.string(),
    created_at: timestamp,
    updated_at: timestamp,
    display_at: timestamp,
    affected_components: z.array(z.object({ code: z.string(), name: z.string(), old_status: z.enum(SERVICE_STATUSES), new_status: z.enum(SERVICE_STATUSES) })),
    deliver_notifications: z.boolean(),
    custom_tweet: z.null(),
    tweet_id: z.null(),
  })
  .meta({ id: "PublicIncidentUpdate" });

const incidentSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    status: updateStatus,
    created_at: timestamp,
    updated_at: timestamp,
    monitoring_at: timestamp.nullable(),
    resolved_at: timestamp.nullable(),
    impact: z.enum(IMPACTS),
    shortlink: z.string(),
    started_at: timestamp,
    page_id: z.string(),
    incident_updates: z.array(incidentUpdateSchema).meta({ description: "Newest first." }),
    components: z.array(publicComponentSchema),
    postmortem_body: z.string().nullable().meta({ description: "The published postmortem, Markdown; null while there is none (a draft never appears)." }),
    postmortem_published_at: timestamp.nullable(),
    advice: z
      .string()
      .nullable()
      .meta({ description: "Herald's extension: what readers should do (Markdown), pinned above the updates; null when there is none.", "x-herald-extension": true }),
  })
  .meta({ id: "PublicIncident", description: "A published incident; drafts never appear." });

const maintenanceSchema = incidentSchema
  .extend({
    scheduled_for: timestamp.nullable(),
    scheduled_until: timestamp.nullable(),
    scheduled_remind_prior: z.boolean(),
    scheduled_reminded_at: timestamp.nullable(),
    impact_override: z.enum(IMPACTS).nullable(),
    scheduled_auto_in_progress: z.boolean(),
    scheduled_auto_completed: z.boolean(),
  })
  .meta({ id: "PublicScheduledMaintenance", description: "A published maintenance window." });

const read = (path: string, operationId: string, summary: string, schema: z.ZodType, description?: string): ApiOperation => ({
  method: "get",
  path: `/api/v2/${path}`,
  operationId,
  summary,
  description,
  tag: "Public status (v2)",
  role: null,
  responses: { 200: { description: "The page's current answer.", schema } },
});

const page = { page: pageSchema };

export const STATUS_API_OPERATIONS: ApiOperation[] = [
  read(
    "summary.json",
    "getSummary",
    "Page summary",
    z.object({ ...page, components: z.array(publicComponentSchema), incidents: z.array(incidentSchema), scheduled_maintenances: z.array(maintenanceSchema), status: statusSchema }),
    "Components, open incidents, upcoming and running maintenance, and the overall status.",
  ),
  read("status.json", "getStatus", "Overall status", z.object({ ...page, status: statusSchema })),
  read("components.json", "getPublicComponents", "Visible components", z.object({ ...page, components: z.array(publicComponentSchema) })),
  read("incidents.json", "getIncidents", "Recent incidents", z.object({ ...page, incidents: z.array(incidentSchema) }), "The most recent published incidents, newest first."),
  read("incidents/unresolved.json", "getUnresolvedIncidents", "Unresolved incidents", z.object({ ...page, incidents: z.array(incidentSchema) })),
  read("scheduled-maintenances.json", "getScheduledMaintenances", "Recent maintenance", z.object({ ...page, scheduled_maintenances: z.array(maintenanceSchema) })),
  read("scheduled-maintenances/upcoming.json", "getUpcomingMaintenances", "Upcoming maintenance", z.object({ ...page, scheduled_maintenances: z.array(maintenanceSchema) })),
  read("scheduled-maintenances/active.json", "getActiveMaintenances", "Maintenance under way", z.object({ ...page, scheduled_maintenances: z.array(maintenanceSchema) })),
];
