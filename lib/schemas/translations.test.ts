import { describe, expect, it } from "vitest";
import { incidentTranslationSchema, serviceTranslationSchema, updateTranslationSchema } from "@/lib/schemas/translations";

describe("incidentTranslationSchema", () => {
  const base = { incidentId: "inc_1", locale: "ja", revision: "0" };

  it("follows the translated text's own rules: a title on one line, without bidi controls", () => {
    expect(incidentTranslationSchema.parse({ ...base, field: "title", text: " ログイン\r\nできません\u202e " })).toMatchObject({ text: "ログイン できません", revision: 0, intent: "save" });
    expect(incidentTranslationSchema.safeParse({ ...base, field: "title", text: "あ".repeat(201) }).error?.issues[0].message).toMatch(/under 200 characters/);
    expect(incidentTranslationSchema.safeParse({ ...base, field: "advice", text: "あ".repeat(1_001) }).error?.issues[0].message).toMatch(/under 1,000 characters/);
    expect(incidentTranslationSchema.parse({ ...base, field: "postmortem", text: "## 経緯\r\n\r\n詳細" }).text).toBe("## 経緯\n\n詳細");
  });

  it("reads an empty text, or the Remove button whatever was typed, as removing the translation", () => {
    expect(incidentTranslationSchema.parse({ ...base, field: "advice", text: "  " }).text).toBeNull();
    expect(incidentTranslationSchema.parse({ ...base, field: "title", intent: "clear", text: "\u0007 ignored" }).text).toBeNull();
  });

  it("refuses a language the page does not speak, an unknown text and a missing revision", () => {
    expect(incidentTranslationSchema.safeParse({ ...base, field: "title", text: "x", locale: "fr" }).error?.issues[0].path).toEqual(["locale"]);
    expect(incidentTranslationSchema.safeParse({ ...base, field: "summary", text: "x" }).success).toBe(false);
    expect(incidentTranslationSchema.safeParse({ ...base, field: "title", text: "x", revision: "-1" }).success).toBe(false);
  });
});

describe("updateTranslationSchema", () => {
  it("keeps Markdown lines as LF and refuses control characters", () => {
    expect(updateTranslationSchema.parse({ updateId: "u1", locale: "ja", revision: 2, text: "調査中です。\r\n続報をお待ちください。" }).text).toBe("調査中です。\n続報をお待ちください。");
    expect(updateTranslationSchema.safeParse({ updateId: "u1", locale: "ja", revision: 2, text: "ベル\u0007" }).error?.issues[0].message).toMatch(/control characters/);
  });
});

describe("serviceTranslationSchema", () => {
  it("takes a name and an optional description; Remove empties both", () => {
    expect(serviceTranslationSchema.parse({ serviceId: "s1", locale: "ja", name: "ログイン" })).toMatchObject({ name: "ログイン", description: "" });
    expect(serviceTranslationSchema.parse({ serviceId: "s1", locale: "ja", remove: "yes", name: "x", description: "y" })).toMatchObject({ name: null, description: "" });
    // The services page's forms name their change in `intent`: it is not read as removing.
    expect(serviceTranslationSchema.parse({ serviceId: "s1", locale: "ja", intent: "translate-service", name: "ログイン" })).toMatchObject({ name: "ログイン" });
  });
});
