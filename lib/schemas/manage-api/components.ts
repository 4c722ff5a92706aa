import { z } from "zod";
import { SERVICE_STATUSES } from "@/lib/constants";
import { description, id, plainTitle } from "@/lib/schemas/forms";
import { apiBoolean } from "@/lib/schemas/manage-api/common";
import type { ApiOperation } from "@/lib/schemas/manage-api/operation";

// Components (Herald's services) and component groups in the write API, field for field
// as Statuspage's manage API names them. Bodies come as JSON or as Rails-style forms
// (`component[name]=x`), so every scalar also accepts its form spelling ("true", "3").

export const COMPONENT_NAME_MAX = 100;
export const COMPONENT_DESCRIPTION_MAX = 300;
/** Members one group request may list; far more than any status page shows. */
export const GROUP_COMPONENTS_MAX = 200;

/**
 * A name with the console's rules (plainTitle). The length is also checked before them,
 * because JSON Schema of a pipe's input cannot see limits inside the pipe, and the
 * OpenAPI document should show the limit.
 */
function apiTitle(label: string, max: number) {
  return z
    .string({ error: `Enter ${label}.` })
    .max(max, { error: `Keep ${label} under ${max} characters.` })
    .pipe(plainTitle(label, max));
}

/** A description; null (Statuspage sends it) or "" clears it. */
const apiDescription = z
  .union([z.null(), z.string().max(COMPONENT_DESCRIPTION_MAX, { error: `Keep the description under ${COMPONENT_DESCRIPTION_MAX} characters.` })], {
    error: "Send the description as text, or null for none.",
  })
  .transform((value) => value ?? "")
  .pipe(description(COMPONENT_DESCRIPTION_MAX).unwrap());

export const componentStatus = z.enum(SERVICE_STATUSES, { error: `Choose one of: ${SERVICE_STATUSES.join(", ")}.` });

/** A group's id, or null / "" for none. */
const groupId = z
  .union([z.null(), z.literal(""), id], { error: "Send a component group's id, or null for none." })
  .transform((value) => value || null)
  .meta({ description: "The component group it belongs to; null for none." });

/** 1 is first: within its group, or among the page's top-level entries (groups and ungrouped components). */
const position = z.coerce
  .number({ error: "Send the position as a whole number, 1 for first." })
  .int({ error: "Send the position as a whole number, 1 for first." })
  .min(1, { error: "Positions start at 1 (first)." })
  .max(10_000, { error: "Send a position of 10,000 or less." });

const hidden = apiBoolean.meta({
  description: "Herald's extension: a hidden component is left off every public page, feed and the public API; keys still see it.",
  "x-herald-extension": true,
});

const wrapped = (name: string) => ({ error: `Send the fields inside "${name}", e.g. {"${name}": {"name": "…"}}.` });

export const createComponentSchema = z.object({
  component: z.object(
    {
      name: apiTitle("the component's name", COMPONENT_NAME_MAX),
      description: apiDescription.optional(),
      status: componentStatus.default("operational"),
      group_id: groupId.optional(),
      hidden: hidden.optional(),
    },
    wrapped("component"),
  ),
});

export const updateComponentSchema = z.object({
  component: z.object(
    {
      name: apiTitle("the component's name", COMPONENT_NAME_MAX).optional(),
      description: apiDescription.optional(),
      status: componentStatus.optional(),
      group_id: groupId.optional(),
      position: position.optional(),
      hidden: hidden.optional(),
    },
    wrapped("component"),
  ),
});

/** A list of component ids; a form may send one as a plain value. */
const componentIds = z
  .union([id, z.array(id, { error: "Send the components as a list of component ids." })], { error: "Send the components as a list of component ids." })
  .transform((value) => (Array.isArray(value) ? value : [value]))
  .pipe(z.array(z.string()).max(GROUP_COMPONENTS_MAX, { error: `List at most ${GROUP_COMPONENTS_MAX} components.` }))
  .meta({ description: "The ids of the components in the group, in the order the page shows them. Components left out of an update leave the group." });

export const createComponentGroupSchema = z.object({
  /** Statuspage puts the description beside the group, not inside it; Herald takes either. */
  description: apiDescription.optional(),
  component_group: z.object(
    {
      name: apiTitle("the group's name", COMPONENT_NAME_MAX),
      description: apiDescription.optional(),
      components: componentIds.optional(),
    },
    wrapped("component_group"),
  ),
});

export const updateComponentGroupSchema = z.object({
  description: apiDescription.optional(),
  component_group: z.object(
    {
      name: apiTitle("the group's name", COMPONENT_NAME_MAX).optional(),
      description: apiDescription.optional(),
      components: componentIds.optional(),
      position: position.optional(),
    },
    wrapped("component_group"),
  ),
});

/** Statuspage's list paging: at most 100 a page. */
export const listQuerySchema = z.object({
  page: z.coerce.number({ error: "Send page as a whole number from 1." }).int({ error: "Send page as a whole number from 1." }).min(1, { error: "Pages start at 1." }).default(1),
  per_page: z.coerce
    .number({ error: "Send per_page as a whole number from 1 to 100." })
    .int({ error: "Send per_page as a whole number from 1 to 100." })
    .min(1, { error: "Send per_page from 1 to 100." })
    .max(100, { error: "Send per_page from 1 to 100." })
    .default(100),
});

// --- answers ---------------------------------------------------------------------------

const timestamp = z.iso.datetime({ offset: true }).meta({ description: "In the page's time zone, with its offset." });

export const componentObjectSchema = z
  .object({
    id: z.string(),
    page_id: z.string(),
    group_id: z.string().nullable(),
    created_at: timestamp,
    updated_at: timestamp,
    group: z.boolean().meta({ description: "Whether this entry is a component group (lists only)." }),
    name: z.string(),
    description: z.string().nullable(),
    position: z.number().int().meta({ description: "1 is first, within its group or among the page's top-level entries." }),
    status: componentStatus,
    showcase: z.boolean(),
    only_show_if_degraded: z.boolean(),
    automation_email: z.string().nullable().meta({ description: "Always null: Herald takes status from the API and from Alertmanager, not from email." }),
    start_date: z.iso.date().nullable(),
    hidden: z.boolean().meta({ description: "Herald's extension: left off every public page, feed and the public API.", "x-herald-extension": true }),
    components: z.array(z.string()).optional().meta({ description: "On a group entry only: its components' ids." }),
  })
  .meta({ id: "Component", description: "A component (Herald's service), or in lists a group entry (group: true), as Statuspage shapes them." });

export const componentGroupObjectSchema = z
  .object({
    id: z.string(),
    page_id: z.string(),
    name: z.string(),
    description: z.string().nullable(),
    position: z.number().int().meta({ description: "1 is first among the page's top-level entries." }),
    components: z.array(z.string()).meta({ description: "Its components' ids, in page order." }),
    created_at: timestamp,
    updated_at: timestamp,
  })
  .meta({ id: "ComponentGroup" });

export type ComponentObject = z.input<typeof componentObjectSchema>;
export type ComponentGroupObject = z.input<typeof componentGroupObjectSchema>;

// --- the document ------------------------------------------------------------------------

const PAGE = "/api/v1/pages/{page_id}";
const COMPONENT = `${PAGE}/components/{component_id}`;
const GROUP = `${PAGE}/component-groups/{id}`;
const notFound = { description: "No such component on this page." };
const groupNotFound = { description: "No such component group on this page." };

const updateComponentOperation = (method: "patch" | "put"): ApiOperation => ({
  method,
  path: COMPONENT,
  operationId: method === "patch" ? "updateComponent" : "replaceComponent",
  summary: method === "patch" ? "Update a component" : "Update a component (PUT, same as PATCH)",
  description:
    "Changes only the fields sent. A change of `status` alone needs an editor key and is recorded in the component's history like a change in the console; any other field needs an admin key.",
  tag: "Components",
  role: "editor",
  body: updateComponentSchema,
  responses: { 200: { description: "The component as it now is.", schema: componentObjectSchema }, 404: notFound },
});

const updateGroupOperation = (method: "patch" | "put"): ApiOperation => ({
  method,
  path: GROUP,
  operationId: method === "patch" ? "updateComponentGroup" : "replaceComponentGroup",
  summary: method === "patch" ? "Update a component group" : "Update a component group (PUT, same as PATCH)",
  description: "Changes only the fields sent. `components` replaces the membership: components left out leave the group and stand alone at the end of the page.",
  tag: "Component groups",
  role: "admin",
  body: updateComponentGroupSchema,
  responses: { 200: { description: "The group as it now is.", schema: componentGroupObjectSchema }, 404: groupNotFound },
});

export const COMPONENT_OPERATIONS: ApiOperation[] = [
  {
    method: "get",
    path: `${PAGE}/components`,
    operationId: "listComponents",
    summary: "List components",
    description: "Every component in page order, hidden ones included, each group as an entry (group: true) before its components.",
    tag: "Components",
    role: "editor",
    query: listQuerySchema,
    responses: { 200: { description: "The components.", schema: z.array(componentObjectSchema) } },
  },
  {
    method: "post",
    path: `${PAGE}/components`,
    operationId: "createComponent",
    summary: "Create a component",
    description: "Adds it at the end of its group (or of the page), with an address made from its name.",
    tag: "Components",
    role: "admin",
    body: createComponentSchema,
    responses: { 201: { description: "The new component.", schema: componentObjectSchema } },
  },
  {
    method: "get",
    path: COMPONENT,
    operationId: "getComponent",
    summary: "Get a component",
    tag: "Components",
    role: "editor",
    responses: { 200: { description: "The component.", schema: componentObjectSchema }, 404: notFound },
  },
  updateComponentOperation("patch"),
  updateComponentOperation("put"),
  {
    method: "delete",
    path: COMPONENT,
    operationId: "deleteComponent",
    summary: "Delete a component",
    description: "Deletes it with its status history; incidents that named it no longer do.",
    tag: "Components",
    role: "admin",
    responses: { 204: { description: "Deleted." }, 404: notFound },
  },
  {
    method: "get",
    path: `${PAGE}/component-groups`,
    operationId: "listComponentGroups",
    summary: "List component groups",
    tag: "Component groups",
    role: "editor",
    query: listQuerySchema,
    responses: { 200: { description: "The groups, in page order.", schema: z.array(componentGroupObjectSchema) } },
  },
  {
    method: "post",
    path: `${PAGE}/component-groups`,
    operationId: "createComponentGroup",
    summary: "Create a component group",
    description: "Adds it at the end of the page; the components listed move into it, in that order.",
    tag: "Component groups",
    role: "admin",
    body: createComponentGroupSchema,
    responses: { 201: { description: "The new group.", schema: componentGroupObjectSchema } },
  },
  {
    method: "get",
    path: GROUP,
    operationId: "getComponentGroup",
    summary: "Get a component group",
    tag: "Component groups",
    role: "editor",
    responses: { 200: { description: "The group.", schema: componentGroupObjectSchema }, 404: groupNotFound },
  },
  updateGroupOperation("patch"),
  updateGroupOperation("put"),
  {
    method: "delete",
    path: GROUP,
    operationId: "deleteComponentGroup",
    summary: "Delete a component group",
    description: "Its components stay, ungrouped.",
    tag: "Component groups",
    role: "admin",
    responses: { 200: { description: "The group as it was.", schema: componentGroupObjectSchema }, 404: groupNotFound },
  },
];
