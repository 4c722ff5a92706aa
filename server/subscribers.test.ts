import { describe, expect, it, beforeAll } from "vitest";
import type { Actor } from "@/lib/views/actor";
import { db } from "@/server/db";
import { loadDemoStory } from "@/server/demo";
import { csvCell, exportSubscribers, listSubscribers, removeSubscriber, subscriberCounts } from "@/server/subscribers";

// The admin side of subscribers: only admins see addresses, every change is audited,
// and the export cannot smuggle formulas into a spreadsheet.

const actor = (id: string, role: Actor["role"]): Actor => ({ id, email: `${role}@sega.example`, name: "", role, sessionId: "s" });
let admin: Actor;
let editor: Actor;

beforeAll(async () => {
  await loadDemoStory(db(), "https://status.sega.example");
  admin = actor((await db().user.create({ data: { email: "admin@sega.example", role: "admin", passwordHash: "x" } })).id, "admin");
  editor = actor((await db().user.create({ data: { email: "editor@sega.example", role: "editor", passwordHash: "x" } })).id, "editor");
  const forums = await db().service.findUniqueOrThrow({ where: { slug: "forums" } });
  await db().subscriber.create({ data: { email: "=HYPERLINK(\"http://evil\")@example.com", manageNonce: "a", confirmedAt: new Date() } });
  await db().subscriber.create({ data: { email: "forums@example.com", manageNonce: "b", confirmedAt: new Date(), allServices: false, services: { create: { serviceId: forums.id } } } });
  await db().subscriber.create({ data: { email: "pending@example.com", manageNonce: "c", mailKind: "confirm", mailDueAt: new Date() } });
});

describe("subscriber administration", () => {
  it("is for admins only", async () => {
    await expect(subscriberCounts(editor)).rejects.toThrow(/needs the admin role/);
    await expect(listSubscribers(null, {})).rejects.toThrow(/session has ended/);
    await expect(exportSubscribers(editor)).rejects.toThrow(/needs the admin role/);
    expect(await subscriberCounts(admin)).toEqual({ confirmed: 2, unconfirmed: 1, mailsWaiting: 1 });
  });

  it("lists and finds addresses with their services", async () => {
    const { rows } = await listSubscribers(admin, { query: "FORUMS" });
    expect(rows).toEqual([expect.objectContaining({ email: "forums@example.com", services: ["Forums"] })]);
  });

  it("exports every subscriber as CSV with formulas defused, and audits it", async () => {
    const text = await new Response(await exportSubscribers(admin)).text();
    const lines = text.trim().split("\r\n");
    expect(lines[0]).toBe("email,status,services,subscribed_at,confirmed_at");
    expect(lines).toHaveLength(4);
    expect(text).toContain(`"'=HYPERLINK(""http://evil"")@example.com",confirmed,all,`);
    expect(text).toMatch(/^forums@example\.com,confirmed,Forums,/m);
    expect(text).toMatch(/^pending@example\.com,unconfirmed,all,[^,]+,$/m);
    expect(await db().auditLog.count({ where: { action: "subscribers_exported", userId: admin.id } })).toBe(1);
    expect(csvCell("+1")).toBe("'+1");
    expect(csvCell("plain")).toBe("plain");
  });

  it("removes a subscriber with an audit entry", async () => {
    const pending = await db().subscriber.findUniqueOrThrow({ where: { email: "pending@example.com" } });
    expect(await removeSubscriber(editor, { subscriberId: pending.id }).catch((error) => error.message)).toMatch(/admin role/);
    expect(await removeSubscriber(admin, { subscriberId: pending.id })).toEqual({ ok: true, message: "pending@example.com is removed and will get nothing more." });
    expect(await removeSubscriber(admin, { subscriberId: pending.id })).toEqual({ ok: true, message: "Already removed." });
    expect(await db().auditLog.findFirst({ where: { action: "subscriber_removed", entityId: pending.id } })).toMatchObject({ before: '{"email":"pending@example.com"}' });
  });
});
