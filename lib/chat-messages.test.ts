import { describe, expect, it } from "vitest";
import { CHAT_LIMITS, chatMessage, chatNotice, clip, convertMarkdown, type ChatUpdateView } from "@/lib/chat-messages";
import { formatHostHint } from "@/lib/schemas/webhook-formats";

// Chat messages: each service's own shape, hostile text made inert, and every field
// within the service's limits.

const view = (overrides: Partial<ChatUpdateView> = {}): ChatUpdateView => ({
  pageName: "Sega Pass status",
  pageUrl: "https://status.sega.example",
  kind: "incident",
  title: "Unauthorised access to the Sega Pass database",
  link: "https://status.sega.example/incidents/inc1#update-upd1",
  statusLabel: "Identified",
  final: false,
  impact: "critical",
  impactLabel: "Critical",
  changes: [{ service: "Sega Pass login", status: "Major outage" }],
  body: "We found that someone got into the **Sega Pass** database. [Details](/incidents/inc1) and _more_.\n\n- Passwords were reset\n- Payment data was not touched",
  when: "17 June 2011, 09:00 BST",
  at: "2011-06-17T08:00:00.000Z",
  ...overrides,
});

const HOSTILE = "<!channel> @everyone @here <@123456> [click](javascript:alert(1)) <https://evil.example|Sega login> <at>Boss</at> & done";

type Slack = { text: string; blocks: { type: string; text?: { type: string; text: string }; elements?: { type: string; text: unknown; url?: string }[] }[] };
type Discord = {
  username: string;
  allowed_mentions: { parse: string[] };
  embeds: { title: string; url: string; description: string; color: number; fields: { name: string; value: string }[]; timestamp: string; footer: { text: string } }[];
};
type Teams = { type: string; attachments: { contentType: string; content: { type: string; version: string; body: { type: string; text?: string; facts?: { title: string; value: string }[] }[]; actions: { type: string; title: string; url: string }[] } }[] };

describe("Slack", () => {
  it("is a text fallback and blocks: header, context, the body in mrkdwn, the services, buttons", () => {
    const message = chatMessage("slack", view({ manageUrl: "https://status.sega.example/subscriptions/channel?token=t" })) as Slack;
    expect(message.text).toBe("Sega Pass status: Unauthorised access to the Sega Pass database (Identified)");
    expect(message.blocks.map((block) => block.type)).toEqual(["header", "context", "section", "section", "actions"]);
    expect(message.blocks[0].text).toEqual({ type: "plain_text", text: "Unauthorised access to the Sega Pass database", emoji: false });
    const body = message.blocks[2].text!.text;
    expect(body).toContain("*Sega Pass*");
    expect(body).toContain("<https://status.sega.example/incidents/inc1|Details>");
    expect(body).toContain("_more_");
    expect(body).toContain("• Passwords were reset\n• Payment data was not touched");
    expect(message.blocks[3].text!.text).toBe("• Sega Pass login: *Major outage*");
    expect(message.blocks[4].elements!.map((button) => button.url)).toEqual([view().link, "https://status.sega.example/subscriptions/channel?token=t"]);
  });

  it("escapes & < > so no mention, channel ping or link forms", () => {
    const message = chatMessage("slack", view({ title: HOSTILE, body: HOSTILE, changes: [{ service: "<!here>", status: "Major outage" }] })) as Slack;
    const mrkdwn = [message.text, ...message.blocks.flatMap((block) => [block.type === "header" ? "" : (block.text?.text ?? ""), ...(block.elements ?? []).map((element) => (typeof element.text === "string" ? element.text : ""))])].join("\n");
    expect(mrkdwn).not.toMatch(/<!|<@|<https:\/\/evil|<at>/);
    expect(mrkdwn).toContain("&lt;!channel&gt;");
    expect(mrkdwn).toContain("&amp; done");
    // Slack has no [label](url) syntax: the text stays text, and no <javascript:…> link is made.
    expect(mrkdwn).not.toMatch(/<javascript/);
    expect(message.blocks[2].text!.text).not.toMatch(/<[^|>]*\|/);
  });
});

describe("Discord", () => {
  it("is one embed with title, link, description, colour, fields, time and footer, and pings nobody", () => {
    const message = chatMessage("discord", view({ manageUrl: "https://status.sega.example/subscriptions/channel?token=t" })) as Discord;
    expect(message.username).toBe("Sega Pass status");
    expect(message.allowed_mentions).toEqual({ parse: [] });
    const [embed] = message.embeds;
    expect(embed).toMatchObject({ title: "Unauthorised access to the Sega Pass database", url: view().link, timestamp: "2011-06-17T08:00:00.000Z", footer: { text: "Sega Pass status · 17 June 2011, 09:00 BST" } });
    expect(embed.color).toBe(0xc62828);
    expect(embed.description).toContain("**Sega Pass**");
    expect(embed.description).toContain("[Details](https://status.sega.example/incidents/inc1)");
    expect(embed.fields.map((field) => field.name)).toEqual(["Status", "Impact", "Services", "This channel"]);
    expect(embed.fields[2].value).toBe("Sega Pass login: **Major outage**");
    expect(embed.fields[3].value).toBe("[Change services or stop these messages](https://status.sega.example/subscriptions/channel?token=t)");
    // Resolved is green, whatever the impact.
    expect((chatMessage("discord", view({ final: true })) as Discord).embeds[0].color).toBe(0x1f883d);
  });

  it("escapes Markdown and breaks mentions, and drops links to anything but http(s)", () => {
    const message = chatMessage("discord", view({ title: HOSTILE, body: HOSTILE })) as Discord;
    const { description, title } = message.embeds[0];
    for (const text of [description, title]) {
      expect(text).not.toMatch(/@everyone|@here|<@\d/);
      expect(text).toContain("@\u200beveryone");
      expect(text).not.toMatch(/\]\(javascript/);
    }
    // The literal brackets are escaped, so no masked link forms from them.
    expect(description).toContain("\\[click\\]\\(javascript\\:alert\\(1\\)\\)");
  });
});

describe("Microsoft Teams", () => {
  it("is a Workflows message carrying an Adaptive Card 1.4 with facts, the body and buttons", () => {
    const message = chatMessage("teams", view({ manageUrl: "https://status.sega.example/subscriptions/channel?token=t" })) as Teams;
    expect(message.type).toBe("message");
    const [attachment] = message.attachments;
    expect(attachment.contentType).toBe("application/vnd.microsoft.card.adaptive");
    const card = attachment.content;
    expect(card).toMatchObject({ type: "AdaptiveCard", version: "1.4" });
    expect(card.body.map((element) => element.type)).toEqual(["TextBlock", "TextBlock", "FactSet", "TextBlock"]);
    expect(card.body[2].facts).toContainEqual({ title: "Sega Pass login", value: "Major outage" });
    expect(card.body[3].text).toContain("**Sega Pass**");
    expect(card.body[3].text).toContain("[Details](https://status.sega.example/incidents/inc1)");
    expect(card.body[3].text).toContain("- Passwords were reset\r- Payment data was not touched");
    expect(card.actions.map((action) => action.url)).toEqual([view().link, "https://status.sega.example/subscriptions/channel?token=t"]);
  });

  it("leaves no tag, mention or link the writer typed", () => {
    const card = (chatMessage("teams", view({ title: HOSTILE, body: HOSTILE })) as Teams).attachments[0].content;
    const texts = card.body.map((element) => element.text ?? "").join("\n");
    expect(texts).not.toMatch(/<at>|<!|\]\(javascript/);
    expect(texts).toContain("&lt;at\\>Boss&lt;/at\\>");
  });
});

describe("limits", () => {
  const long = Array.from({ length: 400 }, (_, index) => `Paragraph ${index} says **something** about the [breach](https://status.sega.example/x).`).join("\n\n");

  it("cuts at whole paragraphs with an ellipsis and a read-more link, in every format", () => {
    const slack = chatMessage("slack", view({ body: long })) as Slack;
    const section = slack.blocks[2].text!.text;
    expect(section.length).toBeLessThanOrEqual(CHAT_LIMITS.slack.section);
    expect(section).toMatch(/\n\n… <https:\/\/status\.sega\.example\/incidents\/inc1#update-upd1\|Read more on the status page>$/);
    expect(section).toMatch(/about the <https:\/\/status\.sega\.example\/x\|breach>\.\n\n…/);

    const discord = chatMessage("discord", view({ body: long, title: "T".repeat(400) })) as Discord;
    const [embed] = discord.embeds;
    expect(embed.title.length).toBeLessThanOrEqual(CHAT_LIMITS.discord.title);
    expect(embed.title.endsWith("…")).toBe(true);
    expect(embed.description.length).toBeLessThanOrEqual(CHAT_LIMITS.discord.description);
    expect(embed.description).toMatch(/… \[Read more on the status page\]\(https:\/\/status\.sega\.example\/incidents\/inc1#update-upd1\)$/);
    const total = embed.title.length + embed.description.length + embed.footer.text.length + embed.fields.reduce((sum, field) => sum + field.name.length + field.value.length, 0);
    expect(total).toBeLessThanOrEqual(CHAT_LIMITS.discord.total);

    const teams = chatMessage("teams", view({ body: long })) as Teams;
    const text = teams.attachments[0].content.body[3].text!;
    expect(text.length).toBeLessThanOrEqual(CHAT_LIMITS.teams.body);
    expect(text).toMatch(/… \[Read more on the status page\]\(https:\/\/status\.sega\.example\/incidents\/inc1#update-upd1\)$/);
  });

  it("cuts a single paragraph that is too long as plain escaped text", () => {
    const one = `${"<!channel> ".repeat(600)}end`;
    const result = convertMarkdown("slack", one, { base: "https://status.sega.example", max: 500, more: "<https://x.example|Read more>" });
    expect(result.length).toBeLessThanOrEqual(500);
    expect(result).toMatch(/^&lt;!channel&gt; /);
    expect(result).toMatch(/… <https:\/\/x\.example\|Read more>$/);
    expect(result).not.toContain("end");
  });

  it("keeps the header, the services and a long service list within their limits", () => {
    const changes = Array.from({ length: 80 }, (_, index) => ({ service: `Service number ${index}`, status: "Major outage" }));
    const slack = chatMessage("slack", view({ title: "x".repeat(300), changes })) as Slack;
    expect(slack.blocks[0].text!.text.length).toBe(CHAT_LIMITS.slack.header);
    const discord = chatMessage("discord", view({ changes })) as Discord;
    expect(discord.embeds[0].fields[2].value.length).toBeLessThanOrEqual(CHAT_LIMITS.discord.fieldValue);
    expect(clip("😀😀😀", 2)).toBe("😀…");
  });
});

describe("advice and notices", () => {
  it("puts the incident's advice before the update's text", () => {
    const message = chatMessage("discord", view({ advice: "Change your password wherever you used the same one." })) as Discord;
    expect(message.embeds[0].description.startsWith("**What you should do**\n\nChange your password wherever you used the same one.\n\nWe found")).toBe(true);
  });

  it("builds a confirmation in each format with its one link, escaped", () => {
    const notice = { pageName: "Sega Pass status", title: "Confirm <!channel> updates", text: "Someone asked for @everyone updates here.", link: { label: "Confirm", url: "https://status.sega.example/subscriptions/channel/confirm?token=a.1.b" } };
    const slack = chatNotice("slack", notice) as Slack;
    expect(slack.blocks[1].text!.text).toBe("Someone asked for @everyone updates here.\n<https://status.sega.example/subscriptions/channel/confirm?token=a.1.b|Confirm>");
    expect(slack.text).toContain("&lt;!channel&gt;");
    const discord = chatNotice("discord", notice) as Discord;
    expect(discord.allowed_mentions).toEqual({ parse: [] });
    expect(discord.embeds[0].description).toContain("@\u200beveryone");
    expect(discord.embeds[0].url).toBe(notice.link.url);
    const teams = chatNotice("teams", notice) as Teams;
    expect(teams.attachments[0].content.actions).toEqual([{ type: "Action.OpenUrl", title: "Confirm", url: notice.link.url }]);
  });
});

describe("a postmortem", () => {
  // Told through the update view: "Postmortem" where the status goes, green, no services.
  const postmortem = view({ statusLabel: "Postmortem", final: true, changes: [], link: "https://status.sega.example/incidents/inc1#postmortem", body: "## What happened\n\nA **bad** deploy." });

  it("reads as the incident's postmortem in every format, linking to it", () => {
    const slackMessage = chatMessage("slack", postmortem) as Slack;
    expect(slackMessage.text).toBe("Sega Pass status: Unauthorised access to the Sega Pass database (Postmortem)");
    expect(slackMessage.blocks.map((block) => block.type)).toEqual(["header", "context", "section", "actions"]);
    expect(slackMessage.blocks[2].text!.text).toBe("*What happened*\n\nA *bad* deploy.");
    const [embed] = (chatMessage("discord", postmortem) as Discord).embeds;
    expect(embed).toMatchObject({ url: postmortem.link, color: 0x1f883d });
    expect(embed.fields.map((field) => [field.name, field.value])).toEqual([["Status", "Postmortem"], ["Impact", "Critical"]]);
    const card = (chatMessage("teams", postmortem) as Teams).attachments[0].content;
    expect(card.body.find((element) => element.type === "FactSet")!.facts![0]).toEqual({ title: "Status", value: "Postmortem" });
    expect(card.actions[0].url).toBe(postmortem.link);
  });
});

describe("formatHostHint", () => {
  it("warns, without refusing, when the host is not the service's", () => {
    expect(formatHostHint("slack", "https://hooks.slack.com/services/T/B/X")).toBeNull();
    expect(formatHostHint("discord", "https://discord.com/api/webhooks/1/abc")).toBeNull();
    expect(formatHostHint("discord", "https://discordapp.com/api/webhooks/1/abc")).toBeNull();
    expect(formatHostHint("teams", "https://prod-01.westeurope.logic.azure.com/workflows/x")).toBeNull();
    expect(formatHostHint("teams", "https://x.webhook.office.com/webhookb2/y")).toBeNull();
    expect(formatHostHint("teams", "https://default1.environment.api.powerplatform.com/powerautomate/x")).toBeNull();
    expect(formatHostHint("herald", "https://anything.example")).toBeNull();
    expect(formatHostHint("discord", "https://hooks.slack.com/services/T/B/X")).toMatch(/looks like a Slack address, but Discord was chosen/);
    expect(formatHostHint("slack", "https://chat.example.com/hooks/abc")).toMatch(/usually look like https:\/\/hooks\.slack\.com/);
    // Discord's host with another path is not a webhook.
    expect(formatHostHint("discord", "https://discord.com/channels/1/2")).toMatch(/usually look like/);
  });
});
