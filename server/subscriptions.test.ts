import { spawn, type ChildProcess } from "node:child_process";
import { createServer, type IncomingMessage, type Server } from "node:http";
import path from "node:path";
import { simpleParser } from "mailparser";
import { Webhook } from "standardwebhooks";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startSmtpSink, type SmtpSink } from "../scripts/smtp-sink";
import type { Actor } from "@/lib/views/actor";
import { db } from "@/server/db";
import { loadDemoStory } from "@/server/demo";
import { mailer } from "@/server/delivery/mailer";
import { openIncident, postUpdate } from "@/server/incident-updates";
import { confirmSubscription, findSubscription, previewConfirmation, subscribe, unsubscribe, updateSubscriberLanguage, updateSubscription } from "@/server/subscriptions";
import { checkHealth } from "@/server/health";
import { OWED_MAIL_MAX_ATTEMPTS } from "@/server/delivery/owed-mail";
import { DeliveryWorker } from "@/server/delivery/worker";

// Subscriptions end to end against a real SMTP server on a socket and a real HTTP
// receiver: double opt-in, per-service choice, unsubscribe, webhook signatures,
// retries, and a worker killed mid-run.

const sink: SmtpSink = await startSmtpSink();
process.env.SMTP_URL = sink.url;
process.env.MAIL_FROM = "Sega Pass Status <status@sega.example>";
process.env.WEBHOOK_ALLOW_PRIVATE = "true";
(globalThis as { heraldMailer?: unknown }).heraldMailer = undefined;

let editor: Actor;
let client = 0;
/** A fresh client address per request, so the per-client limit only bites where a test wants it. */
const someone = () => ({ address: `198.51.100.${++client}` });
const serviceId = async (slug: string) => (await db().service.findUniqueOrThrow({ where: { slug } })).id;
/** The first link to `pathName` in a message's decoded text. */
async function linkIn(message: { raw: string }, pathName: string) {
  const { text } = await simpleParser(message.raw);
  return new RegExp(`https?://\\S+${pathName}\\?token=[\\w.-]+`).exec(text ?? "")?.[0] ?? "";
}
const tokenOf = (link: string) => new URL(link).searchParams.get("token")!;

function quickWorker(options: ConstructorParameters<typeof DeliveryWorker>[0] = {}) {
  return new DeliveryWorker({ pollMs: 20, retryBaseMs: 50, log: () => {}, ...options });
}

/** Runs a worker until nothing is due, then stops it. */
async function drain(worker = quickWorker()) {
  for (let idle = 0; idle < 2; ) {
    const done = (await worker.fanOut()) + (await worker.deliverBatch()) + (await worker.sendOwedMails());
    idle = done === 0 ? idle + 1 : 0;
  }
}

async function subscribeAndConfirm(email: string, services?: string[]) {
  const before = sink.messages.length;
  const result = await subscribe(services ? { email, scope: "some", services } : { email }, someone());
  expect(result.ok).toBe(true);
  await drain();
  const [mail] = (await sink.waitFor(before + 1)).slice(before);
  const confirmed = await confirmSubscription(tokenOf(await linkIn(mail, "/subscriptions/confirm")));
  expect(confirmed.ok).toBe(true);
  return db().subscriber.findUniqueOrThrow({ where: { email } });
}

async function publish(title: string, services: string[]) {
  const result = await openIncident(editor, { title, impact: "minor", status: "investigating", body: `**${title}**: we are looking into it.`, services });
  expect(result.ok).toBe(true);
  const incident = await db().incident.findUniqueOrThrow({ where: { id: result.incidentId }, include: { updates: true } });
  return { incidentId: incident.id, updateId: incident.updates[0].id };
}

beforeAll(async () => {
  await loadDemoStory(db(), "https://status.sega.example");
  const user = await db().user.create({ data: { email: "ops@sega.example", role: "editor", passwordHash: "x" } });
  editor = { id: user.id, email: user.email, name: "", role: "editor", sessionId: "s" };
});

afterAll(async () => {
  // The pooled SMTP connection first, or the server waits for it to leave.
  mailer().close();
  await sink.close();
});

beforeEach(() => {
  sink.refuse.clear();
});

describe("double opt-in", () => {
  it("mails only a confirmation, whose link works once, and answers the same for a known address", async () => {
    const before = sink.messages.length;
    const first = await subscribe({ email: "  Reader@Example.com " }, someone());
    expect(first).toEqual({ ok: true, message: expect.stringMatching(/Check your inbox/) });
    // The form only records that a mail is owed; the worker sends it.
    expect(sink.messages.length).toBe(before);
    await drain();
    const [mail] = (await sink.waitFor(before + 1)).slice(before);
    expect(mail.to).toBe("reader@example.com");
    const parsed = await simpleParser(mail.raw);
    expect(parsed.subject).toBe("Confirm your subscription to Sega Pass status");
    const owedTo = await db().subscriber.findUniqueOrThrow({ where: { email: "reader@example.com" } });
    expect(parsed.messageId).toBe(`<confirm-${owedTo.id}.${owedTo.confirmNonce}@status.sega.example>`);
    const link = await linkIn(mail, "/subscriptions/confirm");
    expect(link.startsWith("https://status.sega.example/subscriptions/confirm?token=")).toBe(true);

    const subscriber = await db().subscriber.findUniqueOrThrow({ where: { email: "reader@example.com" } });
    expect(subscriber.confirmedAt).toBeNull();
    // Looking at the link changes nothing (mail scanners fetch links).
    expect((await previewConfirmation(tokenOf(link))).subscription).toMatchObject({ email: "reader@example.com", confirmed: false });

    const again = await subscribe({ email: "reader@example.com" }, someone());
    expect(again).toEqual(first);
    await drain();

    const confirmed = await confirmSubscription(tokenOf(link));
    // The second subscribe made a new link, so the first one no longer works...
    expect(confirmed).toMatchObject({ ok: false });
    const [, second] = sink.messages.slice(before);
    const fresh = tokenOf(await linkIn(second, "/subscriptions/confirm"));
    expect(await confirmSubscription(fresh)).toMatchObject({ ok: true, message: "Confirmed: reader@example.com will get our status updates." });
    // ...and each works once.
    expect(await confirmSubscription(fresh)).toMatchObject({ ok: false });
    expect((await db().subscriber.findUniqueOrThrow({ where: { email: "reader@example.com" } })).confirmedAt).not.toBeNull();

    // A confirmed address gets a manage link, not a change of choice, and the same answer.
    const third = await subscribe({ email: "reader@example.com", scope: "some", services: await serviceId("forums") }, someone());
    expect(third).toEqual(first);
    await drain();
    const [mailAgain] = (await sink.waitFor(before + 3)).slice(before + 2);
    expect(await linkIn(mailAgain, "/subscriptions/manage")).not.toBe("");
    expect((await db().subscriber.findUniqueOrThrow({ where: { email: "reader@example.com" } })).allServices).toBe(true);
  });

  it("refuses expired, forged and malformed links", async () => {
    await subscribe({ email: "late@example.com" }, someone());
    await drain();
    const mail = (await sink.waitFor(1)).find((message) => message.to === "late@example.com")!;
    const token = tokenOf(await linkIn(mail, "/subscriptions/confirm"));
    const [id, , signature] = token.split(".");
    expect(await confirmSubscription(`${id}.1000.${signature}`)).toMatchObject({ ok: false });
    expect(await confirmSubscription(`${id}.9999999999.${"A".repeat(43)}`)).toMatchObject({ ok: false });
    expect(await confirmSubscription("<script>")).toMatchObject({ ok: false });
    expect(await confirmSubscription(undefined)).toMatchObject({ ok: false });
  });

  it("rejects malformed and oversized input with a clear message, storing nothing", async () => {
    const count = await db().subscriber.count();
    expect(await subscribe({ email: "not an address" }, someone())).toMatchObject({ ok: false, fieldErrors: { email: "Enter an email address like name@example.com." } });
    expect(await subscribe({ email: `${"a".repeat(250)}@example.com` }, someone())).toMatchObject({ ok: false, fieldErrors: { email: "That email address is too long." } });
    expect(await subscribe({ email: "x@example.com", scope: "some" }, someone())).toMatchObject({ ok: false, fieldErrors: { services: "Tick at least one service, or choose all services." } });
    expect(await subscribe({ email: "x@example.com", scope: "some", services: "no-such-service" }, someone())).toMatchObject({ ok: false, fieldErrors: { services: expect.stringMatching(/no longer exist/) } });
    expect(await db().subscriber.count()).toBe(count);
  });

  it("answers the same while the mail server refuses, and sends the newest link once it accepts", async () => {
    sink.refuse.set("unlucky@example.com", 450);
    const before = sink.messages.length;
    expect(await subscribe({ email: "unlucky@example.com" }, someone())).toEqual({ ok: true, message: expect.stringMatching(/Check your inbox/) });
    await quickWorker({ retryBaseMs: 60_000 }).sendOwedMails();
    const waiting = await db().subscriber.findUniqueOrThrow({ where: { email: "unlucky@example.com" } });
    expect(waiting).toMatchObject({ mailKind: "confirm", mailAttempts: 1, mailClaim: null });
    expect(waiting.mailDueAt!.getTime()).toBeGreaterThan(Date.now() + 30_000);

    // Asked again meanwhile: one mail, with the newest link, goes out at once.
    sink.refuse.clear();
    await subscribe({ email: "unlucky@example.com" }, someone());
    await drain();
    const sent = sink.messages.slice(before).filter((message) => message.to === "unlucky@example.com");
    expect(sent).toHaveLength(1);
    expect(await confirmSubscription(tokenOf(await linkIn(sent[0], "/subscriptions/confirm")))).toMatchObject({ ok: true });
    expect(await db().subscriber.findUniqueOrThrow({ where: { email: "unlucky@example.com" } })).toMatchObject({ mailKind: null, mailDueAt: null, mailAttempts: 0 });
  });

  it("keeps retrying a mail server that says 'later' for about a day, then gives up", async () => {
    sink.refuse.set("patient@example.com", 450);
    await subscribe({ email: "patient@example.com" }, someone());
    await db().subscriber.update({ where: { email: "patient@example.com" }, data: { mailAttempts: OWED_MAIL_MAX_ATTEMPTS - 2 } });
    const worker = quickWorker({ retryBaseMs: 1 });
    await worker.sendOwedMails();
    expect(await db().subscriber.findUniqueOrThrow({ where: { email: "patient@example.com" } })).toMatchObject({ mailKind: "confirm", mailAttempts: OWED_MAIL_MAX_ATTEMPTS - 1 });
    // By then the waits have grown to an hour; as if it had passed:
    await db().subscriber.update({ where: { email: "patient@example.com" }, data: { mailDueAt: new Date() } });
    await worker.sendOwedMails();
    expect(await db().subscriber.findUniqueOrThrow({ where: { email: "patient@example.com" } })).toMatchObject({ mailKind: null, mailDueAt: null });
  });

  it("counts confirmations waiting for a worker in /api/health, which is degraded while none runs", async () => {
    await subscribe({ email: "waiting@example.com" }, someone());
    await db().workerHeartbeat.deleteMany();
    const health = await checkHealth();
    expect(health.worker).toMatchObject({ alive: 0, pendingConfirmationMails: 1 });
    expect(health.status).toBe("degraded");
    await drain();
    expect((await checkHealth()).worker).toMatchObject({ pendingConfirmationMails: 0 });
  });

  it("gives up on an address the mail server says does not exist", async () => {
    sink.refuse.set("nobody@example.com", 550);
    const logged: string[] = [];
    await subscribe({ email: "nobody@example.com" }, someone());
    await quickWorker({ log: (line) => logged.push(line) }).sendOwedMails();
    expect(await db().subscriber.findUniqueOrThrow({ where: { email: "nobody@example.com" } })).toMatchObject({ mailKind: null, mailDueAt: null, confirmedAt: null });
    expect(logged.join("\n")).toMatch(/550 .*given up/);
    expect(logged.join("\n")).not.toContain("nobody@example.com");
  });

  it("a request made while a worker sends the mail is not lost", async () => {
    const before = sink.messages.length;
    await subscribe({ email: "twice@example.com" }, someone());
    const worker = quickWorker();
    // The second request lands between the worker's claim and its "sent" write.
    let second: Promise<unknown> | undefined;
    const slowMailer = { ...mailer(), send: async (message: Parameters<ReturnType<typeof mailer>["send"]>[0]) => {
      second ??= subscribe({ email: "twice@example.com" }, someone());
      await second;
      await mailer().send(message);
    } };
    await quickWorker({ mailer: slowMailer }).sendOwedMails();
    await drain(worker);
    const sent = sink.messages.slice(before).filter((message) => message.to === "twice@example.com");
    expect(sent).toHaveLength(2);
    // Only the newest link works.
    expect(await confirmSubscription(tokenOf(await linkIn(sent[0], "/subscriptions/confirm")))).toMatchObject({ ok: false });
    expect(await confirmSubscription(tokenOf(await linkIn(sent[1], "/subscriptions/confirm")))).toMatchObject({ ok: true });
  });

  it("throttles per client with a message, and per address silently", async () => {
    const network = { address: "203.0.113.9" };
    const results = [];
    for (let index = 0; index < 21; index++) results.push(await subscribe({ email: `crowd${index}@example.com` }, network));
    expect(results.slice(0, 20).every((result) => result.ok)).toBe(true);
    expect(results[20]).toEqual({ ok: false, error: "Too many subscription requests from your network. Please try again in an hour.", values: expect.anything() });

    const before = sink.messages.length;
    for (let index = 0; index < 5; index++) {
      expect((await subscribe({ email: "victim@example.com" }, someone())).ok).toBe(true);
      await drain();
    }
    expect(sink.messages.slice(before).filter((message) => message.to === "victim@example.com")).toHaveLength(3);
  });
});

describe("notifications by mail", () => {
  it("sends each published update once to those who chose its services, with one-click unsubscribe", async () => {
    await db().subscriber.deleteMany();
    const forums = await serviceId("forums");
    const payments = await serviceId("payments");
    await subscribeAndConfirm("all@example.com");
    await subscribeAndConfirm("forums@example.com", [forums]);
    await subscribeAndConfirm("payments@example.com", [payments]);
    await subscribe({ email: "unconfirmed@example.com" }, someone());
    await drain();

    const before = sink.messages.length;
    const { incidentId, updateId } = await publish("Forums unreachable", [forums]);
    await drain();
    const sent = sink.messages.slice(before);
    expect(sent.map((message) => message.to).sort()).toEqual(["all@example.com", "forums@example.com"]);

    const mail = await simpleParser(sent.find((message) => message.to === "forums@example.com")!.raw);
    expect(mail.subject).toBe("[Sega Pass status] Forums unreachable (Investigating)");
    expect(mail.from?.text).toBe('"Sega Pass Status" <status@sega.example>');
    expect(mail.messageId).toMatch(new RegExp(`^<update-${updateId}\\.\\w+@status\\.sega\\.example>$`));
    expect(mail.text).toContain("Forums unreachable: we are looking into it.");
    expect(mail.text).toContain(`https://status.sega.example/incidents/${incidentId}#update-${updateId}`);
    // The page's time zone (Europe/London in the demo) names the time.
    expect(mail.text).toMatch(/Investigating · \d{1,2} \w+ \d{4},? (at )?\d\d:\d\d (BST|GMT)/);
    expect(mail.html).toContain("<strong>Forums unreachable</strong>");
    const headers = sent.find((message) => message.to === "forums@example.com")!.raw.split(/\r?\n\r?\n/)[0].replace(/\r?\n[ \t]+/g, " ");
    expect(headers).toMatch(/^List-Unsubscribe-Post: List-Unsubscribe=One-Click$/m);
    const rawHeader = /^List-Unsubscribe: <([^>]+)>$/m.exec(headers)![1];
    expect(rawHeader.startsWith("https://status.sega.example/subscriptions/unsubscribe?token=")).toBe(true);

    // A second update, then nothing is sent twice however often the worker runs.
    await postUpdate(editor, { incidentId, revision: 1, status: "identified", body: "UPDATE: found it." });
    await drain();
    await drain();
    const all = sink.messages.slice(before);
    expect(all).toHaveLength(4);
    expect(new Set(all.map((message) => `${message.to} ${message.messageId}`)).size).toBe(4);

    // One click: the address is gone and gets nothing more.
    expect(await unsubscribe(tokenOf(rawHeader))).toBe(true);
    expect(await db().subscriber.findUnique({ where: { email: "forums@example.com" } })).toBeNull();
    expect(await unsubscribe(tokenOf(rawHeader))).toBe(false);
    const afterUnsubscribe = sink.messages.length;
    await publish("Forums slow", [forums]);
    await drain();
    expect(sink.messages.slice(afterUnsubscribe).map((message) => message.to)).toEqual(["all@example.com"]);
  });

  it("lets a subscriber change their services through the manage link", async () => {
    const subscriber = await subscribeAndConfirm("chooser@example.com");
    const before = sink.messages.length;
    await subscribe({ email: "chooser@example.com" }, someone());
    await drain();
    const [mail] = (await sink.waitFor(before + 1)).slice(before);
    const token = tokenOf(await linkIn(mail, "/subscriptions/manage"));
    expect(await findSubscription(token)).toMatchObject({ id: subscriber.id, allServices: true });
    const payments = await serviceId("payments");
    expect(await updateSubscription({ token, scope: "some", services: [payments] })).toMatchObject({ ok: true });
    expect(await findSubscription(token)).toMatchObject({ allServices: false, serviceIds: [payments] });
    expect(await updateSubscription({ token: "forged", scope: "all" })).toMatchObject({ ok: false });
  });

  it("retries a mailbox that says 'later' and gives up on one that says 'never', with the reason", async () => {
    await db().subscriber.deleteMany();
    await subscribeAndConfirm("busy@example.com");
    await subscribeAndConfirm("gone@example.com");
    sink.refuse.set("busy@example.com", 450);
    sink.refuse.set("gone@example.com", 550);
    const before = sink.messages.length;
    const { updateId } = await publish("Login errors", [await serviceId("sega-pass-login")]);
    const worker = quickWorker();
    await worker.fanOut();
    await worker.deliverBatch();
    const deliveries = await db().delivery.findMany({ where: { notification: { updateId } }, include: { subscriber: true } });
    const busy = deliveries.find((delivery) => delivery.subscriber?.email === "busy@example.com")!;
    const gone = deliveries.find((delivery) => delivery.subscriber?.email === "gone@example.com")!;
    expect(busy).toMatchObject({ status: "pending", attempts: 1, lastError: expect.stringMatching(/^450 /) });
    expect(gone).toMatchObject({ status: "failed", attempts: 1, lastError: expect.stringMatching(/^550 /) });
    // Editors see failure reasons; the address the server quoted is not among them.
    expect(gone.lastError).toContain("No such user here: <recipient>");
    expect(gone.lastError).not.toContain("gone@example.com");

    sink.refuse.delete("busy@example.com");
    await new Promise((resolve) => setTimeout(resolve, 120));
    await drain(worker);
    expect(await db().delivery.findUniqueOrThrow({ where: { id: busy.id } })).toMatchObject({ status: "sent", attempts: 2, lastError: null });
    expect(sink.messages.slice(before).map((message) => message.to)).toEqual(["busy@example.com"]);
  });
});

describe("the subscriber's language", () => {
  /** The newest mail to `email`, parsed, with its raw header block. */
  async function lastMailTo(email: string, before: number) {
    const message = (await sink.waitFor(before + 1)).slice(before).findLast((candidate) => candidate.to === email)!;
    return { ...(await simpleParser(message.raw)), headers: message.raw.split(/\r?\n\r?\n/)[0] };
  }

  it("keeps the language chosen on the form: a second request cannot change it, and is answered in it", async () => {
    let before = sink.messages.length;
    expect(await subscribe({ email: "yuki@example.jp", locale: "ja" }, someone())).toMatchObject({ ok: true });
    await drain();
    const confirm = await lastMailTo("yuki@example.jp", before);
    expect(confirm.subject).toBe("Sega Pass statusのお知らせメール登録の確認");
    // Non-ASCII subjects go out as RFC 2047 encoded-words, never raw bytes.
    expect(confirm.headers).toMatch(/^Subject: =\?UTF-8\?[BQ]\?/m);
    expect(confirm.text).toContain("すべてのサービスについてのお知らせを受け取るための登録の申し込みがありました。");
    expect(confirm.text).toContain("https://status.sega.example/ja/subscriptions/confirm?token=");
    expect((await db().subscriber.findUniqueOrThrow({ where: { email: "yuki@example.jp" } })).locale).toBe("ja");

    // Someone asks again, in English, before it is confirmed: the new link comes in Japanese still.
    before = sink.messages.length;
    await subscribe({ email: "yuki@example.jp", locale: "en" }, someone());
    await drain();
    const again = await lastMailTo("yuki@example.jp", before);
    expect(again.subject).toBe("Sega Pass statusのお知らせメール登録の確認");
    expect((await confirmSubscription(tokenOf(await linkIn({ raw: sink.messages.at(-1)!.raw }, "/subscriptions/confirm")))).manage).toMatch(/^https:\/\/status\.sega\.example\/ja\/subscriptions\/manage\?token=/);

    // And once confirmed: the "already" mail, in Japanese, leads to the Japanese manage page.
    before = sink.messages.length;
    await subscribe({ email: "yuki@example.jp", locale: "en" }, someone());
    await drain();
    const already = await lastMailTo("yuki@example.jp", before);
    expect(already.subject).toBe("Sega Pass statusのお知らせはすでに登録済みです");
    expect(already.text).toMatch(/^お知らせを受け取るサービスの変更や配信の停止は、こちらから行えます：\nhttps:\/\/status\.sega\.example\/ja\/subscriptions\/manage\?token=/m);
    expect((await db().subscriber.findUniqueOrThrow({ where: { email: "yuki@example.jp" } })).locale).toBe("ja");
  });

  it("refuses a language Herald does not speak, storing nothing", async () => {
    expect(await subscribe({ email: "fr@example.com", locale: "fr" }, someone())).toMatchObject({ ok: false, fieldErrors: { locale: "Choose one of the languages listed." } });
    expect(await db().subscriber.findUnique({ where: { email: "fr@example.com" } })).toBeNull();
  });

  it("writes to an address without a choice in the page's default language of the day", async () => {
    const before = sink.messages.length;
    await subscribe({ email: "nochoice@example.com" }, someone());
    expect((await db().subscriber.findUniqueOrThrow({ where: { email: "nochoice@example.com" } })).locale).toBeNull();
    await db().pageSettings.update({ where: { id: 1 }, data: { defaultLocale: "ja" } });
    try {
      await drain();
    } finally {
      await db().pageSettings.update({ where: { id: 1 }, data: { defaultLocale: "en" } });
    }
    const mail = await lastMailTo("nochoice@example.com", before);
    expect(mail.subject).toBe("Sega Pass statusのお知らせメール登録の確認");
    // Japanese is the default language then: its addresses have no prefix.
    expect(mail.text).toContain("https://status.sega.example/subscriptions/confirm?token=");
  });

  it("mails each subscriber an update in their language: the original with a note until it is translated, then the translation", async () => {
    await db().subscriber.deleteMany();
    const forums = await serviceId("forums");
    await subscribeAndConfirm("english@example.com", [forums]);
    const before = sink.messages.length;
    await subscribe({ email: "japanese@example.jp", locale: "ja", scope: "some", services: [forums] }, someone());
    await drain();
    expect(await confirmSubscription(tokenOf(await linkIn(sink.messages.slice(before).find((message) => message.to === "japanese@example.jp")!, "/subscriptions/confirm")))).toMatchObject({ ok: true });
    const japanese = await db().subscriber.findUniqueOrThrow({ where: { email: "japanese@example.jp" } });

    let start = sink.messages.length;
    const { incidentId, updateId } = await publish("Forum search down", [forums]);
    await drain();
    const english = await lastMailTo("english@example.com", start);
    const mail = await lastMailTo("japanese@example.jp", start);
    expect(english.subject).toBe("[Sega Pass status] Forum search down (Investigating)");
    expect(mail.subject).toBe("[Sega Pass status] Forum search down（調査中）");
    expect(mail.headers).toMatch(/^Subject: =\?UTF-8\?[BQ]\?/m);
    // The Message-ID names the update and the subscriber, whatever the language.
    expect(mail.messageId).toBe(`<update-${updateId}.${japanese.id}@status.sega.example>`);
    expect(mail.text).toContain("この内容はまだ日本語に翻訳されていないため、原文（英語）のまま掲載しています。\n\nForum search down: we are looking into it.");
    // The page's time zone (Europe/London), written the Japanese way.
    expect(mail.text).toMatch(/調査中 · 20\d\d年\d{1,2}月\d{1,2}日 \d\d:\d\d \((GMT|BST)[+\d]*\)/);
    expect(mail.text).toContain(`ステータスページで見る：https://status.sega.example/ja/incidents/${incidentId}#update-${updateId}`);
    expect(mail.html).toContain('<div lang="en"><p><strong>Forum search down</strong>: we are looking into it.</p>');
    expect(mail.html).toContain("原文（英語）のまま掲載しています。");
    expect(/^List-Unsubscribe: <([^>]+)>$/m.exec(mail.headers.replace(/\r?\n[ \t]+/g, " "))![1]).toMatch(/^https:\/\/status\.sega\.example\/ja\/subscriptions\/unsubscribe\?token=/);
    expect(mail.text).toContain("配信停止：https://status.sega.example/ja/subscriptions/unsubscribe?token=");

    // The next update and the title are translated before the worker gets to them: the Japanese reader gets the translation.
    const { updates } = await db().incident.findUniqueOrThrow({ where: { id: incidentId }, include: { updates: true } });
    expect(await postUpdate(editor, { incidentId, revision: 1, status: "identified", body: "A full index was the cause." })).toMatchObject({ ok: true });
    const second = await db().incidentUpdate.findFirstOrThrow({ where: { incidentId, id: { notIn: updates.map((update) => update.id) } } });
    await db().incidentUpdateTranslation.create({ data: { updateId: second.id, locale: "ja", body: "原因は検索インデックスの容量不足でした。" } });
    await db().incidentTranslation.create({ data: { incidentId, locale: "ja", title: "フォーラムの検索が使えません" } });
    start = sink.messages.length;
    await drain();
    const translated = await lastMailTo("japanese@example.jp", start);
    expect(translated.subject).toBe("[Sega Pass status] フォーラムの検索が使えません（原因特定済み）");
    expect(translated.text).toContain("原因特定済み · ");
    expect(translated.text).toContain("原因は検索インデックスの容量不足でした。");
    expect(translated.text).not.toContain("翻訳されていない");
    expect((await lastMailTo("english@example.com", start)).text).toContain("A full index was the cause.");
  });

  it("lets a subscriber change their language through the manage link, and says so in it", async () => {
    const subscriber = await subscribeAndConfirm("switcher@example.com");
    expect(subscriber.locale).toBeNull();
    const before = sink.messages.length;
    await subscribe({ email: "switcher@example.com" }, someone());
    await drain();
    const token = tokenOf(await linkIn((await sink.waitFor(before + 1)).slice(before)[0], "/subscriptions/manage"));
    expect(await findSubscription(token)).toMatchObject({ locale: "en" });
    expect(await updateSubscriberLanguage({ token, locale: "ja" })).toEqual({ ok: true, message: "保存しました。今後のメールは日本語でお送りします。", locale: "ja" });
    expect(await findSubscription(token)).toMatchObject({ locale: "ja" });
    expect(await updateSubscriberLanguage({ token, locale: "xx" })).toMatchObject({ ok: false, fieldErrors: { locale: "Choose one of the languages listed." } });
    expect(await updateSubscriberLanguage({ token: "forged", locale: "en" })).toMatchObject({ ok: false, error: expect.stringMatching(/no longer valid/) });
    expect(await findSubscription(token)).toMatchObject({ locale: "ja" });
    // The links of its mails now lead to the Japanese pages.
    const start = sink.messages.length;
    await subscribe({ email: "switcher@example.com" }, someone());
    await drain();
    expect((await lastMailTo("switcher@example.com", start)).text).toContain("https://status.sega.example/ja/subscriptions/manage?token=");
  });
});

describe("webhooks", () => {
  let receiver: Server;
  let receiverUrl: string;
  const received: { headers: IncomingMessage["headers"]; body: string }[] = [];
  let failNext = 0;

  beforeAll(async () => {
    receiver = createServer((request, response) => {
      let body = "";
      request.on("data", (chunk) => (body += chunk));
      request.on("end", () => {
        received.push({ headers: request.headers, body });
        response.statusCode = failNext-- > 0 ? 500 : 204;
        response.end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
    receiverUrl = `http://127.0.0.1:${(receiver.address() as { port: number }).port}/hooks/herald`;
  });

  afterAll(() => new Promise<void>((resolve) => receiver.close(() => resolve())));

  it("POSTs the public API's incident, signed so a Standard Webhooks library verifies it, retrying failures with the same id", async () => {
    await db().subscriber.deleteMany();
    await db().webhookEndpoint.deleteMany();
    const secret = "whsec_" + Buffer.from("a-test-secret-of-32-bytes-length").toString("base64");
    const endpoint = await db().webhookEndpoint.create({ data: { url: receiverUrl, secret } });
    received.length = 0;
    failNext = 2;
    const { incidentId, updateId } = await publish("Password resets delayed", [await serviceId("sega-pass-password-reset")]);
    const worker = quickWorker();
    for (let round = 0; round < 3; round++) {
      await drain(worker);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    expect(received).toHaveLength(3);
    const ids = new Set(received.map((request) => request.headers["webhook-id"]));
    expect(ids.size).toBe(1);
    expect(received[0].headers["idempotency-key"]).toBe(received[0].headers["webhook-id"]);

    const last = received[2];
    const payload = new Webhook(secret).verify(last.body, last.headers as Record<string, string>) as Record<string, Record<string, unknown>>;
    expect(payload.incident).toMatchObject({ id: incidentId, name: "Password resets delayed", status: "investigating", impact: "minor" });
    expect(payload.incident_update).toMatchObject({ id: updateId, status: "investigating", incident_id: incidentId });
    expect(payload.page).toMatchObject({ name: "Sega Pass status", time_zone: "Europe/London" });
    // A tampered body or another key does not verify.
    expect(() => new Webhook(secret).verify(last.body.replace("delayed", "fixed"), last.headers as Record<string, string>)).toThrow();
    expect(() => new Webhook("whsec_" + Buffer.from("another-secret-of-32-bytes-long!").toString("base64")).verify(last.body, last.headers as Record<string, string>)).toThrow();

    const delivery = await db().delivery.findFirstOrThrow({ where: { endpointId: endpoint.id } });
    expect(delivery).toMatchObject({ status: "sent", attempts: 3, lastError: null });
    expect((await db().webhookEndpoint.findUniqueOrThrow({ where: { id: endpoint.id } })).consecutiveFailures).toBe(0);
  });

  it("switches off an endpoint that keeps failing, and says why", async () => {
    await db().webhookEndpoint.deleteMany();
    const endpoint = await db().webhookEndpoint.create({ data: { url: receiverUrl, secret: "whsec_" + Buffer.alloc(32, 1).toString("base64") } });
    failNext = 1_000;
    await publish("Website slow", []);
    const worker = quickWorker({ disableAfter: 3, maxAttempts: 10 });
    for (let round = 0; round < 6; round++) {
      await drain(worker);
      await new Promise((resolve) => setTimeout(resolve, 450));
    }
    failNext = 0;
    const after = await db().webhookEndpoint.findUniqueOrThrow({ where: { id: endpoint.id } });
    expect(after.enabled).toBe(false);
    expect(after.disabledReason).toMatch(/after 3 failed deliveries in a row\. The last: 127\.0\.0\.1:\d+ answered HTTP 500/);
    expect(await db().delivery.findFirstOrThrow({ where: { endpointId: endpoint.id } })).toMatchObject({ status: "failed", lastError: "The endpoint is switched off." });
  });

  it("refuses private addresses unless allowed, by address or by name", async () => {
    await db().webhookEndpoint.deleteMany();
    const secret = "whsec_" + Buffer.alloc(32, 2).toString("base64");
    const byAddress = await db().webhookEndpoint.create({ data: { url: receiverUrl, secret } });
    // A name is checked where the socket connects, so it cannot resolve one way for the check and another for the request.
    const byName = await db().webhookEndpoint.create({ data: { url: receiverUrl.replace("127.0.0.1", "localhost"), secret } });
    received.length = 0;
    await publish("Internal", []);
    await drain(quickWorker({ allowPrivateWebhooks: false }));
    expect(received).toHaveLength(0);
    expect(await db().delivery.findFirstOrThrow({ where: { endpointId: byAddress.id } })).toMatchObject({
      status: "failed",
      lastError: expect.stringMatching(/^127\.0\.0\.1 resolves to a private or loopback address/),
    });
    expect(await db().delivery.findFirstOrThrow({ where: { endpointId: byName.id } })).toMatchObject({
      status: "failed",
      lastError: expect.stringMatching(/^localhost resolves to a private or loopback address \((127\.0\.0\.1|::1)\)/),
    });
  });
});

describe("worker processes", () => {
  /** A short lease (2 s) lets a restarted worker take over quickly. */
  function startWorker(leaseSeconds = 2): ChildProcess {
    const root = path.resolve(import.meta.dirname, "..");
    // `npm run worker`: the compiled entry, as production runs it.
    return spawn(process.execPath, [path.join(root, "runtime", "launch.mjs"), "worker"], {
      cwd: root,
      env: { ...process.env, WORKER_LEASE_SECONDS: String(leaseSeconds), WORKER_RETRY_SECONDS: "0.1" },
      stdio: ["ignore", "pipe", "pipe"],
    });
  }

  it("two workers at once send nothing twice", { timeout: 90_000 }, async () => {
    await db().subscriber.deleteMany();
    await db().webhookEndpoint.deleteMany();
    const now = new Date(Date.now() - 1_000);
    await db().subscriber.createMany({
      data: Array.from({ length: 400 }, (_, index) => ({ email: `pair${String(index).padStart(4, "0")}@example.com`, confirmedAt: now, manageNonce: `p${index}` })),
    });
    const before = sink.messages.length;
    // Both stay alive, so nothing should ever be taken over: a lease long enough that a
    // send slowed by a loaded machine (it met 2 s under a load of 10 on 2 cores) does not
    // run out, which would be a takeover (at least once, by design), not a shared claim.
    const workers = [startWorker(20), startWorker(20)];
    try {
      await publish("Sega Pass passwords reset", []);
      await sink.waitFor(before + 400, 60_000);
      expect(await db().workerHeartbeat.count()).toBeGreaterThanOrEqual(2);
      await new Promise((resolve) => setTimeout(resolve, 1_500));
    } finally {
      for (const worker of workers) worker.kill("SIGTERM");
      await Promise.all(workers.map((worker) => new Promise((resolve) => worker.once("exit", resolve))));
    }
    const arrived = sink.messages.slice(before);
    expect(arrived).toHaveLength(400);
    expect(new Set(arrived.map((message) => message.to)).size).toBe(400);
  });

  it("loses nothing after a restart: every subscriber gets every update", { timeout: 90_000 }, async () => {
    await db().subscriber.deleteMany();
    await db().webhookEndpoint.deleteMany();
    const now = new Date();
    await db().subscriber.createMany({
      data: Array.from({ length: 600 }, (_, index) => ({ email: `reader${String(index).padStart(4, "0")}@example.com`, confirmedAt: now, manageNonce: `n${index}` })),
    });
    await new Promise((resolve) => setTimeout(resolve, 5));
    const before = sink.messages.length;
    const { updateId } = await publish("Sega Pass offline", []);

    const first = startWorker();
    await new Promise<void>((resolve, reject) => {
      const timer = setInterval(() => {
        if (sink.messages.length - before >= 150) {
          clearInterval(timer);
          first.kill("SIGKILL");
          resolve();
        }
      }, 5);
      first.on("exit", (code) => code !== null && reject(new Error(`worker exited early with ${code}`)));
    });
    await new Promise((resolve) => first.once("exit", resolve));
    const atKill = sink.messages.length - before;
    expect(atKill).toBeLessThan(600);

    const second = startWorker();
    try {
      await sink.waitFor(before + 600, 60_000);
      // Let anything in doubt be retried before counting.
      await new Promise((resolve) => setTimeout(resolve, 3_000));
    } finally {
      second.kill("SIGTERM");
      await new Promise((resolve) => second.once("exit", resolve));
    }
    const arrived = sink.messages.slice(before);
    const distinct = new Set(arrived.map((message) => `${message.to} ${message.messageId}`));
    expect(distinct.size).toBe(600);
    expect([...distinct].every((key) => key.includes(`<update-${updateId}.`))).toBe(true);
    // Repeats are possible only for mails the server accepted in the moment before the kill
    // (at most the 16 in flight and the 8 awaiting their "sent" write), and they carry
    // the same Message-ID as the first copy.
    expect(arrived.length - distinct.size).toBeLessThanOrEqual(24);
    const counts = await db().delivery.groupBy({ by: ["status"], where: { notification: { updateId } }, _count: true });
    expect(counts).toEqual([{ status: "sent", _count: 600 }]);
  });
});
