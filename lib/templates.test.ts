import { describe, expect, it } from "vitest";
import { templateSchema } from "@/lib/schemas/templates";
import { joinNames, placeholderProblem, renderTemplate, unknownPlaceholders, type TemplateContext } from "@/lib/templates";

const breach: TemplateContext = { services: ["Sega Pass login", "Sega Pass password reset"], page: "Sega Pass status", status: "identified", impact: "critical" };

describe("joining service names", () => {
  it("reads as a sentence would", () => {
    expect(joinNames([])).toBe("");
    expect(joinNames(["Forums"])).toBe("Forums");
    expect(joinNames(["Sega Pass login", "Sega Pass password reset"])).toBe("Sega Pass login and Sega Pass password reset");
    expect(joinNames(["Sega Pass login", "Sega Pass password reset", "Forums"])).toBe("Sega Pass login, Sega Pass password reset and Forums");
  });
});

describe("rendering a template", () => {
  it("fills in every placeholder, with or without spaces inside the braces", () => {
    expect(renderTemplate("{{service}} and more: {{ services }} on {{page}} ({{status}}, {{impact}} impact)", breach)).toBe(
      "Sega Pass login and more: Sega Pass login and Sega Pass password reset on Sega Pass status (Identified, Critical impact)",
    );
  });

  it("fills {{alert}} with the alert's summary, and with nothing when there is none", () => {
    expect(renderTemplate("Alert: {{alert}}.", { ...breach, alert: "  Login error rate above 5% " })).toBe("Alert: Login error rate above 5%.");
    expect(renderTemplate("Alert: {{alert}}.", breach)).toBe("Alert: .");
  });

  it("speaks of “our services” when none are affected", () => {
    expect(renderTemplate("Problems with {{services}} ({{service}})", { ...breach, services: [] })).toBe("Problems with our services (our services)");
  });

  it("keeps the template's Markdown, and shows a name's asterisks as typed in a body", () => {
    const context = { ...breach, services: ["Login *beta*", "Forums_EU"] };
    expect(renderTemplate("**{{services}}** are down:\n\n- {{service}}", context, { markdown: true })).toBe("**Login \\*beta\\* and Forums\\_EU** are down:\n\n- Login \\*beta\\*");
    expect(renderTemplate("{{services}} down", context)).toBe("Login *beta* and Forums_EU down");
  });

  it("leaves an unknown placeholder as written rather than guessing", () => {
    expect(renderTemplate("{{servcies}} down", breach)).toBe("{{servcies}} down");
  });
});

describe("unknown placeholders", () => {
  it("are found, each once, and named in a message that lists the real ones", () => {
    expect(unknownPlaceholders("{{services}} {{servcies}} {{ Page }} {{servcies}} {{}}")).toEqual(["servcies", "Page", ""]);
    expect(unknownPlaceholders("{{services}}, {{service}}, {{page}}, {{status}}, {{impact}}, {{alert}}")).toEqual([]);
    expect(placeholderProblem("We are fixing {{servcies}}.")).toBe("There is no placeholder {{servcies}}. Use {{services}}, {{service}}, {{page}}, {{status}}, {{impact}}, {{alert}}.");
    expect(placeholderProblem("{{a}} {{b}}")).toMatch(/^There are no placeholders \{\{a\}\}, \{\{b\}\}\./);
    expect(placeholderProblem("Single braces {like this} are just text")).toBeNull();
  });

  it("are refused by the template form beside the field that has them", () => {
    const parsed = templateSchema.safeParse({ name: "Breach", title: "{{service}} breach", body: "We lost {{sevice}}.", status: "investigating", impact: "major" });
    expect(parsed.success).toBe(false);
    expect(parsed.error!.issues.map((issue) => [issue.path.join("."), issue.message])).toEqual([["body", expect.stringContaining("There is no placeholder {{sevice}}.")]]);
  });
});

describe("the template form's schema", () => {
  it("reads the checkbox and the per-service statuses as the incident form does", () => {
    const parsed = templateSchema.parse({ name: " Breach ", title: "Breach", body: "Text", status: "identified", impact: "critical", notify: "on", affected: { svc1: "major_outage", svc2: "" } });
    expect(parsed).toEqual({ name: "Breach", title: "Breach", body: "Text", status: "identified", impact: "critical", notify: true, affected: { svc1: "major_outage" } });
    expect(templateSchema.parse({ name: "Quiet", title: "T", body: "B", status: "monitoring", impact: "minor" }).notify).toBe(false);
  });

  it("says what is missing or wrong", () => {
    const parsed = templateSchema.safeParse({ name: "", title: "", body: "x".repeat(20_001), status: "scheduled", impact: "huge" });
    expect(Object.fromEntries(parsed.error!.issues.map((issue) => [issue.path.join("."), issue.message]))).toEqual({
      name: "Enter the template's name.",
      title: "Enter a title.",
      body: "Keep the update's text under 20,000 characters.",
      status: "Choose the incident's status.",
      impact: "Choose the impact.",
    });
  });
});
