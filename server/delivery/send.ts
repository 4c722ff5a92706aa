import "server-only";
import { env } from "@/lib/env";
import { webhookHeaders } from "@/lib/webhook-signature";
import { WEBHOOK_TIMEOUT_MS } from "@/server/delivery/constants";
import type { Mailer } from "@/server/delivery/mailer";
import { mailFooter, messageKey, type NotificationContent } from "@/server/delivery/notification-content";
import { postWebhook, undelivered } from "@/server/delivery/webhook-post";
import { unseal } from "@/server/secret-box";
import { mailDomain, manageUrl, unsubscribeUrl, type LinkContext } from "@/server/subscriptions";

// The two senders: one notification's mail (an update or a postmortem) to one subscriber,
// and one signed webhook POST, which deliveries and the console's "Send a test" both use.

/** Resolves once the mail server accepted the mail; rejects with a MailError. */
export async function sendNotificationMail(mail: Mailer, subscriber: { id: string; email: string; manageNonce: string; locale: string | null }, content: NotificationContent, links: LinkContext): Promise<void> {
  const unsubscribe = unsubscribeUrl(subscriber, links);
  const body = mailFooter(content, { manage: manageUrl(subscriber, links), unsubscribe });
  await mail.send({
    from: env().MAIL_FROM,
    to: subscriber.email,
    subject: content.subject,
    text: body.text,
    html: body.html,
    // The same id on every attempt: a repeat after a crash is recognisably the same message.
    messageId: `<${messageKey(content.about)}.${subscriber.id}@${mailDomain(links)}>`,
    headers: {
      "List-Unsubscribe": `<${unsubscribe}>`,
      "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
      "Auto-Submitted": "auto-generated",
      // What the mail tells, for a reader's filters.
      ...(content.about.kind === "update" ? { "X-Herald-Update": content.about.updateId } : { "X-Herald-Postmortem": content.about.incidentId }),
    },
  });
}

export interface WebhookAnswer {
  status: number;
  /** Why the answer does not count as delivered (only 2xx does); null when it does. */
  problem: string | null;
}

/**
 * Signs `body` with the endpoint's sealed secret (Standard Webhooks, lib/webhook-signature.ts)
 * and POSTs it. `id` is the webhook-id: the same on every retry of one delivery.
 * Resolves with the receiver's answer; rejects with a WebhookError when it was not
 * reached, or a SealError when this server cannot open the secret.
 * A null secret posts plain JSON: chat services (Slack, Discord, Teams) check no signature.
 */
export async function sendWebhook(
  endpoint: { url: string; secret: string | null },
  { id, body }: { id: string; body: string },
  { timeoutMs = WEBHOOK_TIMEOUT_MS, allowPrivate = env().WEBHOOK_ALLOW_PRIVATE }: { timeoutMs?: number; allowPrivate?: boolean } = {},
): Promise<WebhookAnswer> {
  const url = new URL(endpoint.url);
  const headers = endpoint.secret === null ? { "content-type": "application/json", "user-agent": "Herald-Webhooks/1.0" } : webhookHeaders(await unseal(endpoint.secret), id, body);
  const status = await postWebhook(url, headers, body, { timeoutMs, allowPrivate });
  return { status, problem: undelivered(url, status) };
}
