import "server-only";
import { z } from "zod";
import { deleteSchema, groupEditSchema, groupSchema, moveSchema, serviceEditSchema, serviceSchema, slugify } from "@/lib/schemas/admin";
import { id } from "@/lib/schemas/forms";
import { createComponentGroupSchema, createComponentSchema, updateComponentGroupSchema, updateComponentSchema } from "@/lib/schemas/manage-api/components";
import type { CatalogView } from "@/lib/views/catalog";
import type { Actor } from "@/lib/views/actor";
import { authorize } from "@/server/auth";
import { db, type Tx } from "@/server/db";
import { CHECK_FIELDS, mutation, MutationError, type MutationContext } from "@/server/mutation";

// Services and their groups: what the public page lists, in what order. Admins only;
// every change is audited and bumps the public version in one transaction.

type Audit = MutationContext<unknown, "admin">["audit"];

async function slugTaken(tx: Tx, slug: string, exceptId?: string) {
  const found = await tx.service.findUnique({ where: { slug } });
  return found !== null && found.id !== exceptId;
}

async function groupExists(tx: Tx, groupId: string | null) {
  return groupId === null || (await tx.serviceGroup.count({ where: { id: groupId } })) === 1;
}

const slugInUse = (slug: string) => new MutationError("invalid", "Check the highlighted fields.", { slug: `Another service already uses /services/${slug}.` });
const groupGone = () => new MutationError("not_found", "That group no longer exists. Reload the page.");

export const createService = mutation({ role: "admin", schema: serviceSchema, audit: "service", public: true }, async ({ tx, data, audit }) => {
  const slug = data.slug || slugify(data.name);
  if (!slug) throw new MutationError("invalid", "Check the highlighted fields.", { slug: "Give the service an address made of letters or digits." });
  if (await slugTaken(tx, slug)) throw slugInUse(slug);
  if (!(await groupExists(tx, data.groupId))) throw groupGone();
  const last = await tx.service.aggregate({ where: { groupId: data.groupId }, _max: { position: true } });
  const now = new Date();
  const service = await tx.service.create({
    data: {
      name: data.name,
      slug,
      description: data.description,
      groupId: data.groupId,
      hidden: data.hidden === "on",
      position: (last._max.position ?? -1) + 1,
      statusChanges: { create: { status: "operational", at: now } },
    },
  });
  await audit({ action: "created", entityId: service.id, after: { name: data.name, slug, groupId: data.groupId, hidden: service.hidden } });
  return { message: `Added ${data.name} at /services/${slug}.` };
});

export const updateService = mutation({ role: "admin", schema: serviceEditSchema, audit: "service", public: true }, async ({ tx, data: { serviceId, ...data }, audit }) => {
  const service = await tx.service.findUnique({ where: { id: serviceId } });
  if (!service) throw new MutationError("not_found", "That service no longer exists. Reload the page.");
  const slug = data.slug || service.slug;
  if (await slugTaken(tx, slug, serviceId)) throw slugInUse(slug);
  if (!(await groupExists(tx, data.groupId))) throw groupGone();
  const after = { name: data.name, slug, description: data.description, groupId: data.groupId, hidden: data.hidden === "on" };
  await tx.service.update({ where: { id: serviceId }, data: after });
  await audit({
    action: "changed",
    entityId: serviceId,
    before: { name: service.name, slug: service.slug, description: service.description, groupId: service.groupId, hidden: service.hidden },
    after,
  });
  return { message: `Saved ${data.name}.` };
});

/** Swaps a service with its neighbour in the same group (or among ungrouped services). */
export const moveService = mutation({ role: "admin", schema: moveSchema, audit: "service", public: true }, async ({ tx, data: { id, direction }, audit }) => {
  const service = await tx.service.findUnique({ where: { id } });
  if (!service) throw new MutationError("not_found", "That service no longer exists. Reload the page.");
  const siblings = await tx.service.findMany({ where: { groupId: service.groupId }, orderBy: [{ position: "asc" }, { name: "asc" }] });
  const moved = await swap(siblings, service.id, direction, (id, position) => tx.service.update({ where: { id }, data: { position } }));
  if (!moved) return { message: `${service.name} is already ${direction === "up" ? "first" : "last"}.` };
  await audit({ action: `moved_${direction}`, entityId: service.id });
  return { message: `Moved ${service.name} ${direction}.` };
});

/** Renumbers a list 0…n-1 with one item swapped with its neighbour; false when it is at the end. */
async function swap<T extends { id: string }>(items: T[], id: string, direction: "up" | "down", save: (id: string, position: number) => Promise<unknown>) {
  const index = items.findIndex((item) => item.id === id);
  const target = direction === "up" ? index - 1 : index + 1;
  if (index < 0 || target < 0 || target >= items.length) return false;
  const order = [...items];
  [order[index], order[target]] = [order[target], order[index]];
  for (const [position, item] of order.entries()) await save(item.id, position);
  return true;
}

export const deleteService = mutation({ role: "admin", schema: deleteSchema, audit: "service", public: true }, async ({ tx, data: { id }, audit }) => {
  const service = await removeService(tx, id, audit);
  return { message: `Deleted ${service.name} and its history.` };
});

async function removeService(tx: Tx, id: string, audit: Audit) {
  const service = await tx.service.findUnique({ where: { id } });
  if (!service) throw new MutationError("not_found", "That service no longer exists.");
  await tx.service.delete({ where: { id: service.id } });
  await audit({ action: "deleted", entityId: service.id, before: { name: service.name, slug: service.slug, status: service.status } });
  return service;
}

export const createGroup = mutation({ role: "admin", schema: groupSchema, audit: "group", public: true }, async ({ tx, data, audit }) => {
  const last = await tx.serviceGroup.aggregate({ _max: { position: true } });
  const group = await tx.serviceGroup.create({ data: { ...data, position: (last._max.position ?? -1) + 1 } });
  await audit({ action: "created", entityId: group.id, after: data });
  return { message: `Added the group ${group.name}.` };
});

export const updateGroup = mutation({ role: "admin", schema: groupEditSchema, audit: "group", public: true }, async ({ tx, data: { groupId, ...data }, audit }) => {
  const group = await tx.serviceGroup.findUnique({ where: { id: groupId } });
  if (!group) throw groupGone();
  await tx.serviceGroup.update({ where: { id: groupId }, data });
  await audit({ action: "changed", entityId: groupId, before: { name: group.name, description: group.description }, after: data });
  return { message: `Saved ${data.name}.` };
});

export const moveGroup = mutation({ role: "admin", schema: moveSchema, audit: "group", public: true }, async ({ tx, data: { id, direction }, audit }) => {
  const groups = await tx.serviceGroup.findMany({ orderBy: [{ position: "asc" }, { name: "asc" }] });
  const group = groups.find((candidate) => candidate.id === id);
  if (!group) throw groupGone();
  const moved = await swap(groups, group.id, direction, (id, position) => tx.serviceGroup.update({ where: { id }, data: { position } }));
  if (!moved) return { message: `${group.name} is already ${direction === "up" ? "first" : "last"}.` };
  await audit({ action: `moved_${direction}`, entityId: group.id });
  return { message: `Moved ${group.name} ${direction}.` };
});

/** Deletes a group; its services stay, ungrouped. */
export const deleteGroup = mutation({ role: "admin", schema: deleteSchema, audit: "group", public: true }, async ({ tx, data: { id }, audit }) => {
  const group = await removeGroup(tx, id, audit);
  return { message: `Deleted the group ${group.name}; its services are now ungrouped.` };
});

async function removeGroup(tx: Tx, id: string, audit: Audit) {
  const group = await tx.serviceGroup.findUnique({ where: { id }, include: { services: { select: { id: true } } } });
  if (!group) throw new MutationError("not_found", "That group no longer exists.");
  await tx.service.updateMany({ where: { groupId: group.id }, data: { groupId: null } });
  await tx.serviceGroup.delete({ where: { id: group.id } });
  await audit({ action: "deleted", entityId: group.id, before: { name: group.name, services: group.services.map((service) => service.id) } });
  return group;
}

// --- the write API (server/manage-api/components.ts) -------------------------------------
// Statuspage's fields and order. A position is an index (1 first) within a group, or among
// the page's top-level entries, where groups and ungrouped services share one order
// (listServiceGroups interleaves them by position): the API renumbers that whole order.

type Client = Pick<Tx, "service" | "serviceGroup">;

export interface CatalogEntry {
  kind: "group" | "service";
  id: string;
  position: number;
  name: string;
}

// As listServiceGroups sorts: by position, a group before a service, then by name.
export const byPageOrder = (a: CatalogEntry, b: CatalogEntry) =>
  a.position - b.position || (a.kind === b.kind ? 0 : a.kind === "group" ? -1 : 1) || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

/** Groups and ungrouped services, hidden ones included, in the order the page shows them. */
export async function topLevelOrder(client: Client): Promise<CatalogEntry[]> {
  const groups = await client.serviceGroup.findMany({ select: { id: true, position: true, name: true } });
  const services = await client.service.findMany({ where: { groupId: null }, select: { id: true, position: true, name: true } });
  return [...groups.map((group) => ({ kind: "group" as const, ...group })), ...services.map((service) => ({ kind: "service" as const, ...service }))].sort(byPageOrder);
}

/** A group's services, hidden ones included, in page order. */
export async function groupOrder(client: Client, groupId: string): Promise<CatalogEntry[]> {
  const services = await client.service.findMany({ where: { groupId }, orderBy: [{ position: "asc" }, { name: "asc" }], select: { id: true, position: true, name: true } });
  return services.map((service) => ({ kind: "service" as const, ...service }));
}

async function endOfPage(tx: Tx) {
  const entries = await topLevelOrder(tx);
  return entries.length ? Math.max(...entries.map((entry) => entry.position)) + 1 : 0;
}

async function endOfGroup(tx: Tx, groupId: string) {
  const last = await tx.service.aggregate({ where: { groupId }, _max: { position: true } });
  return (last._max.position ?? -1) + 1;
}

/** Moves one entry to `position` (1 first, past the end means last) and renumbers the rest. */
async function place(tx: Tx, target: Pick<CatalogEntry, "kind" | "id">, groupId: string | null, position: number) {
  const entries = groupId ? await groupOrder(tx, groupId) : await topLevelOrder(tx);
  const index = entries.findIndex((entry) => entry.kind === target.kind && entry.id === target.id);
  if (index < 0) return;
  const [moving] = entries.splice(index, 1);
  entries.splice(Math.min(position - 1, entries.length), 0, moving);
  for (const [next, entry] of entries.entries()) {
    if (entry.position === next) continue;
    if (entry.kind === "group") await tx.serviceGroup.update({ where: { id: entry.id }, data: { position: next } });
    else await tx.service.update({ where: { id: entry.id }, data: { position: next } });
  }
}

/** The service's address from its name; Statuspage has none, so a taken one gets a number. */
async function freeSlug(tx: Tx, name: string) {
  const base = slugify(name) || "component";
  for (let n = 1; ; n++) {
    const suffix = n === 1 ? "" : `-${n}`;
    const slug = base.slice(0, 60 - suffix.length).replace(/-+$/, "") + suffix;
    if (!(await slugTaken(tx, slug))) return slug;
  }
}

const refuseField = (field: string, message: string) => new MutationError("invalid", CHECK_FIELDS, { [field]: message });

async function requireGroup(tx: Tx, groupId: string | null) {
  if (!(await groupExists(tx, groupId))) throw refuseField("component.group_id", "There is no component group with this id.");
}

/** Makes `ids` the group's members in that order; former members left out stand alone at the end of the page. */
async function setMembers(tx: Tx, groupId: string, ids: string[], former: string[]) {
  const members = [...new Set(ids)];
  const found = new Set((await tx.service.findMany({ where: { id: { in: members } }, select: { id: true } })).map((service) => service.id));
  const missing = members.find((member) => !found.has(member));
  if (missing) throw refuseField("component_group.components", `There is no component with the id ${missing}.`);
  const leaving = former.filter((member) => !members.includes(member));
  for (const member of leaving) await tx.service.update({ where: { id: member }, data: { groupId: null, position: await endOfPage(tx) } });
  for (const [position, member] of members.entries()) await tx.service.update({ where: { id: member }, data: { groupId, position } });
  return members;
}

export const addComponent = mutation({ role: "admin", schema: createComponentSchema, audit: "service", public: true }, async ({ tx, data: { component }, audit }) => {
  const groupId = component.group_id ?? null;
  await requireGroup(tx, groupId);
  const slug = await freeSlug(tx, component.name);
  const fields = { name: component.name, slug, description: component.description ?? "", groupId, hidden: component.hidden ?? false, status: component.status };
  const service = await tx.service.create({
    data: {
      ...fields,
      position: groupId ? await endOfGroup(tx, groupId) : await endOfPage(tx),
      statusChanges: { create: { status: component.status, at: new Date() } },
    },
  });
  await audit({ action: "created", entityId: service.id, after: fields });
  return { serviceId: service.id };
});

/**
 * Any change to a component in one transaction. A status change is recorded as
 * setServiceStatus records it (history row, audit entry); the API sends a change of
 * status alone to setServiceStatus itself, which editors may make.
 */
export const editComponent = mutation({ role: "admin", schema: updateComponentSchema.extend({ id }), audit: "service", public: true }, async ({ tx, data: { id, component }, audit }) => {
  const service = await tx.service.findUnique({ where: { id } });
  if (!service) throw new MutationError("not_found", "That component no longer exists.");
  const groupId = component.group_id === undefined ? service.groupId : component.group_id;
  await requireGroup(tx, groupId);
  const before = { name: service.name, description: service.description, groupId: service.groupId, hidden: service.hidden };
  const after = { name: component.name ?? service.name, description: component.description ?? service.description, groupId, hidden: component.hidden ?? service.hidden };
  // A component that changes group goes to the end of its new one.
  const position = groupId === service.groupId ? service.position : groupId ? await endOfGroup(tx, groupId) : await endOfPage(tx);
  await tx.service.update({ where: { id }, data: { ...after, position } });
  if (component.position !== undefined) await place(tx, { kind: "service", id }, groupId, component.position);
  if (Object.entries(component).some(([key, value]) => key !== "status" && value !== undefined)) {
    await audit({ action: "changed", entityId: id, before, after: { ...after, ...(component.position === undefined ? {} : { movedTo: component.position }) } });
  }
  if (component.status !== undefined && component.status !== service.status) {
    await tx.statusChange.create({ data: { serviceId: id, status: component.status, at: new Date() } });
    await tx.service.update({ where: { id }, data: { status: component.status } });
    await audit({ action: "status_changed", entityId: id, before: { status: service.status }, after: { status: component.status } });
  }
  return { serviceId: id };
});

export const removeComponent = mutation({ role: "admin", schema: z.object({ id }), audit: "service", public: true }, async ({ tx, data, audit }) => {
  await removeService(tx, data.id, audit);
  return {};
});

export const addComponentGroup = mutation({ role: "admin", schema: createComponentGroupSchema, audit: "group", public: true }, async ({ tx, data, audit }) => {
  const fields = { name: data.component_group.name, description: data.component_group.description ?? data.description ?? "" };
  const group = await tx.serviceGroup.create({ data: { ...fields, position: await endOfPage(tx) } });
  const components = await setMembers(tx, group.id, data.component_group.components ?? [], []);
  await audit({ action: "created", entityId: group.id, after: { ...fields, components } });
  return { groupId: group.id };
});

export const editComponentGroup = mutation({ role: "admin", schema: updateComponentGroupSchema.extend({ id }), audit: "group", public: true }, async ({ tx, data, audit }) => {
  const { id, component_group: changes } = data;
  const group = await tx.serviceGroup.findUnique({ where: { id }, include: { services: { orderBy: [{ position: "asc" }, { name: "asc" }], select: { id: true } } } });
  if (!group) throw new MutationError("not_found", "That component group no longer exists.");
  const former = group.services.map((service) => service.id);
  const fields = { name: changes.name ?? group.name, description: changes.description ?? data.description ?? group.description };
  // Touched even when only the membership changes, so its updated_at says so.
  await tx.serviceGroup.update({ where: { id }, data: { ...fields, updatedAt: new Date() } });
  const components = changes.components ? await setMembers(tx, id, changes.components, former) : former;
  if (changes.position !== undefined) await place(tx, { kind: "group", id }, null, changes.position);
  await audit({
    action: "changed",
    entityId: id,
    before: { name: group.name, description: group.description, components: former },
    after: { ...fields, components, ...(changes.position === undefined ? {} : { movedTo: changes.position }) },
  });
  return { groupId: id };
});

export const removeComponentGroup = mutation({ role: "admin", schema: z.object({ id }), audit: "group", public: true }, async ({ tx, data, audit }) => {
  await removeGroup(tx, data.id, audit);
  return {};
});

// Kept for the services page, which imports the view from here; new code imports lib/views/catalog.

export async function getCatalog(actor: Actor | null): Promise<CatalogView> {
  authorize(actor, "admin");
  const [groups, services] = await Promise.all([
    db().serviceGroup.findMany({ orderBy: [{ position: "asc" }, { name: "asc" }], select: { id: true, name: true, description: true } }),
    db().service.findMany({ orderBy: [{ position: "asc" }, { name: "asc" }], select: { id: true, name: true, slug: true, description: true, groupId: true, hidden: true } }),
  ]);
  return { groups, services };
}
