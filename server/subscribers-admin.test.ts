import { createServer } from "node:http";
import { Webhook } from "standardwebhooks";
import { describe, expect, it, beforeAll } from "vitest";
import type { Actor } from "@/server/auth";
import { db } from "@/server/db";
import { loadDemoStory } from "@/server/demo";
import { isSealed, unseal } from "@/server/secret-box";
import { openIncident } from "@/server/incident-updates";
import { addWebhook, changeWebhook, csvCell, deliveryProgress, exportSubscribers, listSubscribers, removeSubscriber, subscriberCounts, WEBHOOK_TESTS_PER_MINUTE } from "@/server/subscribers-admin";

// The test receiver listens on loopback.
process.env.WEBHOOK_ALLOW_PRIVATE = "true";

// The admin side of subscriptions: only admins see addresses, every change is audited,
// the export cannot smuggle formulas into a spreadsheet, and progress adds up.

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

describe("webhook administration", () => {
  it("validates the URL and services, and makes a Standard Webhooks secret", async () => {
    expect(await addWebhook(admin, { url: "javascript:alert(1)" })).toMatchObject({ ok: false, fieldErrors: { url: "Enter a full http:// or https:// URL." } });
    expect(await addWebhook(admin, { url: "https://hooks.example.com/x", scope: "some" })).toMatchObject({ ok: false, fieldErrors: { services: expect.any(String) } });
    expect(await addWebhook(admin, { url: "https://hooks.example.com/x", scope: "some", services: "nope" })).toMatchObject({ ok: false, error: expect.stringMatching(/no longer exists/) });
    await expect(addWebhook(editor, { url: "https://hooks.example.com/x" })).rejects.toThrow(/admin role/);
    expect(await addWebhook(admin, { url: "https://hooks.example.com/x", description: "Newsroom" })).toMatchObject({ ok: true });
    const endpoint = await db().webhookEndpoint.findFirstOrThrow({ where: { url: "https://hooks.example.com/x" } });
    // Sealed in the database; the admin page shows it opened.
    expect(isSealed(endpoint.secret)).toBe(true);
    expect(await unseal(endpoint.secret)).toMatch(/^whsec_/);

    expect(await changeWebhook(admin, { endpointId: endpoint.id, intent: "disable" })).toMatchObject({ ok: true });
    expect(await db().webhookEndpoint.findUniqueOrThrow({ where: { id: endpoint.id } })).toMatchObject({ enabled: false, disabledReason: "Switched off by an admin." });
    expect(await changeWebhook(admin, { endpointId: endpoint.id, intent: "rotate" })).toMatchObject({ ok: true });
    expect(await unseal((await db().webhookEndpoint.findUniqueOrThrow({ where: { id: endpoint.id } })).secret)).not.toBe(await unseal(endpoint.secret));
    expect(await changeWebhook(admin, { endpointId: endpoint.id, intent: "delete" })).toMatchObject({ ok: true });
    expect(await db().auditLog.count({ where: { entityType: "webhook", entityId: endpoint.id } })).toBe(4);
  });

  it("sends a signed test to a real receiver on request and says what came back", async () => {
    const received: { headers: Record<string, string>; body: string }[] = [];
    let answer = 204;
    const receiver = createServer((request, response) => {
      let body = "";
      request.on("data", (chunk) => (body += chunk));
      request.on("end", () => {
        received.push({ headers: request.headers as Record<string, string>, body });
        response.writeHead(answer).end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
    try {
      const url = `http://127.0.0.1:${(receiver.address() as { port: number }).port}/hook`;
      expect(await addWebhook(admin, { url })).toMatchObject({ ok: true });
      const endpoint = await db().webhookEndpoint.findFirstOrThrow({ where: { url } });
      await expect(changeWebhook(editor, { endpointId: endpoint.id, intent: "test" })).rejects.toThrow(/admin role/);

      expect(await changeWebhook(admin, { endpointId: endpoint.id, intent: "test" })).toEqual({ ok: true, message: expect.stringMatching(/^Test delivered: 127\.0\.0\.1:\d+ answered HTTP 204 in \d+ ms\.$/) });
      expect(received).toHaveLength(1);
      const payload = new Webhook(await unseal(endpoint.secret)).verify(received[0].body, received[0].headers) as Record<string, any>;
      expect(payload).toMatchObject({ meta: { event: "test" }, page: { name: "Sega Pass status", url: "https://status.sega.example" } });

      answer = 500;
      expect(await changeWebhook(admin, { endpointId: endpoint.id, intent: "test" })).toEqual({ ok: false, error: expect.stringMatching(/^The test was not accepted: 127\.0\.0\.1:\d+ answered HTTP 500\.$/) });
      // A test is not a delivery: the endpoint's record of failures is untouched.
      expect(await db().webhookEndpoint.findUniqueOrThrow({ where: { id: endpoint.id } })).toMatchObject({ enabled: true, consecutiveFailures: 0 });
      expect(await db().auditLog.count({ where: { entityId: endpoint.id, action: "webhook_tested" } })).toBe(2);

      for (let index = 2; index < WEBHOOK_TESTS_PER_MINUTE; index++) await changeWebhook(admin, { endpointId: endpoint.id, intent: "test" });
      expect(await changeWebhook(admin, { endpointId: endpoint.id, intent: "test" })).toEqual({ ok: false, error: expect.stringMatching(/^At most 5 tests a minute/) });
      expect(received).toHaveLength(WEBHOOK_TESTS_PER_MINUTE);

      // Nobody listening: the reason, not a crash.
      await new Promise<void>((resolve) => receiver.close(() => resolve()));
      await db().webhookEndpoint.update({ where: { id: endpoint.id }, data: { url: url.replace("/hook", "/other") } });
      await db().loginThrottle.deleteMany({ where: { key: `webhook-test:${endpoint.id}` } });
      expect(await changeWebhook(admin, { endpointId: endpoint.id, intent: "test" })).toEqual({
        ok: false,
        error: expect.stringMatching(/^The test was not delivered: Could not reach 127\.0\.0\.1:\d+: connect ECONNREFUSED/),
      });
    } finally {
      receiver.close();
    }
  });
});

describe("delivery progress", () => {
  it("counts each published update's deliveries by status, with the reasons", async () => {
    const result = await openIncident(editor, { title: "Forums down", impact: "major", status: "investigating", body: "Down." });
    const notification = await db().notification.findFirstOrThrow({ where: { update: { incidentId: result.incidentId } } });
    const subscribers = await db().subscriber.findMany();
    await db().delivery.createMany({
      data: [
        { notificationId: notification.id, subscriberId: subscribers[0].id, status: "sent" },
        { notificationId: notification.id, subscriberId: subscribers[1].id, status: "failed", lastError: "550 No such user" },
      ],
    });
    const [progress] = await deliveryProgress(editor);
    expect(progress).toMatchObject({
      incidentId: result.incidentId,
      title: "Forums down",
      fannedOut: false,
      counts: { sent: 1, pending: 0, failed: 1, skipped: 0 },
      reasons: [{ reason: "550 No such user", count: 1 }],
    });
    expect(await deliveryProgress(editor, { incidentId: result.incidentId })).toHaveLength(1);
    expect(await deliveryProgress(editor, { incidentId: "no-such-incident" })).toEqual([]);
  });
});
