import "server-only";
import { createHash, randomBytes } from "node:crypto";
import type { z } from "zod";
import { chatMessage, chatNotice, type ChatUpdateView } from "@/lib/chat-messages";
import { env } from "@/lib/env";
import type { FormState, MutationResult } from "@/lib/schemas/forms";
import { chatChannelSchema, chatManageSchema } from "@/lib/schemas/subscriptions";
import { formatHostHint, isChatFormat, WEBHOOK_FORMAT_LABELS, webhookFormat, type ChatFormat } from "@/lib/schemas/webhook-formats";
import { checkLink, parseLink, signLink, type LinkCheck } from "@/lib/signed-link";
import type { ChatChannelView } from "@/lib/views/chat-channels";
import { newWebhookSecret } from "@/lib/webhook-signature";
import { db, writeTransaction, type Tx } from "@/server/db";
import { sendWebhook } from "@/server/delivery/send";
import { refusedAddress, WebhookError } from "@/server/delivery/webhook-post";
import { CHECK_FIELDS, mutation, MutationError, parseInput, refusal } from "@/server/mutation";
import { allow } from "@/server/rate-limit";
import { seal } from "@/server/secret-box";
import { serverSecret } from "@/server/secrets";
import { getPageSettings } from "@/server/settings";
import { CONFIRM_LINK_HOURS, SUBSCRIBE_LIMITS } from "@/server/subscriptions";

// Chat channels a reader adds from /subscribe: a Slack, Discord or Teams incoming-webhook
// URL, kept as a WebhookEndpoint with addedByReader. Double opt-in like email: the
// channel is sent one confirmation message and nothing more until someone in it follows
// the link (fan-out skips it till then); every later message links to a manage page.
//
// Unlike the confirmation mail, the confirmation message is posted while the form waits
// (at most CONFIRM_TIMEOUT_MS): there is no address to keep secret here, and the reader
// learns at once that a URL is mistyped or refused, instead of waiting for a message
// that will never come. Nothing is kept when the channel does not accept it.

const CONFIRM_TIMEOUT_MS = 5_000;
/** Confirmation messages one URL can be sent per window: a form cannot be used to flood a channel. */
export const CHAT_CONFIRMATIONS_PER_URL = 3;

const nonce = () => randomBytes(16).toString("base64url");
const hashed = (value: string) => createHash("sha256").update(value).digest("base64url");

const LINK_KEY = "chat-channel-links";

export interface ChatLinkContext {
  key: string;
  base: string;
}

/** A key of their own: a channel's link can never pass for a subscriber's, nor the reverse. */
export async function chatLinkContext(): Promise<ChatLinkContext> {
  const [key, settings] = await Promise.all([serverSecret(LINK_KEY), getPageSettings()]);
  return { key, base: settings.url.replace(/\/+$/, "") };
}

export function chatManageUrl(endpoint: { id: string; manageNonce: string | null }, { key, base }: ChatLinkContext): string | null {
  return endpoint.manageNonce ? `${base}/subscriptions/channel?token=${signLink(key, "manage", endpoint.id, endpoint.manageNonce)}` : null;
}

function chatConfirmUrl(endpoint: { id: string; confirmNonce: string }, { key, base }: ChatLinkContext): string {
  const expires = Math.floor(Date.now() / 1000) + CONFIRM_LINK_HOURS * 3600;
  return `${base}/subscriptions/channel/confirm?token=${signLink(key, "confirm", endpoint.id, endpoint.confirmNonce, expires)}`;
}

/**
 * The body a delivery posts to an endpoint in a chat format, or null for Herald's own
 * signed JSON. A reader's channel gets its manage link in every message.
 */
export async function chatBody(endpoint: { id: string; format: string; addedByReader: boolean; manageNonce: string | null }, view: Omit<ChatUpdateView, "manageUrl">): Promise<string | null> {
  const format = webhookFormat(endpoint.format);
  if (!isChatFormat(format)) return null;
  const manageUrl = endpoint.addedByReader ? chatManageUrl(endpoint, { key: await serverSecret(LINK_KEY), base: view.pageUrl }) : null;
  return JSON.stringify(chatMessage(format, { ...view, manageUrl }));
}

/** "Send a test" for an endpoint in a chat format: a message in its format saying the page can reach it. */
export function chatTestBody(format: ChatFormat, page: { name: string; url: string }): string {
  return JSON.stringify(
    chatNotice(format, {
      pageName: page.name,
      title: `Test from ${page.name}`,
      text: `This channel will get ${page.name}'s status updates in ${WEBHOOK_FORMAT_LABELS[format]}'s format. Nothing is wrong: this is a test an admin sent.`,
      link: { label: "Open the status page", url: page.url },
    }),
  );
}

/** When a chat channel may use plain http: only where private receivers are allowed (tests, intranets). */
export function chatUrlProblem(url: string, allowPrivate = env().WEBHOOK_ALLOW_PRIVATE): string | null {
  return new URL(url).protocol === "https:" || allowPrivate ? null : "Use the https:// address the chat service gave you.";
}

const CHECK_CHANNEL = "Check the channel for the confirmation message: follow its link and press “Confirm” there. Nothing else is posted until then.";

/**
 * The public form's "post updates to a chat channel". Anyone may ask; throttled with the
 * subscribe form's own per-client limit (the same counter) and a few confirmations per
 * URL an hour; one pending confirmation per URL (asking again replaces its link).
 */
export async function addChatChannel(input: Record<string, unknown>, client: { address: string }): Promise<MutationResult<{ hint?: string }>> {
  const values = { url: typeof input.url === "string" ? input.url.slice(0, 2000) : "", format: input.format, scope: input.scope, services: input.services };
  try {
    return await addParsed(parseInput(chatChannelSchema, input), client);
  } catch (error) {
    if (error instanceof MutationError) return refusal(error, values);
    throw error;
  }
}

async function addParsed({ url, format, scope, services }: z.output<typeof chatChannelSchema>, client: { address: string }): Promise<MutationResult<{ hint?: string }>> {
  const allowPrivate = env().WEBHOOK_ALLOW_PRIVATE;
  const insecure = chatUrlProblem(url, allowPrivate);
  if (insecure) throw new MutationError("invalid", CHECK_FIELDS, { url: insecure });
  if (!(await allow(`subscribe:client:${client.address || "unknown"}`, SUBSCRIBE_LIMITS.perClient, SUBSCRIBE_LIMITS.windowMs))) {
    throw new MutationError("rate_limited", "Too many subscription requests from your network. Please try again in an hour.");
  }
  const refused = await refusedAddress(new URL(url), allowPrivate);
  if (refused) throw new MutationError("invalid", CHECK_FIELDS, { url: "That address is on a private network, which this status page does not post to." });

  const allServices = scope === "all";
  const chosen = allServices ? [] : await db().service.findMany({ where: { id: { in: services }, hidden: false }, select: { id: true, name: true }, orderBy: { name: "asc" } });
  if (!allServices && chosen.length === 0) throw new MutationError("invalid", CHECK_FIELDS, { services: "Those services no longer exist. Reload the page and choose again." });

  const existing = await db().webhookEndpoint.findMany({ where: { url }, select: { id: true, addedByReader: true, confirmedAt: true, manageNonce: true } });
  // An admin already posts this page's updates there: a second copy of each would help nobody.
  if (existing.some((endpoint) => !endpoint.addedByReader)) return { ok: true, message: "That channel already gets this page's updates." };
  if (!(await allow(`chat:url:${hashed(url)}`, CHAT_CONFIRMATIONS_PER_URL, SUBSCRIBE_LIMITS.windowMs))) {
    throw new MutationError("rate_limited", "A confirmation was posted to that channel a few times already this hour. Check the channel, or try again later.");
  }
  const [settings, links] = await Promise.all([getPageSettings(), chatLinkContext()]);
  const hint = formatHostHint(format, url) ?? undefined;

  const confirmed = existing.find((endpoint) => endpoint.confirmedAt);
  if (confirmed) {
    // Like the "already subscribed" mail: the channel is told where to change its choice, and nothing changes.
    const manage = chatManageUrl(confirmed, links);
    if (manage) {
      await post(url, format, {
        pageName: settings.name,
        title: `This channel already gets updates from ${settings.name}`,
        text: `Someone asked again for ${settings.name}'s updates to be posted here. This channel gets them already; to choose services or stop them, use the link.`,
        link: { label: "Manage this channel's updates", url: manage },
      });
    }
    return { ok: true, message: CHECK_CHANNEL, hint };
  }

  // One pending confirmation per URL: asking again replaces the link (and the choice).
  const pending = existing[0];
  const confirmNonce = nonce();
  const data = { format, allServices, confirmNonce, services: { create: chosen.map((service) => ({ serviceId: service.id })) } };
  const endpoint = pending
    ? await writeTransaction(async (tx) => {
        await tx.webhookService.deleteMany({ where: { endpointId: pending.id } });
        return tx.webhookEndpoint.update({ where: { id: pending.id }, data });
      })
    : await db().webhookEndpoint.create({ data: { ...data, url, addedByReader: true, manageNonce: nonce(), secret: await seal(newWebhookSecret()) } });

  const scopeText = allServices ? "every service" : chosen.map((service) => service.name).join(", ");
  try {
    await post(url, format, {
      pageName: settings.name,
      title: `Confirm updates from ${settings.name} in this channel`,
      text: `Someone asked for ${settings.name}'s updates about ${scopeText} to be posted here. Nothing more is posted unless someone in this channel confirms within ${CONFIRM_LINK_HOURS} hours; if nobody asked for it, ignore this message.`,
      link: { label: "Confirm", url: chatConfirmUrl({ id: endpoint.id, confirmNonce }, links) },
    });
  } catch (error) {
    // Nothing is kept for a channel that did not take the message (a new row is removed; a pending one keeps its row, its old link now void).
    if (!pending) await db().webhookEndpoint.deleteMany({ where: { id: endpoint.id, confirmedAt: null } });
    throw error;
  }
  return { ok: true, message: CHECK_CHANNEL, hint };
}

/** Posts a one-off message now; a refusal next to the URL, with the reason, when the channel did not accept it. */
async function post(url: string, format: ChatFormat, notice: Parameters<typeof chatNotice>[1]): Promise<void> {
  const body = JSON.stringify(chatNotice(format, notice));
  let problem: string | null;
  try {
    ({ problem } = await sendWebhook({ url, secret: null }, { id: `msg_notice_${randomBytes(12).toString("base64url")}`, body }, { timeoutMs: CONFIRM_TIMEOUT_MS }));
  } catch (error) {
    if (!(error instanceof WebhookError)) throw error;
    problem = error.message.replace(/\.$/, "");
  }
  if (problem) throw new MutationError("invalid", CHECK_FIELDS, { url: `The channel did not accept our message: ${problem}. Check the URL and the service.` });
}

async function findByLink(token: unknown, purpose: "confirm" | "manage", database: Pick<Tx, "webhookEndpoint"> = db()) {
  const link = parseLink(token);
  if (!link) return { check: "invalid" as LinkCheck, endpoint: null };
  const endpoint = await database.webhookEndpoint.findUnique({ where: { id: link.subscriberId }, include: { services: true } });
  if (!endpoint?.addedByReader) return { check: "invalid" as LinkCheck, endpoint: null };
  const { key } = await chatLinkContext();
  const check = checkLink(key, purpose, link, purpose === "confirm" ? endpoint.confirmNonce : endpoint.manageNonce);
  return { check, endpoint: check === "valid" ? endpoint : null };
}

function view(endpoint: { id: string; url: string; format: string; confirmedAt: Date | null; allServices: boolean; services: { serviceId: string }[] }): ChatChannelView {
  const format = webhookFormat(endpoint.format);
  return {
    id: endpoint.id,
    // The full URL is a key to post into the channel: pages show only where it leads.
    host: new URL(endpoint.url).host,
    format: isChatFormat(format) ? format : "slack",
    formatLabel: WEBHOOK_FORMAT_LABELS[format],
    confirmed: endpoint.confirmedAt !== null,
    allServices: endpoint.allServices,
    serviceIds: endpoint.services.map((link) => link.serviceId),
  };
}

/** What a confirmation link would confirm, without using it (GET changes nothing: link scanners fetch links too). */
export async function previewChatConfirmation(token: unknown): Promise<{ check: LinkCheck; channel: ChatChannelView | null }> {
  const { check, endpoint } = await findByLink(token, "confirm");
  return { check, channel: endpoint && view(endpoint) };
}

// As with email, a followed link is the whole input and authority: one conditional
// statement each (the confirm link works once), nothing audited, nothing public changes.

export async function confirmChatChannel(token: unknown): Promise<FormState & { manage?: string }> {
  const { check, endpoint } = await findByLink(token, "confirm");
  if (!endpoint) {
    return { ok: false, error: check === "expired" ? "This link has expired. Add the channel again from the subscribe page to get a new one." : "This link is not valid, or was already used. If someone confirmed already, the channel gets updates." };
  }
  const used = await db().webhookEndpoint.updateMany({ where: { id: endpoint.id, confirmNonce: endpoint.confirmNonce }, data: { confirmNonce: null, confirmedAt: new Date() } });
  if (used.count === 0) return { ok: false, error: "This link was already used. The channel gets updates." };
  return { ok: true, message: "Confirmed: this channel will get our status updates.", manage: chatManageUrl(endpoint, await chatLinkContext()) ?? undefined };
}

export async function findChatChannel(token: unknown): Promise<ChatChannelView | null> {
  const { endpoint } = await findByLink(token, "manage");
  return endpoint && view(endpoint);
}

/** A channel's new choice of services, from its manage page: the signed link authorises it. */
export const updateChatChannel = mutation(
  { role: "anyone", schema: chatManageSchema, values: (input) => ({ scope: input.scope, services: input.services }) },
  async ({ tx, data }) => {
    const { endpoint } = await findByLink(data.token, "manage", tx);
    if (!endpoint) throw new MutationError("forbidden", "This link is no longer valid: the channel may have been removed. Add it again from the subscribe page.");
    const allServices = data.scope === "all";
    const chosen = allServices ? [] : await tx.service.findMany({ where: { id: { in: data.services }, hidden: false }, select: { id: true } });
    if (!allServices && chosen.length === 0) throw new MutationError("invalid", CHECK_FIELDS, { services: "Those services no longer exist. Reload and choose again." });
    await tx.webhookService.deleteMany({ where: { endpointId: endpoint.id } });
    await tx.webhookEndpoint.update({ where: { id: endpoint.id }, data: { allServices, services: { create: chosen.map((service) => ({ serviceId: service.id })) } } });
    return { message: "Saved. The channel will hear about the services chosen." };
  },
);

/** Removes the channel behind a manage link; true when there was one. Its pending deliveries are skipped. */
export async function removeChatChannel(token: unknown): Promise<boolean> {
  const { endpoint } = await findByLink(token, "manage");
  if (!endpoint) return false;
  await db().webhookEndpoint.deleteMany({ where: { id: endpoint.id } });
  return true;
}
