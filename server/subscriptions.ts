import "server-only";
import type { SubscriptionView } from "@/lib/views/subscriptions";
import { stripBidiControls } from "@/lib/bidi";
import { createHash, randomBytes } from "node:crypto";
import { env } from "@/lib/env";
import type { z } from "zod";
import { CATALOGS } from "@/lib/i18n/catalogs";
import { formatList, localeOr, type Locale } from "@/lib/i18n/locales";
import { localizedPath } from "@/lib/i18n/routing";
import { translator } from "@/lib/i18n/translator";
import type { FormState, MutationResult } from "@/lib/schemas/forms";
import { manageSchema, subscribeSchema, subscriberLanguageSchema } from "@/lib/schemas/subscriptions";
import { checkLink, parseLink, signLink, type LinkCheck } from "@/lib/signed-link";
import { db, writeTransaction, isDatabaseUnavailable, type Tx } from "@/server/db";
import type { MailMessage } from "@/server/delivery/mailer";
import { CHECK_FIELDS, mutation, MutationError, parseInput, refusal } from "@/server/mutation";
import { allow } from "@/server/rate-limit";
import { serverSecret } from "@/server/secrets";
import { getPageSettings } from "@/server/settings";

// Email subscriptions with double opt-in. Nothing but a confirmation is mailed until
// its link is followed; the answer to a subscribe request never tells whether the
// address was known (not in words, nor in time: the mail is sent later by the worker);
// unsubscribing deletes the address.

export const CONFIRM_LINK_HOURS = 48;
export const SUBSCRIBE_LIMITS = {
  /** Mails one address can be sent by the form per window (silently capped). */
  perAddress: 3,
  /** Requests one client can make per window (refused with a message). */
  perClient: 20,
  windowMs: 60 * 60_000,
};

const SAME_ANSWER = "Thanks. Check your inbox: we sent a link to confirm. Nothing else will be sent until you follow it.";

const nonce = () => randomBytes(16).toString("base64url");
const hashed = (value: string) => createHash("sha256").update(value).digest("base64url");

async function linkKey() {
  return serverSecret("subscriber-links");
}

/**
 * Links in mail lead to the page's public address (Settings), as the feeds' links do, in
 * the subscriber's language: under its prefix unless it is the page's default language.
 */
export interface LinkContext {
  key: string;
  base: string;
  defaultLocale: Locale;
}

export async function linkContext(): Promise<LinkContext> {
  const [key, settings] = await Promise.all([linkKey(), getPageSettings()]);
  return { key, base: settings.url.replace(/\/+$/, ""), defaultLocale: settings.defaultLocale };
}

/** The language a subscriber's mails are written in: their choice, else the page's default language now. */
export function mailLocale(subscriber: { locale: string | null }, { defaultLocale }: { defaultLocale: Locale }): Locale {
  return localeOr(subscriber.locale, defaultLocale);
}

type LinkedSubscriber = { id: string; manageNonce: string; locale: string | null };

/** The absolute address of the unprefixed public `path` in the subscriber's language. */
export function subscriberAddress(path: string, subscriber: { locale: string | null }, links: LinkContext): string {
  return `${links.base}${localizedPath(path, mailLocale(subscriber, links), links.defaultLocale)}`;
}

/** The domain of the page's address, for Message-IDs. */
export function mailDomain({ base }: LinkContext): string {
  return new URL(base).hostname || "herald.invalid";
}

export function manageUrl(subscriber: LinkedSubscriber, links: LinkContext): string {
  return `${subscriberAddress("/subscriptions/manage", subscriber, links)}?token=${signLink(links.key, "manage", subscriber.id, subscriber.manageNonce)}`;
}

/** The RFC 8058 one-click address: a POST to it unsubscribes. */
export function unsubscribeUrl(subscriber: LinkedSubscriber, links: LinkContext): string {
  return `${subscriberAddress("/subscriptions/unsubscribe", subscriber, links)}?token=${signLink(links.key, "manage", subscriber.id, subscriber.manageNonce)}`;
}

/**
 * The public subscribe form. The pipeline's steps (anyone may ask; the form's schema;
 * refusals as a MutationResult), but not its one transaction: the rate limits must count
 * even the requests they refuse, and a race for a new address retries the transaction.
 * Nothing is audited (addresses stay out of the log) and nothing public changes.
 */
export async function subscribe(input: Record<string, unknown>, client: { address: string }): Promise<MutationResult> {
  const values = { email: typeof input.email === "string" ? input.email.slice(0, 254) : "", locale: input.locale, scope: input.scope, services: input.services };
  try {
    return await subscribeParsed(parseInput(subscribeSchema, input), client);
  } catch (error) {
    if (error instanceof MutationError) return refusal(error, values);
    throw error;
  }
}

async function subscribeParsed({ email, locale, scope, services }: z.output<typeof subscribeSchema>, client: { address: string }): Promise<MutationResult> {
  if (!(await allow(`subscribe:client:${client.address || "unknown"}`, SUBSCRIBE_LIMITS.perClient, SUBSCRIBE_LIMITS.windowMs))) {
    throw new MutationError("rate_limited", "Too many subscription requests from your network. Please try again in an hour.");
  }
  // Past the per-address cap the answer stays the same, so it reveals nothing.
  if (!(await allow(`subscribe:address:${hashed(email)}`, SUBSCRIBE_LIMITS.perAddress, SUBSCRIBE_LIMITS.windowMs))) {
    return { ok: true, message: SAME_ANSWER };
  }

  const allServices = scope === "all";
  const chosen = allServices ? [] : await db().service.findMany({ where: { id: { in: services }, hidden: false }, select: { id: true, name: true } });
  if (!allServices && chosen.length === 0) {
    throw new MutationError("invalid", CHECK_FIELDS, { services: "Those services no longer exist. Reload the page and choose again." });
  }

  // The mail itself is owed, not sent: the worker sends it (server/delivery/owed-mail.ts), so this
  // answers at once and alike for known and new addresses, and an SMTP outage only delays it.
  const owed = { mailKind: "confirm", mailDueAt: new Date(), mailAttempts: 0, mailClaim: null };
  const save = () =>
    writeTransaction(async (tx) => {
      const existing = await tx.subscriber.findUnique({ where: { email } });
      // A confirmed subscriber's choice is changed only through their own manage link. An
      // address's language too, confirmed or not: anyone can fill in the form with any
      // address, and its mails (this one included) stay in the language it chose.
      if (existing?.confirmedAt) return tx.subscriber.update({ where: { id: existing.id }, data: { ...owed, mailKind: "already" } });
      const data = { ...owed, allServices, confirmNonce: nonce(), services: { create: chosen.map((service) => ({ serviceId: service.id })) } };
      if (existing) {
        await tx.subscriberService.deleteMany({ where: { subscriberId: existing.id } });
        return tx.subscriber.update({ where: { id: existing.id }, data });
      }
      return tx.subscriber.create({ data: { ...data, email, locale: locale ?? null, manageNonce: nonce() } });
    });
  // Two requests for a new address at once: the second finds the first's row on a second try.
  await save().catch((error) => ((error as { code?: string }).code === "P2002" ? save() : Promise.reject(error)));
  return { ok: true, message: SAME_ANSWER };
}

export type OwedMailKind = "confirm" | "already";

/** The mail the subscribe form owes an address, in its language; null when it is no longer owed (confirmed since). */
export function owedMail(
  subscriber: LinkedSubscriber & { email: string; confirmNonce: string | null; confirmedAt: Date | null; allServices: boolean; services: { service: { name: string; translations?: { locale: string; name: string }[] } }[] },
  kind: OwedMailKind,
  pageName: string,
  links: LinkContext,
): MailMessage | null {
  const locale = mailLocale(subscriber, links);
  const t = translator(locale);
  const page = stripBidiControls(pageName);
  const base = { from: env().MAIL_FROM, to: subscriber.email, headers: { "Auto-Submitted": "auto-generated" } };
  // Paragraphs, each followed by a blank line; the last line ends the mail.
  const lines = (...paragraphs: string[][]) => paragraphs.map((paragraph) => paragraph.join("\n")).join("\n\n") + "\n";
  if (kind === "already") {
    return {
      ...base,
      subject: t("mail.already.subject", { page }),
      text: lines([t("mail.already.intro", { page })], [t("mail.already.manage"), manageUrl(subscriber, links)], [t("mail.already.ignore")]),
    };
  }
  if (subscriber.confirmedAt || !subscriber.confirmNonce) return null;
  const expires = Math.floor(Date.now() / 1000) + CONFIRM_LINK_HOURS * 3600;
  const link = `${subscriberAddress("/subscriptions/confirm", subscriber, links)}?token=${signLink(links.key, "confirm", subscriber.id, subscriber.confirmNonce, expires)}`;
  // Each service in the mail's language where it has been translated (the Services page).
  const names = subscriber.services.map(({ service }) => stripBidiControls(service.translations?.find((translation) => translation.locale === locale)?.name ?? service.name));
  const scope = subscriber.allServices ? t("mail.confirm.everyService") : formatList(names, locale);
  return {
    ...base,
    // The same for every try of one request (its nonce), so a repeat is recognisably the same mail.
    messageId: `<confirm-${subscriber.id}.${subscriber.confirmNonce}@${mailDomain(links)}>`,
    subject: t("mail.confirm.subject", { page }),
    text: lines([t("mail.confirm.intro", { page, scope })], [t("mail.confirm.action", { hours: CONFIRM_LINK_HOURS }), link], [t("mail.confirm.ignore")]),
  };
}

async function findByLink(token: unknown, purpose: "confirm" | "manage", database: Pick<Tx, "subscriber"> = db()) {
  const link = parseLink(token);
  if (!link) return { check: "invalid" as LinkCheck, subscriber: null };
  const subscriber = await database.subscriber.findUnique({ where: { id: link.subscriberId }, include: { services: true } });
  if (!subscriber) return { check: "invalid" as LinkCheck, subscriber: null };
  const check = checkLink(await linkKey(), purpose, link, purpose === "confirm" ? subscriber.confirmNonce : subscriber.manageNonce);
  return { check, subscriber: check === "valid" ? subscriber : null };
}

async function view(subscriber: { id: string; email: string; confirmedAt: Date | null; allServices: boolean; locale: string | null; services: { serviceId: string }[] }): Promise<SubscriptionView> {
  return {
    locale: mailLocale(subscriber, await getPageSettings()),
    id: subscriber.id,
    email: subscriber.email,
    confirmed: subscriber.confirmedAt !== null,
    allServices: subscriber.allServices,
    serviceIds: subscriber.services.map((link) => link.serviceId),
  };
}

/** What a confirmation link would confirm, without using it (GET must not change anything). */
export async function previewConfirmation(token: unknown): Promise<{ check: LinkCheck; subscription: SubscriptionView | null }> {
  const { check, subscriber } = await findByLink(token, "confirm");
  return { check, subscription: subscriber && (await view(subscriber)) };
}

// Confirming and unsubscribing are links followed, not forms: the signed token is the
// whole input and the whole authority, so they stay outside the mutation pipeline. Each
// is one conditional statement (a link works once), with no audit entry (a subscriber
// acts on their own address, and addresses stay out of the log) and no public change.

export async function confirmSubscription(token: unknown): Promise<FormState & { manage?: string }> {
  const { check, subscriber } = await findByLink(token, "confirm");
  if (!subscriber) {
    return {
      ok: false,
      error: check === "expired" ? "This link has expired. Subscribe again to get a new one." : "This link is not valid, or was already used. If you confirmed already, you are subscribed.",
    };
  }
  // Clearing the nonce in the same statement makes the link single-use, even when two clicks race.
  const used = await db().subscriber.updateMany({ where: { id: subscriber.id, confirmNonce: subscriber.confirmNonce }, data: { confirmNonce: null, confirmedAt: new Date(), mailKind: null, mailDueAt: null, mailClaim: null, mailAttempts: 0 } });
  if (used.count === 0) return { ok: false, error: "This link was already used. You are subscribed." };
  return { ok: true, message: `Confirmed: ${subscriber.email} will get our status updates.`, manage: manageUrl(subscriber, await linkContext()) };
}

export async function findSubscription(token: unknown): Promise<SubscriptionView | null> {
  const { subscriber } = await findByLink(token, "manage");
  return subscriber && (await view(subscriber));
}

const LINK_GONE = "This link is no longer valid: you may have unsubscribed. Subscribe again from the status page.";

/**
 * A subscriber's new choice of services, from their manage page. A pipeline mutation open
 * to anyone: the signed link in the form is what authorises it. Not audited (the
 * subscriber's own choice; addresses stay out of the log) and nothing public changes.
 */
export const updateSubscription = mutation(
  // The token is not sent back on a refusal.
  { role: "anyone", schema: manageSchema, values: (input) => ({ scope: input.scope, services: input.services }) },
  async ({ tx, data }) => {
    const { subscriber } = await findByLink(data.token, "manage", tx);
    if (!subscriber) throw new MutationError("forbidden", LINK_GONE);
    const allServices = data.scope === "all";
    const chosen = allServices ? [] : await tx.service.findMany({ where: { id: { in: data.services }, hidden: false }, select: { id: true } });
    if (!allServices && chosen.length === 0) throw new MutationError("invalid", CHECK_FIELDS, { services: "Those services no longer exist. Reload and choose again." });
    await tx.subscriberService.deleteMany({ where: { subscriberId: subscriber.id } });
    await tx.subscriber.update({ where: { id: subscriber.id }, data: { allServices, services: { create: chosen.map((service) => ({ serviceId: service.id })) } } });
    return { message: "Saved. You will hear about the services you chose." };
  },
);

/**
 * A subscriber's new language for mails, from their manage page, authorised like
 * updateSubscription by the signed link. Says so in the language chosen (`locale`, for
 * the message's lang attribute).
 */
export const updateSubscriberLanguage = mutation(
  { role: "anyone", schema: subscriberLanguageSchema, values: (input) => ({ locale: input.locale }) },
  async ({ tx, data }) => {
    const { subscriber } = await findByLink(data.token, "manage", tx);
    if (!subscriber) throw new MutationError("forbidden", LINK_GONE);
    await tx.subscriber.update({ where: { id: subscriber.id }, data: { locale: data.locale } });
    return { message: translator(data.locale)("subscriberLanguage.saved", { language: CATALOGS[data.locale].meta.language }), locale: data.locale };
  },
);

/** Deletes the subscriber behind a manage link; true when there was one. */
export async function unsubscribe(token: unknown): Promise<boolean> {
  const { subscriber } = await findByLink(token, "manage");
  if (!subscriber) return false;
  await db().subscriber.deleteMany({ where: { id: subscriber.id } });
  return true;
}

/**
 * unsubscribe() for the List-Unsubscribe address: "unavailable" rather than an error while
 * the database cannot be reached, so the link can say to try again instead of failing.
 */
export async function unsubscribeFromLink(token: unknown): Promise<"unsubscribed" | "unavailable"> {
  try {
    await unsubscribe(token);
    return "unsubscribed";
  } catch (error) {
    if (!isDatabaseUnavailable(error)) throw error;
    return "unavailable";
  }
}
