import { createServer } from "node:http";
import { Webhook } from "standardwebhooks";
import { describe, expect, it, beforeAll } from "vitest";
import type { Actor } from "@/lib/views/actor";
import { db } from "@/server/db";
import { loadDemoStory } from "@/server/demo";
import { isSealed, unseal } from "@/server/secret-box";
import { addWebhook, changeWebhook, WEBHOOK_TESTS_PER_MINUTE } from "@/server/webhooks";

// The test receiver listens on loopback.
process.env.WEBHOOK_ALLOW_PRIVATE = "true";

// Webhook endpoints, for admins: validated, audited, with a sealed Standard Webhooks
// secret, and a test that reaches a real receiver.

const actor = (id: string, role: Actor["role"]): Actor => ({ id, email: `${role}@sega.example`, name: "", role, sessionId: "s" });
let admin: Actor;
let editor: Actor;

beforeAll(async () => {
  await loadDemoStory(db(), "https://status.sega.example");
  admin = actor((await db().user.create({ data: { email: "admin@sega.example", role: "admin", passwordHash: "x" } })).id, "admin");
  editor = actor((await db().user.create({ data: { email: "editor@sega.example", role: "editor", passwordHash: "x" } })).id, "editor");
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
      const payload = new Webhook(await unseal(endpoint.secret)).verify(received[0].body, received[0].headers) as Record<string, unknown>;
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
