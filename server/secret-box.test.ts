import { randomBytes } from "node:crypto";
import { describe, expect, it, vi } from "vitest";
import { db } from "@/server/db";
import { fingerprintOf, isSealed, seal, SealError, sealStoredSecrets, sealWith, unseal, unsealWith } from "@/server/secret-box";

// Secrets kept in the database are unreadable without the key, which is not there.

describe("sealing", () => {
  it("round-trips, with a fresh nonce each time and no trace of the secret", async () => {
    const secret = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";
    const [first, second] = [await seal(secret), await seal(secret)];
    expect(first).not.toBe(second);
    expect(first).not.toContain(secret);
    expect(isSealed(first)).toBe(true);
    expect(await unseal(first)).toBe(secret);
    expect(await unseal(second)).toBe(secret);
  });

  it("refuses another key and any alteration, with a reason", () => {
    const key = randomBytes(32);
    const sealed = sealWith(key, "whsec_abc");
    expect(unsealWith(key, sealed)).toBe("whsec_abc");
    expect(() => unsealWith(randomBytes(32), sealed)).toThrow(SealError);
    expect(() => unsealWith(randomBytes(32), sealed)).toThrow(/another key, or altered/);
    const altered = sealed.slice(0, -2) + (sealed.endsWith("A") ? "BB" : "AA");
    expect(() => unsealWith(key, altered)).toThrow(SealError);
    // A shortened tag is refused, not checked against fewer bytes.
    expect(() => unsealWith(key, sealed.slice(0, 30))).toThrow(SealError);
  });

  it("reads values stored before sealing as they are", async () => {
    expect(await unseal("whsec_plain")).toBe("whsec_plain");
  });

  it("seals stored plain secrets at start-up, once", async () => {
    const user = await db().user.create({ data: { email: "legacy@example.com", role: "admin", passwordHash: "x", totpSecret: "JBSWY3DPEHPK3PXP" } });
    const endpoint = await db().webhookEndpoint.create({ data: { url: "https://hooks.example.com/x", secret: "whsec_legacy" } });
    expect(await sealStoredSecrets(db())).toEqual({ sealed: 2 });
    const stored = await db().user.findUniqueOrThrow({ where: { id: user.id } });
    expect(isSealed(stored.totpSecret!)).toBe(true);
    expect(await unseal(stored.totpSecret!)).toBe("JBSWY3DPEHPK3PXP");
    expect(stored.totpPendingSecret).toBeNull();
    expect(await unseal((await db().webhookEndpoint.findUniqueOrThrow({ where: { id: endpoint.id } })).secret)).toBe("whsec_legacy");
    expect(await sealStoredSecrets(db())).toEqual({ sealed: 0 });
  });

  it("with a key the database does not know, seals and opens nothing, and says why", async () => {
    const ours = await db().serverSecret.findUniqueOrThrow({ where: { name: "secret-key-fingerprint" } });
    expect(ours.value).toHaveLength(22);
    // As if another instance had sealed with its own key first.
    await db().serverSecret.update({ where: { name: "secret-key-fingerprint" }, data: { value: fingerprintOf(randomBytes(32)) } });
    // This module has already checked its key; a fresh one (a new process) checks again.
    vi.resetModules();
    const fresh = await import("@/server/secret-box");
    await expect(fresh.seal("whsec_new")).rejects.toThrow(/not the one that sealed the secrets in the database/);
    expect(await fresh.sealStoredSecrets(db())).toEqual({ sealed: 0, problem: expect.stringMatching(/^This server's secret key is not the one/) });
    const { checkHealth } = await import("@/server/health");
    expect(await checkHealth()).toMatchObject({ status: "degraded", ready: true, secretKey: { ok: false, problem: expect.stringMatching(/HERALD_SECRET_KEY/) } });
    await db().serverSecret.update({ where: { name: "secret-key-fingerprint" }, data: { value: ours.value } });
    expect((await checkHealth()).secretKey).toEqual({ ok: true });
  });
});
