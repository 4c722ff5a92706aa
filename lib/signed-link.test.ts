import { describe, expect, it } from "vitest";
import { checkLink, parseLink, signLink } from "@/lib/signed-link";

describe("signed subscriber links", () => {
  const key = "k".repeat(43);
  const now = new Date("2026-11-24T12:00:00Z");
  const inAnHour = Math.floor(now.getTime() / 1000) + 3600;

  it("accepts its own link until it expires", () => {
    const link = parseLink(signLink(key, "confirm", "cmabc123", "nonce-1", inAnHour))!;
    expect(link).toMatchObject({ subscriberId: "cmabc123", expires: inAnHour });
    expect(checkLink(key, "confirm", link, "nonce-1", now)).toBe("valid");
    expect(checkLink(key, "confirm", link, "nonce-1", new Date((inAnHour + 1) * 1000))).toBe("expired");
  });

  it("refuses a link once its nonce changed (single use), for another purpose, or with another key", () => {
    const link = parseLink(signLink(key, "confirm", "cmabc123", "nonce-1", inAnHour))!;
    expect(checkLink(key, "confirm", link, "nonce-2", now)).toBe("invalid");
    expect(checkLink(key, "confirm", link, null, now)).toBe("invalid");
    expect(checkLink(key, "manage", link, "nonce-1", now)).toBe("invalid");
    expect(checkLink("other".repeat(9), "confirm", link, "nonce-1", now)).toBe("invalid");
  });

  it("refuses an edited expiry or id", () => {
    const [id, , signature] = signLink(key, "confirm", "cmabc123", "n", inAnHour).split(".");
    expect(checkLink(key, "confirm", parseLink(`${id}.${inAnHour + 86_400}.${signature}`)!, "n", now)).toBe("invalid");
    expect(checkLink(key, "confirm", parseLink(`cmabc124.${inAnHour}.${signature}`)!, "n", now)).toBe("invalid");
  });

  it("does not parse what cannot be a link", () => {
    for (const token of [undefined, 42, "", "a.b.c", "<script>.1.x", `x.1.${"a".repeat(43)}!`, "a".repeat(300)]) expect(parseLink(token)).toBeNull();
  });
});
