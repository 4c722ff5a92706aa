import "server-only";
import { deleteSchema, groupEditSchema, groupSchema, moveSchema, serviceEditSchema, serviceSchema, slugify } from "@/lib/schemas/admin";
import type { CatalogView } from "@/lib/views/catalog";
import type { Actor } from "@/lib/views/actor";
import { authorize } from "@/server/auth";
import { db, type Tx } from "@/server/db";
import { mutation, MutationError } from "@/server/mutation";

// Services and their groups: what the public page lists, in what order. Admins only;
// every change is audited and bumps the public version in one transaction.

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
  const service = await tx.service.findUnique({ where: { id } });
  if (!service) throw new MutationError("not_found", "That service no longer exists.");
  await tx.service.delete({ where: { id: service.id } });
  await audit({ action: "deleted", entityId: service.id, before: { name: service.name, slug: service.slug, status: service.status } });
  return { message: `Deleted ${service.name} and its history.` };
});

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
  const group = await tx.serviceGroup.findUnique({ where: { id }, include: { services: { select: { id: true } } } });
  if (!group) throw new MutationError("not_found", "That group no longer exists.");
  await tx.service.updateMany({ where: { groupId: group.id }, data: { groupId: null } });
  await tx.serviceGroup.delete({ where: { id: group.id } });
  await audit({ action: "deleted", entityId: group.id, before: { name: group.name, services: group.services.map((service) => service.id) } });
  return { message: `Deleted the group ${group.name}; its services are now ungrouped.` };
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
