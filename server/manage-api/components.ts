import "server-only";
import { stripBidiControls } from "@/lib/bidi";
import type { ServiceStatus } from "@/lib/constants";
import { etagOf } from "@/lib/http-cache";
import { listQuerySchema, updateComponentSchema, type ComponentGroupObject, type ComponentObject } from "@/lib/schemas/manage-api/components";
import { rollUpStatus } from "@/lib/status";
import { pageId } from "@/lib/statuspage";
import { isoWithOffset } from "@/lib/time";
import type { Actor } from "@/lib/views/actor";
import { authorize } from "@/server/auth";
import {
  addComponent,
  addComponentGroup,
  byPageOrder,
  editComponent,
  editComponentGroup,
  removeComponent,
  removeComponentGroup,
  type CatalogEntry,
} from "@/server/catalog";
import { db } from "@/server/db";
import { setServiceStatus } from "@/server/incident-updates";
import { ApiError } from "@/server/manage-api/http";
import { parseInput } from "@/server/mutation";
import { getPageSettings } from "@/server/settings";

// Components and component groups for the write API: the whole catalogue, hidden
// services included, in Statuspage's shapes. Reads authorise like admin reads; writes go
// through the catalogue's mutations (server/catalog.ts) and setServiceStatus.

/** Checks an If-Match header against the object's current ETag (requireIfMatch); throws 412. */
export type Precondition = (etag: string) => void;

interface ServiceRow {
  id: string;
  name: string;
  description: string;
  status: string;
  position: number;
  hidden: boolean;
  groupId: string | null;
  createdAt: Date;
  updatedAt: Date;
}

interface GroupRow {
  id: string;
  name: string;
  description: string;
  position: number;
  createdAt: Date;
  updatedAt: Date;
}

/** The catalogue in page order, with each entry's 1-based position. */
interface Catalogue {
  page: string;
  time: (date: Date) => string;
  /** Top-level entries: groups and ungrouped services. */
  top: ({ kind: "group"; row: GroupRow; members: ServiceRow[] } | { kind: "service"; row: ServiceRow })[];
}

async function loadCatalogue(): Promise<Catalogue> {
  const [settings, groups, services] = await Promise.all([
    getPageSettings(),
    db().serviceGroup.findMany(),
    db().service.findMany({ select: { id: true, name: true, description: true, status: true, position: true, hidden: true, groupId: true, createdAt: true, updatedAt: true } }),
  ]);
  const entry = (kind: CatalogEntry["kind"], row: GroupRow | ServiceRow): CatalogEntry => ({ kind, id: row.id, position: row.position, name: row.name });
  const membersOf = (groupId: string) =>
    services
      .filter((service) => service.groupId === groupId)
      .sort((a, b) => byPageOrder(entry("service", a), entry("service", b)));
  const top: Catalogue["top"] = [
    ...groups.map((row) => ({ kind: "group" as const, row, members: membersOf(row.id) })),
    ...services.filter((service) => service.groupId === null).map((row) => ({ kind: "service" as const, row })),
  ];
  top.sort((a, b) => byPageOrder(entry(a.kind, a.row), entry(b.kind, b.row)));
  return { page: pageId(settings), time: (date) => isoWithOffset(date, settings.timeZone), top };
}

function componentObject(service: ServiceRow, position: number, { page, time }: Catalogue): ComponentObject {
  return {
    id: service.id,
    page_id: page,
    group_id: service.groupId,
    created_at: time(service.createdAt),
    updated_at: time(service.updatedAt),
    group: false,
    name: stripBidiControls(service.name),
    description: stripBidiControls(service.description) || null,
    position,
    status: service.status as ServiceStatus,
    showcase: true,
    only_show_if_degraded: false,
    automation_email: null,
    start_date: service.createdAt.toISOString().slice(0, 10),
    hidden: service.hidden,
  };
}

/** A group as the components list shows it: an entry with group: true, as Statuspage lists groups. */
function groupEntry(group: GroupRow, members: ServiceRow[], position: number, { page, time }: Catalogue): ComponentObject {
  return {
    id: group.id,
    page_id: page,
    group_id: null,
    created_at: time(group.createdAt),
    updated_at: time(group.updatedAt),
    group: true,
    name: stripBidiControls(group.name),
    description: stripBidiControls(group.description) || null,
    position,
    status: rollUpStatus(members.map((member) => ({ name: member.name, status: member.status as ServiceStatus }))).status,
    showcase: false,
    only_show_if_degraded: false,
    automation_email: null,
    start_date: null,
    hidden: false,
    components: members.map((member) => member.id),
  };
}

function groupObject(group: GroupRow, members: ServiceRow[], position: number, { page, time }: Catalogue): ComponentGroupObject {
  return {
    id: group.id,
    page_id: page,
    name: stripBidiControls(group.name),
    description: stripBidiControls(group.description) || null,
    position,
    components: members.map((member) => member.id),
    created_at: time(group.createdAt),
    updated_at: time(group.updatedAt),
  };
}

/** Every component, group entries before their members, in page order. */
function allComponents(catalogue: Catalogue): ComponentObject[] {
  return catalogue.top.flatMap((entry, index) =>
    entry.kind === "service"
      ? [componentObject(entry.row, index + 1, catalogue)]
      : [groupEntry(entry.row, entry.members, index + 1, catalogue), ...entry.members.map((member, at) => componentObject(member, at + 1, catalogue))],
  );
}

function allGroups(catalogue: Catalogue): ComponentGroupObject[] {
  return catalogue.top.flatMap((entry, index) => (entry.kind === "group" ? [groupObject(entry.row, entry.members, index + 1, catalogue)] : []));
}

const withEtag = <T>(object: T) => ({ object, etag: etagOf(JSON.stringify(object)) });

function page<T>(items: T[], query: URLSearchParams): T[] {
  const { page, per_page } = parseInput(listQuerySchema, Object.fromEntries(query));
  return items.slice((page - 1) * per_page, page * per_page);
}

// --- components --------------------------------------------------------------------------

export async function listComponents(actor: Actor | null, query: URLSearchParams): Promise<ComponentObject[]> {
  authorize(actor, "editor");
  return page(allComponents(await loadCatalogue()), query);
}

async function findComponent(componentId: string) {
  const found = allComponents(await loadCatalogue()).find((component) => component.id === componentId);
  if (!found) throw new ApiError(404, "There is no component with this id on this page.");
  if (found.group) throw new ApiError(404, "This id is a component group's: use /component-groups/{id} for it.");
  return withEtag(found);
}

export async function getComponent(actor: Actor | null, componentId: string) {
  authorize(actor, "editor");
  return findComponent(componentId);
}

export async function createComponent(actor: Actor | null, body: Record<string, unknown>) {
  const { serviceId } = await addComponent.run(actor, body);
  return findComponent(serviceId);
}

/**
 * A change of status alone goes through setServiceStatus, as the console's status buttons
 * do, and needs an editor; any other field is the catalogue's, and needs an admin.
 */
export async function updateComponent(actor: Actor | null, componentId: string, body: Record<string, unknown>, precondition: Precondition) {
  authorize(actor, "editor");
  const { component } = parseInput(updateComponentSchema, body);
  const statusOnly = Object.entries(component).every(([key, value]) => key === "status" || value === undefined);
  if (!statusOnly) authorize(actor, "admin");
  precondition((await findComponent(componentId)).etag);
  if (!statusOnly) await editComponent.run(actor, { ...body, id: componentId });
  else if (component.status) await setServiceStatus.run(actor, { serviceId: componentId, status: component.status });
  return findComponent(componentId);
}

export async function deleteComponent(actor: Actor | null, componentId: string, precondition: Precondition): Promise<void> {
  authorize(actor, "admin");
  precondition((await findComponent(componentId)).etag);
  await removeComponent.run(actor, { id: componentId });
}

// --- component groups ------------------------------------------------------------------------

export async function listComponentGroups(actor: Actor | null, query: URLSearchParams): Promise<ComponentGroupObject[]> {
  authorize(actor, "editor");
  return page(allGroups(await loadCatalogue()), query);
}

async function findGroup(groupId: string) {
  const found = allGroups(await loadCatalogue()).find((group) => group.id === groupId);
  if (!found) throw new ApiError(404, "There is no component group with this id on this page.");
  return withEtag(found);
}

export async function getComponentGroup(actor: Actor | null, groupId: string) {
  authorize(actor, "editor");
  return findGroup(groupId);
}

export async function createComponentGroup(actor: Actor | null, body: Record<string, unknown>) {
  const { groupId } = await addComponentGroup.run(actor, body);
  return findGroup(groupId);
}

export async function updateComponentGroup(actor: Actor | null, groupId: string, body: Record<string, unknown>, precondition: Precondition) {
  authorize(actor, "admin");
  precondition((await findGroup(groupId)).etag);
  await editComponentGroup.run(actor, { ...body, id: groupId });
  return findGroup(groupId);
}

/** Answers with the group as it was, as Statuspage does. */
export async function deleteComponentGroup(actor: Actor | null, groupId: string, precondition: Precondition): Promise<ComponentGroupObject> {
  authorize(actor, "admin");
  const { object, etag } = await findGroup(groupId);
  precondition(etag);
  await removeComponentGroup.run(actor, { id: groupId });
  return object;
}
