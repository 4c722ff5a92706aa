import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { isSealed, seal, SealError, sealStoredSecrets, sealWith, unseal, unsealWith } from "@/server/secret-box";

// Secrets kept in the database are unreadable without the key, which is not there.

describe("sealing", () => {
  it("round-trips, with a fresh nonce each time and no trace of the secret", () => {
    const secret = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";
    const [first, second] = [seal(secret), seal(secret)];
    expect(first).not.toBe(second);
    expect(first).not.toContain(secret);
    expect(isSealed(first)).toBe(true);
    expect(unseal(first)).toBe(secret);
    expect(unseal(second)).toBe(secret);
  });

  it("refuses another key and any alteration, with a reason", () => {
    const key = randomBytes(32);
    const sealed = sealWith(key, "whsec_abc");
    expect(unsealWith(() => key, sealed)).toBe("whsec_abc");
    expect(() => unsealWith(() => randomBytes(32), sealed)).toThrow(SealError);
    expect(() => unsealWith(() => randomBytes(32), sealed)).toThrow(/same HERALD_SECRET_KEY/);
    const altered = sealed.slice(0, -2) + (sealed.endsWith("A") ? "BB" : "AA");
    expect(() => unsealWith(() => key, altered)).toThrow(SealError);
  });

  it("reads values stored before sealing as they are", () => {
    expect(unseal("whsec_plain")).toBe("whsec_plain");
  });

  it("seals stored plain secrets at start-up, once", async () => {
    const user = await db().user.create({ data: { email: "legacy@example.com", role: "admin", passwordHash: "x", totpSecret: "JBSWY3DPEHPK3PXP" } });
    const endpoint = await db().webhookEndpoint.create({ data: { url: "https://hooks.example.com/x", secret: "whsec_legacy" } });
    expect(await sealStoredSecrets(db())).toBe(2);
    const stored = await db().user.findUniqueOrThrow({ where: { id: user.id } });
    expect(isSealed(stored.totpSecret!)).toBe(true);
    expect(unseal(stored.totpSecret!)).toBe("JBSWY3DPEHPK3PXP");
    expect(stored.totpPendingSecret).toBeNull();
    expect(unseal((await db().webhookEndpoint.findUniqueOrThrow({ where: { id: endpoint.id } })).secret)).toBe("whsec_legacy");
    expect(await sealStoredSecrets(db())).toBe(0);
  });

  it("stops start-up when the stored secrets were sealed with another key", async () => {
    await db().webhookEndpoint.create({ data: { url: "https://hooks.example.com/y", secret: sealWith(randomBytes(32), "whsec_other") } });
    await expect(sealStoredSecrets(db())).rejects.toThrow(SealError);
  });
});
