import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/views/actor";
import { createGroup, createService, deleteGroup, deleteService, getCatalog, moveGroup, moveService, updateService } from "@/server/catalog";
import { db } from "@/server/db";
import { loadDemoStory } from "@/server/demo";
import { getService, listServiceGroups } from "@/server/services";

let admin: Actor;
let editor: Actor;

beforeAll(async () => {
  await loadDemoStory(db(), "https://status.example.com");
  const a = await db().user.create({ data: { email: "admin@example.com", role: "admin", passwordHash: "x" } });
  const e = await db().user.create({ data: { email: "editor@example.com", role: "editor", passwordHash: "x" } });
  admin = { id: a.id, email: a.email, name: "", role: "admin", sessionId: "s" };
  editor = { id: e.id, email: e.email, name: "", role: "editor", sessionId: "s" };
});

const names = async () => (await listServiceGroups()).map((group) => [group.name, group.services.map((service) => service.name)]);

describe("services and groups", () => {
  it("adds a service with an address from its name, at the end of its group, operational", async () => {
    const community = (await getCatalog(admin)).groups.find((group) => group.name === "Community")!;
    expect(await createService(admin, { name: "Game servers (EU)", groupId: community.id, description: "Online play" })).toMatchObject({ ok: true, message: "Added Game servers (EU) at /services/game-servers-eu." });
    const service = (await getService("game-servers-eu"))!;
    expect(service).toMatchObject({ status: "operational", groupName: "Community" });
    expect(service.statusSince).not.toBeNull();
    expect((await names())[1]).toEqual(["Community", ["Forums", "Game servers (EU)"]]);
  });

  it("refuses a taken address and bad input, explaining each", async () => {
    expect(await createService(admin, { name: "Forums" })).toMatchObject({ ok: false, fieldErrors: { slug: "Another service already uses /services/forums." } });
    expect(await createService(admin, { name: "", slug: "Bad Slug!" })).toMatchObject({ ok: false, fieldErrors: { name: "Enter the service's name.", slug: expect.stringMatching(/lowercase letters/) } });
    await expect(createService(editor, { name: "Sneaky" })).rejects.toThrow(/needs the admin role/);
  });

  it("renames, hides and reorders, and the public lists follow", async () => {
    const catalog = await getCatalog(admin);
    const website = catalog.services.find((service) => service.slug === "website")!;
    expect(await updateService(admin, { serviceId: website.id, name: "Sega.com", slug: "website", description: "News", groupId: website.groupId ?? "", hidden: "on" })).toMatchObject({ ok: true });
    expect(await getService("website")).toBeNull();
    await updateService(admin, { serviceId: website.id, name: "Sega.com", slug: "website", description: "News", groupId: website.groupId ?? "" });
    expect((await getService("website"))!.name).toBe("Sega.com");

    const payments = catalog.services.find((service) => service.slug === "payments")!;
    expect(await moveService(admin, { id: payments.id, direction: "up" })).toMatchObject({ ok: true });
    expect((await names()).find(([name]) => name === "Web and payments")).toEqual(["Web and payments", ["Payments", "Sega.com"]]);
    expect(await moveService(admin, { id: payments.id, direction: "up" })).toMatchObject({ ok: true, message: "Payments is already first." });

    const community = catalog.groups.find((group) => group.name === "Community")!;
    await moveGroup(admin, { id: community.id, direction: "up" });
    expect((await names()).map(([name]) => name)).toEqual(["Community", "Sega Pass", "Web and payments"]);
  });

  it("deletes only with confirmation; a deleted group's services stay, ungrouped", async () => {
    const catalog = await getCatalog(admin);
    const game = catalog.services.find((service) => service.slug === "game-servers-eu")!;
    expect(await deleteService(admin, { id: game.id })).toMatchObject({ ok: false, fieldErrors: { confirm: "Tick the box to confirm the deletion." } });
    expect(await deleteService(admin, { id: game.id, confirm: "yes" })).toMatchObject({ ok: true });
    expect(await getService("game-servers-eu")).toBeNull();

    await createGroup(admin, { name: "Temporary" });
    const temporary = (await getCatalog(admin)).groups.find((group) => group.name === "Temporary")!;
    const payments = catalog.services.find((service) => service.slug === "payments")!;
    await updateService(admin, { serviceId: payments.id, name: "Payments", slug: "payments", groupId: temporary.id });
    expect(await deleteGroup(admin, { id: temporary.id, confirm: "yes" })).toMatchObject({ ok: true });
    expect((await getService("payments"))!.groupName).toBeNull();
    expect(await db().auditLog.count({ where: { entityType: { in: ["service", "group"] }, userId: admin.id } })).toBeGreaterThanOrEqual(8);
  });
});
