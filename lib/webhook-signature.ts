import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";

// Webhook signing as the Standard Webhooks specification describes it
// (https://www.standardwebhooks.com): receivers can verify with any of its libraries.
//   webhook-id         the idempotency key: the same on every retry of one delivery
//   webhook-timestamp  seconds since the epoch, for rejecting replays
//   webhook-signature  "v1," + base64 HMAC-SHA256 of "<id>.<timestamp>.<body>"

const PREFIX = "whsec_";

export function newWebhookSecret(): string {
  return PREFIX + randomBytes(32).toString("base64");
}

function keyOf(secret: string): Buffer {
  return Buffer.from(secret.startsWith(PREFIX) ? secret.slice(PREFIX.length) : secret, "base64");
}

export function signWebhook(secret: string, id: string, timestamp: number, body: string): string {
  return "v1," + createHmac("sha256", keyOf(secret)).update(`${id}.${timestamp}.${body}`).digest("base64");
}

export function webhookHeaders(secret: string, id: string, body: string, now = new Date()): Record<string, string> {
  const timestamp = Math.floor(now.getTime() / 1000);
  return {
    "content-type": "application/json",
    "user-agent": "Herald-Webhooks/1.0",
    "webhook-id": id,
    "webhook-timestamp": String(timestamp),
    "webhook-signature": signWebhook(secret, id, timestamp, body),
    "idempotency-key": id,
  };
}

/** What a receiver does: true when one of the signatures matches and the time is within tolerance. */
export function verifyWebhook(secret: string, headers: Record<string, string | undefined>, body: string, now = new Date(), toleranceSeconds = 300): boolean {
  const id = headers["webhook-id"];
  const timestamp = Number(headers["webhook-timestamp"]);
  const signatures = headers["webhook-signature"];
  if (!id || !Number.isInteger(timestamp) || !signatures) return false;
  if (Math.abs(now.getTime() / 1000 - timestamp) > toleranceSeconds) return false;
  const expected = Buffer.from(signWebhook(secret, id, timestamp, body));
  return signatures.split(" ").some((candidate) => {
    const given = Buffer.from(candidate);
    return given.length === expected.length && timingSafeEqual(given, expected);
  });
}
