import MarkdownIt from "markdown-it";
import type { Token } from "markdown-it";
import { stripBidiControls } from "@/lib/bidi";
import type { Impact, IncidentKind } from "@/lib/constants";
import { ADVICE_HEADING } from "@/lib/schemas/advice";
import type { ChatFormat } from "@/lib/schemas/webhook-formats";

// The JSON bodies Herald posts to chat channels' incoming webhooks, each in the
// service's own format: Slack Block Kit, Discord embeds, a Microsoft Teams Adaptive Card
// (the Workflows "when a Teams webhook request is received" envelope). Pure: built from
// a plain view of one update, so the worker, "Send a test" and the tests share them.
// Everything a writer typed is escaped for the format's markup, so an update cannot
// ping a channel (<!channel>, @everyone, <at>) or slip in a link Herald did not make.

/**
 * One published update, as every chat format needs it. A published postmortem is told
 * through the same view (server/delivery/chat-content.ts): "Postmortem" as its status,
 * final, no service changes, its text as the body.
 */
export interface ChatUpdateView {
  pageName: string;
  /** The page's public address, for relative links in the body. */
  pageUrl: string;
  kind: IncidentKind;
  title: string;
  /** The update's (or the postmortem's) anchor on the status page. */
  link: string;
  /** The update's status ("Identified"), or "Postmortem". */
  statusLabel: string;
  /** The incident is over (resolved, maintenance completed). */
  final: boolean;
  impact: Impact;
  impactLabel: string;
  /** Services this update changed, with their new status. */
  changes: { service: string; status: string }[];
  /** What readers should do, when the update says (Markdown), shown before the body. */
  advice?: string | null;
  /** The update's text (Markdown). */
  body: string;
  /** The time in the page's zone, written out ("17 June 2011, 14:05 BST"). */
  when: string;
  /** The same time, ISO 8601 (Discord shows it in each reader's zone). */
  at: string;
  /** For channels a reader added: where to change services or remove the channel. */
  manageUrl?: string | null;
}

/** A one-off message: a channel's confirmation, "already subscribed", or an admin's test. */
export interface ChatNotice {
  pageName: string;
  title: string;
  /** Plain text (escaped here). */
  text: string;
  link: { label: string; url: string };
}

export type ChatBody = Record<string, unknown>;

/** Limits each service documents, kept a little under where it is cheap to. */
export const CHAT_LIMITS = {
  slack: { header: 150, section: 3000, button: 75 },
  discord: { title: 256, description: 4096, fieldValue: 1024, footer: 2048, total: 6000, username: 80 },
  // Teams refuses cards over about 28 KB; the text stays far below that.
  teams: { body: 8000 },
} as const;

const ELLIPSIS = "…";

// ---------------------------------------------------------------------------
// Markdown into each format's markup.

interface Dialect {
  /** Text as written, made inert. */
  text(value: string): string;
  strong(inner: string): string;
  em(inner: string): string;
  strike(inner: string): string;
  code(value: string): string;
  link(href: string, label: string): string;
  codeBlock(value: string): string;
  quote(line: string): string;
  bullet: string;
  /** Between lines of one list. */
  lineBreak: string;
  /** Between paragraphs. */
  paragraphBreak: string;
}

const slack: Dialect = {
  // Slack reads only & < > as control characters; <!channel> and <@U…> need a literal "<".
  text: (value) => value.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;"),
  strong: (inner) => `*${inner}*`,
  em: (inner) => `_${inner}_`,
  strike: (inner) => `~${inner}~`,
  code: (value) => `\`${slack.text(value.replace(/`/g, "'"))}\``,
  link: (href, label) => `<${slackUrl(href)}|${label.replace(/\|/g, "¦")}>`,
  codeBlock: (value) => `\`\`\`${slack.text(value.replace(/```/g, "'''"))}\`\`\``,
  quote: (line) => `>${line}`,
  bullet: "•",
  lineBreak: "\n",
  paragraphBreak: "\n\n",
};

/** A URL inside <…|…>: the characters that would end it are escaped. */
const slackUrl = (href: string) => href.replace(/&/g, "&amp;").replace(/</g, "%3C").replace(/>/g, "%3E").replace(/\|/g, "%7C");

const discord: Dialect = {
  // Every Markdown character is escaped, and "@" is followed by a zero-width space, so a
  // mention cannot form even where allowed_mentions would not stop it (an edit, a relay).
  text: (value) => value.replace(/[\\*_~`|>#\-[\]()<:]/g, (char) => `\\${char}`).replace(/@/g, "@\u200b"),
  strong: (inner) => `**${inner}**`,
  em: (inner) => `*${inner}*`,
  strike: (inner) => `~~${inner}~~`,
  code: (value) => `\`${value.replace(/`/g, "'").replace(/@/g, "@\u200b")}\``,
  link: (href, label) => `[${label}](${href.replace(/[()\s]/g, (char) => encodeURIComponent(char))})`,
  codeBlock: (value) => `\`\`\`\n${value.replace(/```/g, "'''").replace(/@/g, "@\u200b")}\n\`\`\``,
  quote: (line) => `> ${line}`,
  bullet: "-",
  lineBreak: "\n",
  paragraphBreak: "\n\n",
};

const teams: Dialect = {
  // Adaptive Card text is Markdown without HTML: backslash escapes, and "<" and "&" as
  // entities so that no <at> mention or tag forms.
  text: (value) => value.replace(/[\\*_~`[\]()#>!-]/g, (char) => `\\${char}`).replace(/&/g, "&amp;").replace(/</g, "&lt;"),
  strong: (inner) => `**${inner}**`,
  em: (inner) => `_${inner}_`,
  // Neither strikethrough nor code is rendered in a TextBlock: the text stays.
  strike: (inner) => inner,
  code: (value) => teams.text(value),
  link: (href, label) => `[${label}](${href.replace(/[()\s]/g, (char) => encodeURIComponent(char))})`,
  codeBlock: (value) => value.split("\n").map(teams.text).join("\n\n"),
  quote: (line) => line,
  bullet: "-",
  // The documented list separator; "\n\n" inside a list would indent the next item.
  lineBreak: "\r",
  paragraphBreak: "\n\n",
};

const DIALECTS: Record<ChatFormat, Dialect> = { slack, discord, teams };

const parser = new MarkdownIt({ html: false, linkify: true, typographer: true, breaks: true });

/** http(s) and mailto links, made absolute against the page; anything else is no link. */
function safeHref(href: string, base: string): string | null {
  try {
    const url = new URL(href, `${base.replace(/\/+$/, "")}/`);
    return ["http:", "https:", "mailto:"].includes(url.protocol) ? url.href : null;
  } catch {
    return null;
  }
}

function inline(tokens: Token[], dialect: Dialect, base: string): string {
  // A stack of open spans: each collects its inner text until its closing token.
  const stack: { type: string; href?: string | null; parts: string[] }[] = [{ type: "root", parts: [] }];
  const push = (value: string) => stack[stack.length - 1].parts.push(value);
  for (const token of tokens) {
    switch (token.type) {
      case "text":
      case "text_special":
        push(dialect.text(stripBidiControls(token.content)));
        break;
      case "code_inline":
        push(dialect.code(stripBidiControls(token.content)));
        break;
      case "softbreak":
      case "hardbreak":
        push(dialect.lineBreak === "\r" ? "\n\n" : "\n");
        break;
      case "image":
        push(dialect.text(stripBidiControls(token.content || String(token.attrGet("alt") ?? ""))));
        break;
      case "strong_open":
      case "em_open":
      case "s_open":
        stack.push({ type: token.type, parts: [] });
        break;
      case "link_open":
        stack.push({ type: token.type, href: safeHref(String(token.attrGet("href") ?? ""), base), parts: [] });
        break;
      case "strong_close":
      case "em_close":
      case "s_close":
      case "link_close": {
        if (stack.length === 1) break;
        const span = stack.pop()!;
        const inner = span.parts.join("");
        if (!inner.trim()) break;
        if (span.type === "strong_open") push(dialect.strong(inner));
        else if (span.type === "em_open") push(dialect.em(inner));
        else if (span.type === "s_open") push(dialect.strike(inner));
        else push(span.href ? dialect.link(span.href, inner) : inner);
        break;
      }
      default:
        if (token.content) push(dialect.text(stripBidiControls(token.content)));
    }
  }
  // Unclosed spans (none from markdown-it, but cheap to be sure of) keep their text.
  while (stack.length > 1) {
    const span = stack.pop()!;
    push(span.parts.join(""));
  }
  return stack[0].parts.join("");
}

/** A leaf of the converted text: a paragraph, a heading, a list item's line, a code block. */
interface Leaf {
  markup: string;
  /** The same text, plain, for when it must be cut. */
  plain: string;
  inList: boolean;
}

function leaves(source: string, dialect: Dialect, base: string): Leaf[] {
  const tokens = parser.parse(source, {});
  const result: Leaf[] = [];
  const lists: { ordered: boolean; next: number }[] = [];
  let quoteDepth = 0;
  let itemStart = false;
  let row: string[] | null = null;
  let rowPlain: string[] = [];
  const add = (markup: string, plain: string) => {
    let prefix = "";
    let plainPrefix = "";
    if (lists.length) {
      const list = lists[lists.length - 1];
      const indent = "   ".repeat(lists.length - 1);
      const marker = itemStart ? (list.ordered ? `${list.next++}.` : dialect.bullet) : " ";
      // A list number is the format's own, not text: "1." must not be escaped.
      prefix = `${indent}${marker} `;
      plainPrefix = prefix;
      itemStart = false;
    }
    const lines = `${prefix}${markup}`.split("\n");
    const quoted = quoteDepth ? lines.map((line) => dialect.quote(line)).join("\n") : lines.join("\n");
    result.push({ markup: quoted, plain: `${plainPrefix}${plain}`, inList: lists.length > 0 });
  };
  for (const token of tokens) {
    switch (token.type) {
      case "bullet_list_open":
        lists.push({ ordered: false, next: 1 });
        break;
      case "ordered_list_open":
        lists.push({ ordered: true, next: Number(token.attrGet("start") ?? 1) });
        break;
      case "bullet_list_close":
      case "ordered_list_close":
        lists.pop();
        break;
      case "list_item_open":
        itemStart = true;
        break;
      case "blockquote_open":
        quoteDepth++;
        break;
      case "blockquote_close":
        quoteDepth--;
        break;
      case "tr_open":
        row = [];
        rowPlain = [];
        break;
      case "tr_close":
        if (row) add(row.join(" | "), rowPlain.join(" | "));
        row = null;
        break;
      case "inline": {
        const markup = inline(token.children ?? [], dialect, base);
        const plain = stripBidiControls(token.content);
        if (row) {
          row.push(markup);
          rowPlain.push(plain);
        } else if (markup.trim()) {
          const heading = tokens[tokens.indexOf(token) - 1]?.type === "heading_open";
          add(heading ? dialect.strong(markup) : markup, plain);
        }
        break;
      }
      case "fence":
      case "code_block":
        add(dialect.codeBlock(stripBidiControls(token.content.replace(/\n$/, ""))), stripBidiControls(token.content));
        break;
      case "hr":
        add("———", "———");
        break;
    }
  }
  return result;
}

function joinLeaves(list: Leaf[], dialect: Dialect): string {
  return list.map((leaf, index) => (index === 0 ? "" : leaf.inList && list[index - 1].inList ? dialect.lineBreak : dialect.paragraphBreak) + leaf.markup).join("");
}

/** Text cut to at most `max` characters (whole code points) with an ellipsis. */
export function clip(value: string, max: number): string {
  const chars = Array.from(value);
  if (chars.length <= max) return value;
  return chars.slice(0, Math.max(0, max - 1)).join("").trimEnd() + ELLIPSIS;
}

const length = (value: string) => Array.from(value).length;

/**
 * Markdown in the format's markup, within `max` characters. Past the limit, whole
 * paragraphs are dropped from the end (never a cut through a link or a bold span) and
 * `more` (a "read more" link) is added; a first paragraph too long on its own is sent
 * as plain escaped text, cut.
 */
export function convertMarkdown(format: ChatFormat, source: string, { base, max, more }: { base: string; max: number; more: string }): string {
  const dialect = DIALECTS[format];
  const all = leaves(source, dialect, base);
  const full = joinLeaves(all, dialect);
  if (length(full) <= max) return full;
  const room = max - length(more) - length(dialect.paragraphBreak) - 1;
  // The most leading leaves that fit, counted as they are joined.
  let count = 0;
  for (let size = 0; count < all.length; count++) {
    const separator = count === 0 ? "" : all[count].inList && all[count - 1].inList ? dialect.lineBreak : dialect.paragraphBreak;
    size += length(separator) + length(all[count].markup);
    if (size > room) break;
  }
  if (count > 0) return `${joinLeaves(all.slice(0, count), dialect)}${dialect.paragraphBreak}${ELLIPSIS} ${more}`;
  const plain = all[0]?.plain ?? "";
  // Escaping lengthens text; shorten the source until its escaped form fits.
  let cut = Math.min(length(plain), room);
  while (cut > 0 && length(dialect.text(Array.from(plain).slice(0, cut).join(""))) > room) cut = Math.floor(cut * 0.9);
  return `${dialect.text(Array.from(plain).slice(0, cut).join("").trimEnd())}${ELLIPSIS} ${more}`;
}

// ---------------------------------------------------------------------------
// The three formats.

const COLOURS = { resolved: 0x1f883d, maintenance: 0x2f6fde, critical: 0xc62828, major: 0xe65100, minor: 0xf9a825, none: 0x6b7280 };

function colourOf(view: ChatUpdateView): number {
  if (view.final) return COLOURS.resolved;
  if (view.kind === "maintenance") return COLOURS.maintenance;
  return COLOURS[view.impact];
}

const teamsColour = (view: ChatUpdateView) =>
  view.final ? "Good" : view.kind === "maintenance" ? "Accent" : view.impact === "critical" || view.impact === "major" ? "Attention" : view.impact === "minor" ? "Warning" : "Default";

/** The update's text: advice first (when given), then the body, within `max`. */
function bodyText(format: ChatFormat, view: ChatUpdateView, max: number): string {
  const dialect = DIALECTS[format];
  const more = dialect.link(view.link, "Read more on the status page");
  const source = view.advice?.trim() ? `**${ADVICE_HEADING}**\n\n${view.advice.trim()}\n\n${view.body}` : view.body;
  return convertMarkdown(format, source, { base: view.pageUrl, max, more });
}

function plainLine(view: ChatUpdateView): string {
  return `${stripBidiControls(view.pageName)}: ${stripBidiControls(view.title)} (${view.statusLabel})`;
}

function slackUpdate(view: ChatUpdateView): ChatBody {
  const limits = CHAT_LIMITS.slack;
  const facts = [`*${slack.text(view.statusLabel)}*`, view.kind === "maintenance" ? "Maintenance" : `Impact: ${slack.text(view.impactLabel)}`];
  const changes = view.changes.map((change) => `${slack.bullet} ${slack.text(stripBidiControls(change.service))}: *${slack.text(change.status)}*`);
  const body = bodyText("slack", view, limits.section);
  const blocks: ChatBody[] = [
    // plain_text is never parsed for mentions or links: no escaping needed, only the length.
    { type: "header", text: { type: "plain_text", text: clip(stripBidiControls(view.title), limits.header), emoji: false } },
    { type: "context", elements: [{ type: "mrkdwn", text: clip(`${slack.text(stripBidiControls(view.pageName))} · ${facts.join(" · ")} · ${slack.text(view.when)}`, limits.section) }] },
  ];
  if (body.trim()) blocks.push({ type: "section", text: { type: "mrkdwn", text: body } });
  if (changes.length) blocks.push({ type: "section", text: { type: "mrkdwn", text: clip(changes.join("\n"), limits.section) } });
  const buttons: ChatBody[] = [{ type: "button", text: { type: "plain_text", text: "Read on the status page" }, url: view.link }];
  if (view.manageUrl) buttons.push({ type: "button", text: { type: "plain_text", text: "Manage this channel's updates" }, url: view.manageUrl });
  blocks.push({ type: "actions", elements: buttons });
  // `text` is the notification's and screen readers' fallback; it is mrkdwn too.
  return { text: slack.text(plainLine(view)), blocks, unfurl_links: false, unfurl_media: false };
}

function discordUpdate(view: ChatUpdateView): ChatBody {
  const limits = CHAT_LIMITS.discord;
  const fields: { name: string; value: string; inline?: boolean }[] = [
    { name: "Status", value: discord.text(view.statusLabel), inline: true },
    { name: view.kind === "maintenance" ? "Kind" : "Impact", value: view.kind === "maintenance" ? "Maintenance" : discord.text(view.impactLabel), inline: true },
  ];
  if (view.changes.length) {
    const lines = view.changes.map((change) => `${discord.text(stripBidiControls(change.service))}: **${discord.text(change.status)}**`);
    fields.push({ name: "Services", value: clip(lines.join("\n"), limits.fieldValue) });
  }
  if (view.manageUrl) fields.push({ name: "This channel", value: discord.link(view.manageUrl, "Change services or stop these messages") });
  const title = clip(discord.text(stripBidiControls(view.title)), limits.title);
  const footer = clip(`${stripBidiControls(view.pageName)} · ${view.when}`, limits.footer);
  // The description gets what the 6,000-character total leaves.
  const used = length(title) + length(footer) + fields.reduce((sum, field) => sum + length(field.name) + length(field.value), 0);
  const description = bodyText("discord", view, Math.min(limits.description, limits.total - used - 50));
  return {
    username: clip(stripBidiControls(view.pageName), limits.username),
    // Nobody is pinged, whatever the text says.
    allowed_mentions: { parse: [] },
    embeds: [{ title, url: view.link, description, color: colourOf(view), fields, timestamp: view.at, footer: { text: footer } }],
  };
}

function adaptiveCard(body: ChatBody[], actions: ChatBody[]): ChatBody {
  return {
    type: "message",
    attachments: [
      {
        contentType: "application/vnd.microsoft.card.adaptive",
        contentUrl: null,
        content: { $schema: "http://adaptivecards.io/schemas/adaptive-card.json", type: "AdaptiveCard", version: "1.4", body, actions, msteams: { width: "Full" } },
      },
    ],
  };
}

function teamsUpdate(view: ChatUpdateView): ChatBody {
  const facts = [
    { title: "Status", value: teams.text(view.statusLabel) },
    view.kind === "maintenance" ? { title: "Kind", value: "Maintenance" } : { title: "Impact", value: teams.text(view.impactLabel) },
    ...view.changes.map((change) => ({ title: teams.text(stripBidiControls(change.service)), value: teams.text(change.status) })),
    { title: "Time", value: teams.text(view.when) },
  ];
  const body: ChatBody[] = [
    { type: "TextBlock", text: teams.text(stripBidiControls(view.pageName)), isSubtle: true, wrap: true, spacing: "None" },
    { type: "TextBlock", text: teams.text(stripBidiControls(view.title)), size: "Large", weight: "Bolder", color: teamsColour(view), wrap: true, style: "heading" },
    { type: "FactSet", facts },
  ];
  const text = bodyText("teams", view, CHAT_LIMITS.teams.body);
  if (text.trim()) body.push({ type: "TextBlock", text, wrap: true });
  const actions: ChatBody[] = [{ type: "Action.OpenUrl", title: "Read on the status page", url: view.link }];
  if (view.manageUrl) actions.push({ type: "Action.OpenUrl", title: "Manage this channel's updates", url: view.manageUrl });
  return adaptiveCard(body, actions);
}

/** The JSON body that posts one update to a chat channel of `format`. */
export function chatMessage(format: ChatFormat, view: ChatUpdateView): ChatBody {
  if (format === "slack") return slackUpdate(view);
  if (format === "discord") return discordUpdate(view);
  return teamsUpdate(view);
}

/** A one-off message (confirmation, "already", test) in `format`: a title, a sentence and one link. */
export function chatNotice(format: ChatFormat, notice: ChatNotice): ChatBody {
  const title = stripBidiControls(notice.title);
  const pageName = stripBidiControls(notice.pageName);
  const text = stripBidiControls(notice.text);
  if (format === "slack") {
    return {
      text: slack.text(`${title}: ${text}`),
      blocks: [
        { type: "header", text: { type: "plain_text", text: clip(title, CHAT_LIMITS.slack.header), emoji: false } },
        { type: "section", text: { type: "mrkdwn", text: clip(`${slack.text(text)}\n${slack.link(notice.link.url, slack.text(notice.link.label))}`, CHAT_LIMITS.slack.section) } },
        { type: "actions", elements: [{ type: "button", text: { type: "plain_text", text: clip(notice.link.label, CHAT_LIMITS.slack.button) }, url: notice.link.url }] },
      ],
      unfurl_links: false,
      unfurl_media: false,
    };
  }
  if (format === "discord") {
    return {
      username: clip(pageName, CHAT_LIMITS.discord.username),
      allowed_mentions: { parse: [] },
      embeds: [
        {
          title: clip(discord.text(title), CHAT_LIMITS.discord.title),
          url: notice.link.url,
          description: clip(`${discord.text(text)}\n\n${discord.link(notice.link.url, discord.text(notice.link.label))}`, CHAT_LIMITS.discord.description),
          color: COLOURS.maintenance,
          footer: { text: clip(pageName, CHAT_LIMITS.discord.footer) },
        },
      ],
    };
  }
  return adaptiveCard(
    [
      { type: "TextBlock", text: teams.text(title), size: "Large", weight: "Bolder", wrap: true, style: "heading" },
      { type: "TextBlock", text: teams.text(text), wrap: true },
    ],
    [{ type: "Action.OpenUrl", title: notice.link.label, url: notice.link.url }],
  );
}
