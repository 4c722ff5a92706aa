import { createHmac, timingSafeEqual } from "node:crypto";

// Links in subscriber mail carry `<subscriberId>.<expires>.<signature>`. The signature
// is an HMAC over the purpose, the id, the expiry and a nonce stored with the
// subscriber: replacing or clearing the nonce revokes every link made with it, which
// is what makes a confirmation link single-use.

export type LinkPurpose = "confirm" | "manage";

function signature(key: string, purpose: LinkPurpose, subscriberId: string, expires: number, nonce: string): string {
  return createHmac("sha256", key).update(`${purpose}:${subscriberId}:${expires}:${nonce}`).digest("base64url");
}

/** `expires` is epoch seconds, or 0 for a link that does not expire. */
export function signLink(key: string, purpose: LinkPurpose, subscriberId: string, nonce: string, expires = 0): string {
  return `${subscriberId}.${expires}.${signature(key, purpose, subscriberId, expires, nonce)}`;
}

export interface ParsedLink {
  subscriberId: string;
  expires: number;
  signature: string;
}

/** The parts of a token, or null when it cannot be one of ours. */
export function parseLink(token: unknown): ParsedLink | null {
  if (typeof token !== "string" || token.length > 200) return null;
  const match = /^([a-z0-9]{1,40})\.(\d{1,12})\.([A-Za-z0-9_-]{43})$/.exec(token);
  if (!match) return null;
  return { subscriberId: match[1], expires: Number(match[2]), signature: match[3] };
}

export type LinkCheck = "valid" | "expired" | "invalid";

export function checkLink(key: string, purpose: LinkPurpose, link: ParsedLink, nonce: string | null, now = new Date()): LinkCheck {
  if (!nonce) return "invalid";
  const expected = Buffer.from(signature(key, purpose, link.subscriberId, link.expires, nonce));
  const given = Buffer.from(link.signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return "invalid";
  if (link.expires !== 0 && link.expires * 1000 < now.getTime()) return "expired";
  return "valid";
}
