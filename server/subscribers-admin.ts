import "server-only";
import { randomBytes } from "node:crypto";
import { env } from "@/lib/env";
import { fieldErrorsOf, type FormState } from "@/lib/schemas/forms";
import { subscriberIdSchema, webhookIdSchema, webhookSchema } from "@/lib/schemas/subscriptions";
import { newWebhookSecret, webhookHeaders } from "@/lib/webhook-signature";
import { audit } from "@/server/audit";
import { authorize, type Actor } from "@/server/auth";
import { db } from "@/server/db";
import { seal, SealError, unseal } from "@/server/secret-box";
import { webhookPage } from "@/server/notification-content";
import { allow } from "@/server/rate-limit";
import { getPageSettings } from "@/server/settings";
import { postWebhook, undelivered } from "@/server/webhook-post";
import { WEBHOOK_TIMEOUT_MS } from "@/server/worker-constants";

// What admins see and do about subscribers, webhook endpoints and deliveries.
// Subscriber addresses appear only here, behind the admin role, and in the audited export.

const PAGE = 50;

/** The chosen services' names, loaded with a subscriber or endpoint. */
const withServiceNames = { services: { include: { service: { select: { name: true } } } } } as const;

/** Null for "all services", else the names of the chosen ones. */
function chosenServices(row: { allServices: boolean; services: { service: { name: string } }[] }): string[] | null {
  return row.allServices ? null : row.services.map((link) => link.service.name);
}

export interface SubscriberRow {
  id: string;
  email: string;
  confirmedAt: Date | null;
  /** The subscribe form's mail to this address is not sent yet. */
  mailWaiting: boolean;
  createdAt: Date;
  services: string[] | null;
}

export async function subscriberCounts(actor: Actor | null) {
  authorize(actor, "admin");
  const [confirmed, unconfirmed, mailsWaiting] = await Promise.all([
    db().subscriber.count({ where: { confirmedAt: { not: null } } }),
    db().subscriber.count({ where: { confirmedAt: null } }),
    db().subscriber.count({ where: { mailKind: { not: null } } }),
  ]);
  return { confirmed, unconfirmed, mailsWaiting };
}

/** One page of subscribers, newest last, optionally matching part of an address. */
export async function listSubscribers(actor: Actor | null, { query = "", after }: { query?: string; after?: string }): Promise<{ rows: SubscriberRow[]; next: string | null }> {
  authorize(actor, "admin");
  const rows = await db().subscriber.findMany({
    where: { ...(query ? { email: { contains: query.toLowerCase().slice(0, 254) } } : {}), ...(after ? { id: { gt: after } } : {}) },
    orderBy: { id: "asc" },
    take: PAGE + 1,
    include: withServiceNames,
  });
  return {
    rows: rows.slice(0, PAGE).map((row) => ({
      id: row.id,
      email: row.email,
      confirmedAt: row.confirmedAt,
      mailWaiting: row.mailKind !== null,
      createdAt: row.createdAt,
      services: chosenServices(row),
    })),
    next: rows.length > PAGE ? rows[PAGE - 1].id : null,
  };
}

export async function removeSubscriber(actor: Actor | null, input: Record<string, unknown>): Promise<FormState> {
  const who = authorize(actor, "admin");
  const parsed = subscriberIdSchema.safeParse(input);
  if (!parsed.success) return { ok: false, error: "That subscriber is not known." };
  return db().$transaction(async (tx) => {
    const subscriber = await tx.subscriber.findUnique({ where: { id: parsed.data.subscriberId } });
    if (!subscriber) return { ok: true, message: "Already removed." };
    await tx.subscriber.delete({ where: { id: subscriber.id } });
    await audit(tx, { actorId: who.id, action: "subscriber_removed", entityType: "subscriber", entityId: subscriber.id, before: { email: subscriber.email } });
    return { ok: true, message: `${subscriber.email} is removed and will get nothing more.` };
  });
}

/** A spreadsheet cell that cannot be read as a formula (CSV injection), quoted per RFC 4180. */
export function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** Streams every subscriber as CSV, a page at a time, and records who exported it. */
export async function exportSubscribers(actor: Actor | null): Promise<ReadableStream<Uint8Array>> {
  const who = authorize(actor, "admin");
  await db().$transaction((tx) => audit(tx, { actorId: who.id, action: "subscribers_exported", entityType: "subscriber", entityId: "*" }));
  const encoder = new TextEncoder();
  let after = "";
  let header = true;
  return new ReadableStream({
    async pull(controller) {
      if (header) {
        header = false;
        controller.enqueue(encoder.encode("email,status,services,subscribed_at,confirmed_at\r\n"));
        return;
      }
      const rows = await db().subscriber.findMany({
        where: { id: { gt: after } },
        orderBy: { id: "asc" },
        take: 2_000,
        include: withServiceNames,
      });
      if (rows.length === 0) return controller.close();
      after = rows[rows.length - 1].id;
      const lines = rows.map((row) =>
        [
          row.email,
          row.confirmedAt ? "confirmed" : "unconfirmed",
          chosenServices(row)?.join("; ") ?? "all",
          row.createdAt.toISOString(),
          row.confirmedAt?.toISOString() ?? "",
        ]
          .map(csvCell)
          .join(","),
      );
      controller.enqueue(encoder.encode(lines.join("\r\n") + "\r\n"));
    },
  });
}

export interface WebhookView {
  id: string;
  url: string;
  description: string;
  secret: string;
  enabled: boolean;
  disabledReason: string | null;
  consecutiveFailures: number;
  services: string[] | null;
  /** Why this server cannot open the secret, if it cannot (a new secret fixes that). */
  secretUnreadable?: string;
  recent: { id: number; title: string; status: string; attempts: number; lastError: string | null; responseStatus: number | null; sentAt: Date | null; nextAttemptAt: Date | null }[];
}

export async function listWebhooks(actor: Actor | null): Promise<WebhookView[]> {
  authorize(actor, "admin");
  const endpoints = await db().webhookEndpoint.findMany({
    orderBy: { createdAt: "asc" },
    include: {
      ...withServiceNames,
      deliveries: { orderBy: { id: "desc" }, take: 10, include: { notification: { select: { update: { select: { incident: { select: { title: true } } } } } } } },
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
    url: endpoint.url,
    description: endpoint.description,
    ...secrets[index],
    enabled: endpoint.enabled,
    disabledReason: endpoint.disabledReason,
    consecutiveFailures: endpoint.consecutiveFailures,
    services: chosenServices(endpoint),
    recent: endpoint.deliveries.map((delivery) => ({
      id: delivery.id,
      title: delivery.notification.update.incident.title,
      status: delivery.status,
      attempts: delivery.attempts,
      lastError: delivery.lastError,
      responseStatus: delivery.responseStatus,
      sentAt: delivery.sentAt,
      nextAttemptAt: delivery.status === "pending" ? delivery.nextAttemptAt : null,
    })),
  }));
}

export async function addWebhook(actor: Actor | null, input: Record<string, unknown>): Promise<FormState> {
  const who = authorize(actor, "admin");
  const parsed = webhookSchema.safeParse(input);
  const values = { url: input.url, description: input.description, scope: input.scope, services: input.services };
  if (!parsed.success) return { ok: false, error: "Check the highlighted fields.", fieldErrors: fieldErrorsOf(parsed.error), values };
  const { url, description, scope, services } = parsed.data;
  const secret = await seal(newWebhookSecret());
  return db().$transaction(async (tx) => {
    const known = scope === "all" ? [] : await tx.service.findMany({ where: { id: { in: services } }, select: { id: true } });
    if (scope === "some" && known.length !== services.length) return { ok: false, error: "One of the services no longer exists. Reload the page.", values };
    const endpoint = await tx.webhookEndpoint.create({
      data: { url, description, secret, allServices: scope === "all", services: { create: known.map((service) => ({ serviceId: service.id })) } },
    });
    await audit(tx, { actorId: who.id, action: "webhook_added", entityType: "webhook", entityId: endpoint.id, after: { url, description, services: scope === "all" ? "all" : services } });
    return { ok: true, message: `Added. Every published update${scope === "all" ? "" : " about the chosen services"} will be POSTed to ${url}.` };
  });
}

export async function changeWebhook(actor: Actor | null, input: Record<string, unknown>): Promise<FormState> {
  const who = authorize(actor, "admin");
  const parsed = webhookIdSchema.safeParse(input);
  if (!parsed.success) return { ok: false, error: "That endpoint is not known." };
  const intent = input.intent;
  if (intent === "test") return testWebhook(who, parsed.data.endpointId);
  const secret = intent === "rotate" ? await seal(newWebhookSecret()) : "";
  return db().$transaction(async (tx) => {
    const endpoint = await tx.webhookEndpoint.findUnique({ where: { id: parsed.data.endpointId } });
    if (!endpoint) return { ok: false, error: "That endpoint no longer exists. Reload the page." };
    if (intent === "delete") {
      await tx.webhookEndpoint.delete({ where: { id: endpoint.id } });
      await audit(tx, { actorId: who.id, action: "webhook_deleted", entityType: "webhook", entityId: endpoint.id, before: { url: endpoint.url } });
      return { ok: true, message: `Deleted ${endpoint.url}.` };
    }
    if (intent === "enable" || intent === "disable") {
      const enabled = intent === "enable";
      await tx.webhookEndpoint.update({ where: { id: endpoint.id }, data: { enabled, consecutiveFailures: 0, disabledReason: enabled ? null : "Switched off by an admin." } });
      await audit(tx, { actorId: who.id, action: enabled ? "webhook_enabled" : "webhook_disabled", entityType: "webhook", entityId: endpoint.id, before: { enabled: endpoint.enabled }, after: { enabled } });
      return { ok: true, message: enabled ? `${endpoint.url} is on again; new updates will reach it.` : `${endpoint.url} is switched off.` };
    }
    if (intent === "rotate") {
      await tx.webhookEndpoint.update({ where: { id: endpoint.id }, data: { secret } });
      await audit(tx, { actorId: who.id, action: "webhook_secret_rotated", entityType: "webhook", entityId: endpoint.id });
      return { ok: true, message: "New signing secret made: give it to the receiver; the old one no longer signs." };
    }
    return { ok: false, error: "Choose what to do." };
  });
}

export const WEBHOOK_TESTS_PER_MINUTE = 5;

/**
 * POSTs a signed `test` event to one endpoint now, so an admin setting up a receiver
 * sees at once whether it is reached and accepts the signature. It is not a delivery:
 * no retry, no effect on the endpoint's failure count; audited like every admin action.
 */
async function testWebhook(who: Actor, endpointId: string): Promise<FormState> {
  const endpoint = await db().webhookEndpoint.findUnique({ where: { id: endpointId } });
  if (!endpoint) return { ok: false, error: "That endpoint no longer exists. Reload the page." };
  // Per endpoint, and per admin so that more endpoints to one target do not mean more tests.
  const allowed = (await allow(`webhook-test:${endpoint.id}`, WEBHOOK_TESTS_PER_MINUTE, 60_000)) && (await allow(`webhook-test:actor:${who.id}`, 4 * WEBHOOK_TESTS_PER_MINUTE, 60_000));
  if (!allowed) {
    return { ok: false, error: `At most ${WEBHOOK_TESTS_PER_MINUTE} tests a minute per endpoint, and ${4 * WEBHOOK_TESTS_PER_MINUTE} in all. Try again in a minute.` };
  }
  const url = new URL(endpoint.url);
  const id = `msg_test_${randomBytes(12).toString("base64url")}`;
  const body = JSON.stringify({ meta: { event: "test", generated_at: new Date().toISOString() }, page: webhookPage(await getPageSettings()) });
  const started = performance.now();
  let outcome: FormState;
  try {
    const status = await postWebhook(url, webhookHeaders(await unseal(endpoint.secret), id, body), body, { timeoutMs: WEBHOOK_TIMEOUT_MS, allowPrivate: env().WEBHOOK_ALLOW_PRIVATE });
    const problem = undelivered(url, status);
    outcome = problem
      ? { ok: false, error: `The test was not accepted: ${problem}.` }
      : { ok: true, message: `Test delivered: ${url.host} answered HTTP ${status} in ${Math.round(performance.now() - started)} ms.` };
  } catch (error) {
    outcome = { ok: false, error: `The test was not delivered: ${(error as Error).message}` };
  }
  await audit(db(), { actorId: who.id, action: "webhook_tested", entityType: "webhook", entityId: endpoint.id, after: { delivered: outcome.ok, webhookId: id } });
  return outcome;
}

export interface DeliveryProgress {
  notificationId: string;
  incidentId: string;
  title: string;
  updateStatus: string;
  /** ISO 8601, so the page and its live JSON refresh hand the browser the same rows. */
  publishedAt: string;
  fannedOut: boolean;
  counts: { sent: number; pending: number; failed: number; skipped: number };
  /** Why deliveries failed or wait for a retry, most common first. */
  reasons: { reason: string; count: number }[];
}

/** Each recent published update's delivery progress (of one incident, if given), for the live admin view. */
export async function deliveryProgress(actor: Actor | null, { take = 20, incidentId }: { take?: number; incidentId?: string } = {}): Promise<DeliveryProgress[]> {
  authorize(actor, "editor");
  const notifications = await db().notification.findMany({
    where: incidentId ? { update: { incidentId } } : {},
    orderBy: { createdAt: "desc" },
    take,
    include: { update: { select: { status: true, incident: { select: { id: true, title: true } } } } },
  });
  const ids = notifications.map((notification) => notification.id);
  const [counts, reasons] = await Promise.all([
    db().delivery.groupBy({ by: ["notificationId", "status"], where: { notificationId: { in: ids } }, _count: { _all: true } }),
    db().delivery.groupBy({
      by: ["notificationId", "lastError"],
      where: { notificationId: { in: ids }, lastError: { not: null }, status: { in: ["failed", "pending"] } },
      _count: { _all: true },
    }),
  ]);
  return notifications.map((notification) => {
    const mine = counts.filter((row) => row.notificationId === notification.id);
    const count = (status: string) => mine.find((row) => row.status === status)?._count._all ?? 0;
    return {
      notificationId: notification.id,
      incidentId: notification.update.incident.id,
      title: notification.update.incident.title,
      updateStatus: notification.update.status,
      publishedAt: notification.createdAt.toISOString(),
      fannedOut: notification.expandedAt !== null,
      counts: { sent: count("sent"), pending: count("pending"), failed: count("failed"), skipped: count("skipped") },
      reasons: reasons
        .filter((row) => row.notificationId === notification.id)
        .map((row) => ({ reason: row.lastError!, count: row._count._all }))
        .sort((a, b) => b.count - a.count)
        .slice(0, 5),
    };
  });
}
