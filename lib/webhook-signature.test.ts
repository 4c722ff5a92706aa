import { Webhook } from "standardwebhooks";
import { describe, expect, it } from "vitest";
import { newWebhookSecret, verifyWebhook, webhookHeaders } from "@/lib/webhook-signature";

describe("webhook signatures", () => {
  const body = JSON.stringify({ incident: { name: "Sega Pass offline" } });

  it("are what the Standard Webhooks reference library verifies", () => {
    const secret = newWebhookSecret();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    const headers = webhookHeaders(secret, "msg_1", body);
    expect(new Webhook(secret).verify(body, headers)).toEqual(JSON.parse(body));
    expect(headers["idempotency-key"]).toBe("msg_1");
    expect(verifyWebhook(secret, headers, body)).toBe(true);
  });

  it("fail for another body, another key, or an old timestamp", () => {
    const secret = newWebhookSecret();
    const headers = webhookHeaders(secret, "msg_1", body, new Date(Date.now() - 10 * 60_000));
    expect(verifyWebhook(secret, headers, body)).toBe(false);
    const fresh = webhookHeaders(secret, "msg_1", body);
    expect(verifyWebhook(secret, fresh, body.replace("offline", "online"))).toBe(false);
    expect(verifyWebhook(newWebhookSecret(), fresh, body)).toBe(false);
    expect(() => new Webhook(newWebhookSecret()).verify(body, fresh)).toThrow();
  });
});
