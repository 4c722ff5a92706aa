import "server-only";
import type { z } from "zod";
import { deleteSchema, groupEditSchema, groupSchema, moveSchema, serviceEditSchema, serviceSchema, slugify } from "@/lib/schemas/admin";
import { fieldErrorsOf, type FormState } from "@/lib/schemas/forms";
import { audit } from "@/server/audit";
import { authorize, type Actor } from "@/server/auth";
import { db, type Tx } from "@/server/db";
import { recordPublicChange } from "@/server/settings";

// Services and their groups: what the public page lists, in what order. Admins only;
// every change is audited and bumps the public version in one transaction.

function invalid(error: z.ZodError, values: Record<string, unknown>): FormState {
  return { ok: false, error: "Check the highlighted fields.", fieldErrors: fieldErrorsOf(error), values };
}

async function slugTaken(tx: Tx, slug: string, exceptId?: string) {
  const found = await tx.service.findUnique({ where: { slug } });
  return found !== null && found.id !== exceptId;
}

async function groupExists(tx: Tx, groupId: string | null) {
  return groupId === null || (await tx.serviceGroup.count({ where: { id: groupId } })) === 1;
}

export async function createService(actor: Actor | null, input: Record<string, unknown>): Promise<FormState> {
  const who = authorize(actor, "admin");
  const parsed = serviceSchema.safeParse(input);
  if (!parsed.success) return invalid(parsed.error, input);
  const data = parsed.data;
  const slug = data.slug || slugify(data.name);
  if (!slug) return { ok: false, error: "Check the highlighted fields.", fieldErrors: { slug: "Give the service an address made of letters or digits." }, values: input };
  return db().$transaction(async (tx) => {
    if (await slugTaken(tx, slug)) return { ok: false, error: "Check the highlighted fields.", fieldErrors: { slug: `Another service already uses /services/${slug}.` }, values: input };
    if (!(await groupExists(tx, data.groupId))) return { ok: false, error: "That group no longer exists. Reload the page.", values: input };
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
    await audit(tx, { actorId: who.id, action: "created", entityType: "service", entityId: service.id, after: { name: data.name, slug, groupId: data.groupId, hidden: service.hidden } });
    await recordPublicChange(tx);
    return { ok: true, message: `Added ${data.name} at /services/${slug}.` };
  });
}

export async function updateService(actor: Actor | null, input: Record<string, unknown>): Promise<FormState> {
  const who = authorize(actor, "admin");
  const parsed = serviceEditSchema.safeParse(input);
  if (!parsed.success) return invalid(parsed.error, input);
  const { serviceId, ...data } = parsed.data;
  return db().$transaction(async (tx) => {
    const service = await tx.service.findUnique({ where: { id: serviceId } });
    if (!service) return { ok: false, error: "That service no longer exists. Reload the page." };
    const slug = data.slug || service.slug;
    if (await slugTaken(tx, slug, serviceId)) return { ok: false, error: "Check the highlighted fields.", fieldErrors: { slug: `Another service already uses /services/${slug}.` }, values: input };
    if (!(await groupExists(tx, data.groupId))) return { ok: false, error: "That group no longer exists. Reload the page.", values: input };
    const after = { name: data.name, slug, description: data.description, groupId: data.groupId, hidden: data.hidden === "on" };
    await tx.service.update({ where: { id: serviceId }, data: after });
    await audit(tx, {
      actorId: who.id,
      action: "changed",
      entityType: "service",
      entityId: serviceId,
      before: { name: service.name, slug: service.slug, description: service.description, groupId: service.groupId, hidden: service.hidden },
      after,
    });
    await recordPublicChange(tx);
    return { ok: true, message: `Saved ${data.name}.` };
  });
}

/** Swaps a service with its neighbour in the same group (or among ungrouped services). */
export async function moveService(actor: Actor | null, input: Record<string, unknown>): Promise<FormState> {
  const who = authorize(actor, "admin");
  const parsed = moveSchema.safeParse(input);
  if (!parsed.success) return invalid(parsed.error, input);
  return db().$transaction(async (tx) => {
    const service = await tx.service.findUnique({ where: { id: parsed.data.id } });
    if (!service) return { ok: false, error: "That service no longer exists. Reload the page." };
    const siblings = await tx.service.findMany({ where: { groupId: service.groupId }, orderBy: [{ position: "asc" }, { name: "asc" }] });
    const moved = await swap(siblings, service.id, parsed.data.direction, (id, position) => tx.service.update({ where: { id }, data: { position } }));
    if (!moved) return { ok: true, message: `${service.name} is already ${parsed.data.direction === "up" ? "first" : "last"}.` };
    await audit(tx, { actorId: who.id, action: `moved_${parsed.data.direction}`, entityType: "service", entityId: service.id });
    await recordPublicChange(tx);
    return { ok: true, message: `Moved ${service.name} ${parsed.data.direction}.` };
  });
}

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

export async function deleteService(actor: Actor | null, input: Record<string, unknown>): Promise<FormState> {
  const who = authorize(actor, "admin");
  const parsed = deleteSchema.safeParse(input);
  if (!parsed.success) return invalid(parsed.error, input);
  return db().$transaction(async (tx) => {
    const service = await tx.service.findUnique({ where: { id: parsed.data.id } });
    if (!service) return { ok: false, error: "That service no longer exists." };
    await tx.service.delete({ where: { id: service.id } });
    await audit(tx, { actorId: who.id, action: "deleted", entityType: "service", entityId: service.id, before: { name: service.name, slug: service.slug, status: service.status } });
    await recordPublicChange(tx);
    return { ok: true, message: `Deleted ${service.name} and its history.` };
  });
}

export async function createGroup(actor: Actor | null, input: Record<string, unknown>): Promise<FormState> {
  const who = authorize(actor, "admin");
  const parsed = groupSchema.safeParse(input);
  if (!parsed.success) return invalid(parsed.error, input);
  return db().$transaction(async (tx) => {
    const last = await tx.serviceGroup.aggregate({ _max: { position: true } });
    const group = await tx.serviceGroup.create({ data: { ...parsed.data, position: (last._max.position ?? -1) + 1 } });
    await audit(tx, { actorId: who.id, action: "created", entityType: "group", entityId: group.id, after: parsed.data });
    await recordPublicChange(tx);
    return { ok: true, message: `Added the group ${group.name}.` };
  });
}

export async function updateGroup(actor: Actor | null, input: Record<string, unknown>): Promise<FormState> {
  const who = authorize(actor, "admin");
  const parsed = groupEditSchema.safeParse(input);
  if (!parsed.success) return invalid(parsed.error, input);
  const { groupId, ...data } = parsed.data;
  return db().$transaction(async (tx) => {
    const group = await tx.serviceGroup.findUnique({ where: { id: groupId } });
    if (!group) return { ok: false, error: "That group no longer exists. Reload the page." };
    await tx.serviceGroup.update({ where: { id: groupId }, data });
    await audit(tx, { actorId: who.id, action: "changed", entityType: "group", entityId: groupId, before: { name: group.name, description: group.description }, after: data });
    await recordPublicChange(tx);
    return { ok: true, message: `Saved ${data.name}.` };
  });
}

export async function moveGroup(actor: Actor | null, input: Record<string, unknown>): Promise<FormState> {
  const who = authorize(actor, "admin");
  const parsed = moveSchema.safeParse(input);
  if (!parsed.success) return invalid(parsed.error, input);
  return db().$transaction(async (tx) => {
    const groups = await tx.serviceGroup.findMany({ orderBy: [{ position: "asc" }, { name: "asc" }] });
    const group = groups.find((candidate) => candidate.id === parsed.data.id);
    if (!group) return { ok: false, error: "That group no longer exists. Reload the page." };
    const moved = await swap(groups, group.id, parsed.data.direction, (id, position) => tx.serviceGroup.update({ where: { id }, data: { position } }));
    if (!moved) return { ok: true, message: `${group.name} is already ${parsed.data.direction === "up" ? "first" : "last"}.` };
    await audit(tx, { actorId: who.id, action: `moved_${parsed.data.direction}`, entityType: "group", entityId: group.id });
    await recordPublicChange(tx);
    return { ok: true, message: `Moved ${group.name} ${parsed.data.direction}.` };
  });
}

/** Deletes a group; its services stay, ungrouped. */
export async function deleteGroup(actor: Actor | null, input: Record<string, unknown>): Promise<FormState> {
  const who = authorize(actor, "admin");
  const parsed = deleteSchema.safeParse(input);
  if (!parsed.success) return invalid(parsed.error, input);
  return db().$transaction(async (tx) => {
    const group = await tx.serviceGroup.findUnique({ where: { id: parsed.data.id }, include: { services: { select: { id: true } } } });
    if (!group) return { ok: false, error: "That group no longer exists." };
    await tx.service.updateMany({ where: { groupId: group.id }, data: { groupId: null } });
    await tx.serviceGroup.delete({ where: { id: group.id } });
    await audit(tx, { actorId: who.id, action: "deleted", entityType: "group", entityId: group.id, before: { name: group.name, services: group.services.map((service) => service.id) } });
    await recordPublicChange(tx);
    return { ok: true, message: `Deleted the group ${group.name}; its services are now ungrouped.` };
  });
}

export interface CatalogView {
  groups: { id: string; name: string; description: string }[];
  services: { id: string; name: string; slug: string; description: string; groupId: string | null; hidden: boolean }[];
}

export async function getCatalog(actor: Actor | null): Promise<CatalogView> {
  authorize(actor, "admin");
  const [groups, services] = await Promise.all([
    db().serviceGroup.findMany({ orderBy: [{ position: "asc" }, { name: "asc" }], select: { id: true, name: true, description: true } }),
    db().service.findMany({ orderBy: [{ position: "asc" }, { name: "asc" }], select: { id: true, name: true, slug: true, description: true, groupId: true, hidden: true } }),
  ]);
  return { groups, services };
}
