import "server-only";
import type { WebhookView } from "@/lib/views/webhooks";
import { randomBytes } from "node:crypto";
import type { DeliveryStatus } from "@/lib/constants";
import type { FormState } from "@/lib/schemas/forms";
import { webhookIdSchema, webhookSchema } from "@/lib/schemas/subscriptions";
import { webhookIntentSchema, webhookSwitchSchema, type WebhookIntent } from "@/lib/schemas/webhooks";
import { formatHostHint, isChatFormat, WEBHOOK_FORMAT_LABELS, webhookFormat } from "@/lib/schemas/webhook-formats";
import { env } from "@/lib/env";
import { newWebhookSecret } from "@/lib/webhook-signature";
import { audit } from "@/server/audit";
import type { Actor } from "@/lib/views/actor";
import { authorize } from "@/server/auth";
import { db, type Tx } from "@/server/db";
import { chatTestBody, chatUrlProblem } from "@/server/chat-channels";
import { testWebhookBody } from "@/server/delivery/notification-content";
import { deliveryTitle, notificationSubject, notificationSubjectSelect } from "@/server/delivery/notification-subject";
import { sendWebhook } from "@/server/delivery/send";
import { isPrivateAddress } from "@/server/delivery/webhook-post";
import { CHECK_FIELDS, mutation, MutationError, parseInput, refusal } from "@/server/mutation";
import { allow } from "@/server/rate-limit";
import { seal, SealError, unseal } from "@/server/secret-box";
import { getPageSettings } from "@/server/settings";
import { chosenServices, withServiceNames } from "@/server/subscribers";

// Webhook endpoints, for admins: the list with each one's recent deliveries, adding one,
// the buttons beside it (switch on or off, new secret, delete, send a test).

export async function listWebhooks(actor: Actor | null): Promise<WebhookView[]> {
  authorize(actor, "admin");
  const endpoints = await db().webhookEndpoint.findMany({
    orderBy: { createdAt: "asc" },
    include: {
      ...withServiceNames,
      deliveries: { orderBy: { id: "desc" }, take: 10, include: { notification: { select: notificationSubjectSelect } } },
    },
  });
  // One unreadable secret must not take the page (and the way to replace it) away.
  const secrets = await Promise.all(
    endpoints.map((endpoint) =>
      unseal(endpoint.secret).then(
        (secret) => ({ secret }),
        (error: unknown) => {
          if (error instanceof SealError) return { secret: "", secretUnreadable: error.message };
          throw error;
        },
      ),
    ),
  );
  return endpoints.map((endpoint, index) => ({
    id: endpoint.id,
    url: endpoint.addedByReader ? maskedUrl(endpoint.url) : endpoint.url,
    description: endpoint.description,
    format: webhookFormat(endpoint.format),
    addedByReader: endpoint.addedByReader,
    confirmedAt: endpoint.confirmedAt,
    ...secrets[index],
    enabled: endpoint.enabled,
    disabledReason: endpoint.disabledReason,
    consecutiveFailures: endpoint.consecutiveFailures,
    services: chosenServices(endpoint),
    recent: endpoint.deliveries.map((delivery) => ({
      id: delivery.id,
      title: deliveryTitle(notificationSubject(delivery.notification)),
      status: delivery.status as DeliveryStatus,
      attempts: delivery.attempts,
      lastError: delivery.lastError,
      responseStatus: delivery.responseStatus,
      sentAt: delivery.sentAt,
      nextAttemptAt: delivery.status === "pending" ? delivery.nextAttemptAt : null,
    })),
  }));
}

/** A reader's channel URL is the key to post into their channel: admins see where it leads, not the key. */
function maskedUrl(url: string): string {
  const parsed = new URL(url);
  return `${parsed.origin}/…${parsed.pathname.slice(-4)}`;
}

export const addWebhook = mutation(
  {
    role: "admin",
    schema: webhookSchema,
    audit: "webhook",
    values: (input) => ({ url: input.url, description: input.description, format: input.format, scope: input.scope, services: input.services }),
  },
  async ({ tx, data: { url, description, format, scope, services }, audit }) => {
    const allowPrivate = env().WEBHOOK_ALLOW_PRIVATE;
    const insecure = isChatFormat(format) ? chatUrlProblem(url, allowPrivate) : null;
    if (insecure) throw new MutationError("invalid", CHECK_FIELDS, { url: insecure });
    // An address written as a private IP is refused now, as the send would; a name is checked when it resolves, at each send.
    const host = new URL(url).hostname.replace(/^\[|\]$/g, "");
    if (!allowPrivate && isPrivateAddress(host)) throw new MutationError("invalid", CHECK_FIELDS, { url: `${host} is a private or loopback address; set WEBHOOK_ALLOW_PRIVATE=true to allow it.` });
    const known = scope === "all" ? [] : await tx.service.findMany({ where: { id: { in: services } }, select: { id: true } });
    if (scope === "some" && known.length !== services.length) throw new MutationError("invalid", "One of the services no longer exists. Reload the page.");
    const endpoint = await tx.webhookEndpoint.create({
      data: { url, description, format, secret: await seal(newWebhookSecret()), allServices: scope === "all", services: { create: known.map((service) => ({ serviceId: service.id })) } },
    });
    await audit({ action: "webhook_added", entityId: endpoint.id, after: { url, description, format, services: scope === "all" ? "all" : services } });
    const what = isChatFormat(format) ? `posted to ${url} as a ${WEBHOOK_FORMAT_LABELS[format]} message` : `POSTed to ${url}`;
    const hint = formatHostHint(format, url);
    return { message: `Added. Every published update${scope === "all" ? "" : " about the chosen services"} will be ${what}.${hint ? ` Note: ${hint}` : ""}` };
  },
);

const NOT_KNOWN = "That endpoint is not known.";
const GONE = "That endpoint no longer exists. Reload the page.";
/** The buttons post only the endpoint's id and intent: a refusal has nothing to hand back. */
const button = { role: "admin", audit: "webhook", values: false, invalid: NOT_KNOWN } as const;

async function endpointToChange(tx: Tx, endpointId: string) {
  const endpoint = await tx.webhookEndpoint.findUnique({ where: { id: endpointId } });
  if (!endpoint) throw new MutationError("not_found", GONE);
  return endpoint;
}

export const switchWebhook = mutation({ ...button, schema: webhookSwitchSchema }, async ({ tx, data, audit }) => {
  const endpoint = await endpointToChange(tx, data.endpointId);
  const enabled = data.intent === "enable";
  await tx.webhookEndpoint.update({ where: { id: endpoint.id }, data: { enabled, consecutiveFailures: 0, disabledReason: enabled ? null : "Switched off by an admin." } });
  await audit({ action: enabled ? "webhook_enabled" : "webhook_disabled", entityId: endpoint.id, before: { enabled: endpoint.enabled }, after: { enabled } });
  return { message: enabled ? `${endpoint.url} is on again; new updates will reach it.` : `${endpoint.url} is switched off.` };
});

export const rotateWebhookSecret = mutation({ ...button, schema: webhookIdSchema }, async ({ tx, data, audit }) => {
  const endpoint = await endpointToChange(tx, data.endpointId);
  await tx.webhookEndpoint.update({ where: { id: endpoint.id }, data: { secret: await seal(newWebhookSecret()) } });
  await audit({ action: "webhook_secret_rotated", entityId: endpoint.id });
  return { message: "New signing secret made: give it to the receiver; the old one no longer signs." };
});

export const deleteWebhook = mutation({ ...button, schema: webhookIdSchema }, async ({ tx, data, audit }) => {
  const endpoint = await endpointToChange(tx, data.endpointId);
  await tx.webhookEndpoint.delete({ where: { id: endpoint.id } });
  await audit({ action: "webhook_deleted", entityId: endpoint.id, before: { url: endpoint.url } });
  return { message: `Deleted ${endpoint.url}.` };
});

export const WEBHOOK_TESTS_PER_MINUTE = 5;

/**
 * POSTs a signed `test` event to one endpoint now, so an admin setting up a receiver
 * sees at once whether it is reached and accepts the signature. It is not a delivery:
 * no Delivery row, no retry, no effect on the endpoint's failure count.
 * Nor is it a mutation(): it writes nothing but its audit entry, and the POST may take
 * up to WEBHOOK_TIMEOUT_MS, too long to hold a transaction open. It keeps the same
 * order (authorise, validate, act, audit) and answers the same way.
 */
export async function testWebhook(actor: Actor | null, input: Record<string, unknown>): Promise<FormState> {
  const who = authorize(actor, "admin");
  try {
    const { endpointId } = parseInput(webhookIdSchema, input, NOT_KNOWN);
    const endpoint = await db().webhookEndpoint.findUnique({ where: { id: endpointId } });
    if (!endpoint) throw new MutationError("not_found", GONE);
    if (endpoint.addedByReader && !endpoint.confirmedAt) throw new MutationError("invalid", "Nothing but its confirmation is sent to a reader's channel until someone there confirms it.");
    // Per endpoint, and per admin so that more endpoints to one target do not mean more tests.
    const allowed = (await allow(`webhook-test:${endpoint.id}`, WEBHOOK_TESTS_PER_MINUTE, 60_000)) && (await allow(`webhook-test:actor:${who.id}`, 4 * WEBHOOK_TESTS_PER_MINUTE, 60_000));
    if (!allowed) {
      throw new MutationError("rate_limited", `At most ${WEBHOOK_TESTS_PER_MINUTE} tests a minute per endpoint, and ${4 * WEBHOOK_TESTS_PER_MINUTE} in all. Try again in a minute.`);
    }
    const id = `msg_test_${randomBytes(12).toString("base64url")}`;
    const settings = await getPageSettings();
    const format = webhookFormat(endpoint.format);
    // A chat channel gets a message in its own format, unsigned, as its deliveries are.
    const body = isChatFormat(format) ? chatTestBody(format, { name: settings.name, url: settings.url }) : testWebhookBody(settings);
    const started = performance.now();
    let outcome: FormState;
    try {
      const { status, problem } = await sendWebhook({ url: endpoint.url, secret: isChatFormat(format) ? null : endpoint.secret }, { id, body });
      outcome = problem
        ? { ok: false, error: `The test was not accepted: ${problem}.` }
        : { ok: true, message: `Test delivered: ${new URL(endpoint.url).host} answered HTTP ${status} in ${Math.round(performance.now() - started)} ms.` };
    } catch (error) {
      outcome = { ok: false, error: `The test was not delivered: ${(error as Error).message}` };
    }
    await audit(db(), { actor: who, action: "webhook_tested", entityType: "webhook", entityId: endpoint.id, after: { delivered: outcome.ok, webhookId: id } });
    return outcome;
  } catch (error) {
    if (error instanceof MutationError) return refusal(error);
    throw error;
  }
}

const byIntent: Record<WebhookIntent, (actor: Actor | null, input: Record<string, unknown>) => Promise<FormState>> = {
  enable: switchWebhook,
  disable: switchWebhook,
  rotate: rotateWebhookSecret,
  delete: deleteWebhook,
  test: testWebhook,
};

/** The buttons beside an endpoint post one form; its `intent` picks what runs. */
export async function changeWebhook(actor: Actor | null, input: Record<string, unknown>): Promise<FormState> {
  // The role before anything is read; each of them checks it again.
  authorize(actor, "admin");
  const parsed = webhookIntentSchema.safeParse(input);
  if (!parsed.success) return { ok: false, error: "Choose what to do." };
  return byIntent[parsed.data.intent](actor, input);
}
