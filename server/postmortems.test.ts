import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import { simpleParser } from "mailparser";
import { Webhook } from "standardwebhooks";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSmtpSink, type SmtpSink } from "../scripts/smtp-sink";
import * as oneIncident from "@/app/api/v1/pages/[pageId]/incidents/[incidentId]/route";
import { buildAtom, buildJsonFeed, postmortemEntryId } from "@/lib/feeds";
import { pageId } from "@/lib/statuspage";
import type { Actor } from "@/lib/views/actor";
import { createApiKeyRow } from "@/server/api-keys";
import { db, writeTransaction } from "@/server/db";
import { mailer } from "@/server/delivery/mailer";
import { enqueuePostmortemNotification } from "@/server/delivery/outbox";
import { deliveryProgress } from "@/server/delivery/progress";
import { DeliveryWorker } from "@/server/delivery/worker";
import { getFeed } from "@/server/feeds";
import { getIncident } from "@/server/incidents";
import { openIncident, planMaintenance, postUpdate } from "@/server/incident-updates";
import { getAdminPostmortem, savePostmortem } from "@/server/postmortems";
import { getPageSettings } from "@/server/settings";
import { statusApi } from "@/server/status-api";
import { listWebhooks } from "@/server/webhooks";

// A resolved incident's postmortem: a private draft, then published (page, feed, API),
// then revised; refused while the incident is open, for maintenance, and when stale.
// Published with "Tell subscribers", it is mailed over real SMTP and posted to real HTTP
// receivers (Herald's signed JSON, Slack, Discord), once; a revision tells no one.

// Before anything reads the environment: mail goes to a real SMTP server on a socket.
const sink: SmtpSink = await startSmtpSink();
process.env.SMTP_URL = sink.url;
process.env.MAIL_FROM = "Example status <status@example.com>";
process.env.WEBHOOK_ALLOW_PRIVATE = "true";
(globalThis as { heraldMailer?: unknown }).heraldMailer = undefined;

const SITE = "https://status.example.com";
let editor: Actor;
let serviceId: string;
let incidentId: string;

const revisionOf = async (id: string) => (await db().incident.findUniqueOrThrow({ where: { id } })).revision;
const version = async () => (await getPageSettings()).version;
const v2Incident = async (id: string) => ((await statusApi("incidents")).body.incidents as Record<string, unknown>[]).find((incident) => incident.id === id)!;

async function v1Incident(id: string) {
  const { key } = await createApiKeyRow({ name: `reader ${Math.random()}`, role: "editor" });
  const page = pageId({ url: SITE });
  const response = await oneIncident.GET(new Request(`${SITE}/api/v1/pages/${page}/incidents/${id}`, { headers: { Authorization: `OAuth ${key}` } }), {
    params: Promise.resolve({ pageId: page, incidentId: id }),
  });
  return response.json();
}

beforeAll(async () => {
  await db().pageSettings.create({ data: { id: 1, name: "Example status", url: SITE, timeZone: "UTC" } });
  serviceId = (await db().service.create({ data: { slug: "login", name: "Login", position: 0 } })).id;
  const user = await db().user.create({ data: { email: "ops@example.com", role: "editor", passwordHash: "x" } });
  editor = { id: user.id, email: user.email, name: "", role: "editor", sessionId: "s" };
  incidentId = (await openIncident(editor, { title: "Login outage", impact: "major", status: "investigating", body: "Looking.", displayAt: "2024-03-01T10:00", services: serviceId, affected: {} })).incidentId!;
});

describe("savePostmortem", () => {
  it("refuses an incident that is still open, and maintenance", async () => {
    const audits = await db().auditLog.count();
    const open = await savePostmortem(editor, { incidentId, revision: await revisionOf(incidentId), intent: "draft", body: "Too early." });
    expect(open).toMatchObject({ ok: false, error: "Resolve the incident first: a postmortem is written once it is over.", values: { body: "Too early." } });
    const start = new Date(Date.now() + 86_400_000);
    const window = await planMaintenance(editor, {
      title: "Upgrade",
      impact: "none",
      body: "Planned.",
      scheduledFor: start.toISOString(),
      scheduledUntil: new Date(start.getTime() + 3_600_000).toISOString(),
      services: serviceId,
    });
    expect(window).toMatchObject({ ok: true });
    expect(await savePostmortem(editor, { incidentId: window.incidentId!, revision: 1, intent: "draft", body: "No." })).toMatchObject({ ok: false, error: expect.stringMatching(/not maintenance/) });
    expect(await db().auditLog.count()).toBe(audits + 1); // the window's own "planned"
    expect((await getAdminPostmortem(editor, incidentId))?.writable).toBe(false);
  });

  it("saves a draft the public never sees: audited, the public version unmoved", async () => {
    await postUpdate(editor, { incidentId, revision: await revisionOf(incidentId), status: "resolved", body: "Fixed.", affected: {} });
    const before = await version();
    const result = await savePostmortem(editor, { incidentId, revision: await revisionOf(incidentId), intent: "draft", body: "## What happened\n\nA **bad** deploy. Draft words." });
    expect(result).toMatchObject({ ok: true, message: "Draft saved: only the console sees it." });
    expect(await version()).toBe(before);
    expect(await db().auditLog.count({ where: { entityId: incidentId, action: "postmortem_drafted" } })).toBe(1);
    expect((await getAdminPostmortem(editor, incidentId))).toMatchObject({ writable: true, body: expect.stringContaining("Draft words"), publishedAt: null });

    expect((await getIncident(incidentId))?.postmortem).toBeNull();
    expect(await v2Incident(incidentId)).toMatchObject({ postmortem_body: null, postmortem_published_at: null });
    expect(await v1Incident(incidentId)).toMatchObject({ postmortem_body: null, postmortem_published_at: null });
    const feed = (await getFeed())!;
    expect(feed.entries.map((entry) => entry.id)).not.toContain(postmortemEntryId(incidentId));
    expect(JSON.stringify(buildJsonFeed(feed.channel, feed.entries))).not.toContain("Draft words");
  });

  it("refuses a stale form and an empty text, writing nothing", async () => {
    const audits = await db().auditLog.count();
    const revision = await revisionOf(incidentId);
    expect(await savePostmortem(editor, { incidentId, revision: revision - 1, intent: "publish", body: "Stale." })).toMatchObject({ ok: false, error: expect.stringMatching(/changed since you opened it/) });
    expect(await savePostmortem(editor, { incidentId, revision, intent: "publish", body: "   " })).toMatchObject({ ok: false, fieldErrors: { body: "Enter the postmortem." } });
    expect(await savePostmortem(editor, { incidentId, revision, intent: "revise", body: "Not yet published." })).toMatchObject({ ok: false, error: expect.stringMatching(/not published yet/) });
    await expect(savePostmortem(null, { incidentId, revision, intent: "publish", body: "x" })).rejects.toThrow(/session has ended/);
    expect(await db().auditLog.count()).toBe(audits);
  });

  it("publishes it: on the read model, its own feed entry, and both APIs' postmortem fields", async () => {
    const before = await version();
    const body = "## What happened\n\nA **bad** deploy. <img src=x onerror=alert(1)>";
    expect(await savePostmortem(editor, { incidentId, revision: await revisionOf(incidentId), intent: "publish", body })).toMatchObject({ ok: true, message: expect.stringMatching(/published/) });
    expect(await version()).toBe(before + 1);
    expect(await db().auditLog.count({ where: { entityId: incidentId, action: "postmortem_published" } })).toBe(1);

    const postmortem = (await getIncident(incidentId))!.postmortem!;
    expect(postmortem.html).toContain("<strong>bad</strong>");
    expect(postmortem.html).not.toContain("<img");
    expect(postmortem.updatedAt).toEqual(postmortem.publishedAt);

    const feed = (await getFeed())!;
    const entry = feed.entries.find((candidate) => candidate.id === postmortemEntryId(incidentId))!;
    expect(entry).toMatchObject({ title: "Login outage: Postmortem", url: `${SITE}/incidents/${incidentId}#postmortem`, categories: ["Login"] });
    expect(feed.entries[0]).toBe(entry);
    expect(buildAtom(feed.channel, feed.entries)).toContain(`<id>urn:herald:incident:${incidentId}:postmortem</id>`);

    const v2 = await v2Incident(incidentId);
    expect(v2.postmortem_body).toBe(body);
    expect(v2.postmortem_published_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+00:00$/);
    expect((await v1Incident(incidentId)).postmortem_body).toBe(body);
  });

  it("revises it: the same entry, its updated time moved, shown as revised; a draft save is refused now", async () => {
    const first = (await getIncident(incidentId))!.postmortem!;
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(await savePostmortem(editor, { incidentId, revision: await revisionOf(incidentId), intent: "draft", body: "Back to draft?" })).toMatchObject({ ok: false, error: expect.stringMatching(/published meanwhile/) });
    const result = await savePostmortem(editor, { incidentId, revision: await revisionOf(incidentId), intent: "revise", body: "## What happened\n\nA bad deploy, rolled back at 10:40." });
    expect(result).toMatchObject({ ok: true, message: expect.stringMatching(/revised/) });
    const revision = await db().auditLog.findFirstOrThrow({ where: { entityId: incidentId, action: "postmortem_revised" } });
    expect(JSON.parse(revision.before!).body).toMatch(/<img/);
    expect(JSON.parse(revision.after!).body).toMatch(/rolled back/);

    const revised = (await getIncident(incidentId))!.postmortem!;
    expect(revised.publishedAt).toEqual(first.publishedAt);
    expect(revised.updatedAt.getTime()).toBeGreaterThan(first.publishedAt.getTime());
    const entries = (await getFeed())!.entries.filter((entry) => entry.id === postmortemEntryId(incidentId));
    expect(entries).toHaveLength(1);
    expect(entries[0].text).toContain("rolled back at 10:40");
    expect(entries[0].updatedAt).toEqual(revised.updatedAt);
    expect(entries[0].publishedAt).toEqual(first.publishedAt);
  });

  it("will not publish the postmortem of a draft incident", async () => {
    const draft = (await openIncident(editor, { title: "Quiet", impact: "minor", status: "resolved", body: "Over.", publish: "draft", services: serviceId, affected: {} })).incidentId!;
    expect(await savePostmortem(editor, { incidentId: draft, revision: await revisionOf(draft), intent: "publish", body: "Early." })).toMatchObject({ ok: false, error: expect.stringMatching(/Publish the incident first/) });
    expect(await savePostmortem(editor, { incidentId: draft, revision: await revisionOf(draft), intent: "draft", body: "Early." })).toMatchObject({ ok: true });
  });
});

/** An HTTP receiver on loopback that keeps what it was sent and answers `status`. */
interface Receiver {
  url: string;
  posts: { headers: IncomingHttpHeaders; body: string }[];
  server: Server;
}

async function receiver(status: number): Promise<Receiver> {
  const posts: Receiver["posts"] = [];
  const server = createServer((request, response) => {
    let body = "";
    request.on("data", (chunk) => (body += chunk));
    request.on("end", () => {
      posts.push({ headers: request.headers, body });
      response.writeHead(status).end(status === 200 ? "ok" : "");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { url: `http://127.0.0.1:${(server.address() as { port: number }).port}/hook`, posts, server };
}

/** Runs a worker until nothing is due: every notification fanned out and sent. */
async function drain() {
  const worker = new DeliveryWorker({ pollMs: 20, retryBaseMs: 50, log: () => {} });
  for (let idle = 0; idle < 2; ) {
    const done = (await worker.fanOut()) + (await worker.deliverBatch());
    idle = done === 0 ? idle + 1 : 0;
  }
}

describe("telling subscribers of a published postmortem", () => {
  const SECRET = "whsec_" + Buffer.from("a-test-secret-of-32-bytes-length").toString("base64");
  const receivers: Receiver[] = [];
  let herald: Receiver, slack: Receiver, discord: Receiver;
  let heraldEndpointId: string;
  let otherServiceId: string;

  /** A published, resolved incident about Login whose updates told no one: only its postmortem can. */
  async function resolvedIncident(title: string) {
    const opened = await openIncident(editor, { title, impact: "major", status: "investigating", body: "Looking.", services: serviceId, affected: {}, notify: false });
    const id = opened.incidentId!;
    expect(await postUpdate(editor, { incidentId: id, revision: await revisionOf(id), status: "resolved", body: "Fixed.", affected: {}, notify: false })).toMatchObject({ ok: true });
    return id;
  }

  const told = (id: string) => db().notification.count({ where: { postmortemOfId: id } });

  beforeAll(async () => {
    // The updates the tests above published (and told) go first, to nobody: none of the recipients below existed yet.
    await drain();
    [herald, slack, discord] = await Promise.all([receiver(204), receiver(200), receiver(204)]);
    receivers.push(herald, slack, discord);
    otherServiceId = (await db().service.create({ data: { slug: "forums", name: "Forums", position: 1 } })).id;
    heraldEndpointId = (await db().webhookEndpoint.create({ data: { url: herald.url, secret: SECRET } })).id;
    await db().webhookEndpoint.create({ data: { url: slack.url, secret: SECRET, format: "slack" } });
    await db().webhookEndpoint.create({ data: { url: discord.url, secret: SECRET, format: "discord", allServices: false, services: { create: { serviceId } } } });
    // A channel about another service hears nothing of Login's postmortem.
    await db().webhookEndpoint.create({ data: { url: `${slack.url}?forums`, secret: SECRET, format: "slack", allServices: false, services: { create: { serviceId: otherServiceId } } } });
    const confirmedAt = new Date();
    await db().subscriber.createMany({
      data: [
        { email: "everything@example.com", manageNonce: "a", confirmedAt },
        { email: "login@example.com", manageNonce: "b", confirmedAt, allServices: false },
        { email: "forums@example.com", manageNonce: "c", confirmedAt, allServices: false },
        { email: "unconfirmed@example.com", manageNonce: "d" },
      ],
    });
    const byEmail = async (email: string) => (await db().subscriber.findUniqueOrThrow({ where: { email } })).id;
    await db().subscriberService.createMany({ data: [{ subscriberId: await byEmail("login@example.com"), serviceId }, { subscriberId: await byEmail("forums@example.com"), serviceId: otherServiceId }] });
  });

  afterAll(async () => {
    // The pooled SMTP connection first, or the server waits for it to leave.
    mailer().close();
    await sink.close();
    for (const { server } of receivers) {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it("tells no one when the box is left empty, and says so in the audit", async () => {
    const id = await resolvedIncident("Search slow");
    const result = await savePostmortem(editor, { incidentId: id, revision: await revisionOf(id), intent: "publish", body: "A full disk." });
    expect(result).toMatchObject({ ok: true, message: "Postmortem published: the incident page, feeds and API show it now." });
    expect(await told(id)).toBe(0);
    const entry = await db().auditLog.findFirstOrThrow({ where: { entityId: id, action: "postmortem_published" } });
    expect(JSON.parse(entry.after!)).toMatchObject({ subscribersTold: false });
    await drain();
    expect(sink.messages).toHaveLength(0);
    expect(herald.posts.length + slack.posts.length + discord.posts.length).toBe(0);
  });

  it("mails the interested subscribers and posts to webhooks and chat channels, once, shown in delivery progress", async () => {
    const id = await resolvedIncident("Database failover");
    const body = "## What happened\n\nThe primary **database** failed over. See [our history](/history).\n\n<!channel> @everyone";
    // As the console's form sends it: the ticked box is "on".
    const result = await savePostmortem(editor, { incidentId: id, revision: await revisionOf(id), intent: "publish", body, notify: "on" });
    expect(result).toMatchObject({ ok: true, message: expect.stringMatching(/published.*Subscribers, webhooks and chat channels are being told\./) });
    expect(await told(id)).toBe(1);
    const entry = await db().auditLog.findFirstOrThrow({ where: { entityId: id, action: "postmortem_published" } });
    expect(JSON.parse(entry.after!)).toMatchObject({ subscribersTold: true });
    await drain();

    // Mail: to everyone interested in Login and confirmed, nobody else.
    const mails = await sink.waitFor(2);
    expect(mails.map((mail) => mail.to).sort()).toEqual(["everything@example.com", "login@example.com"]);
    const link = `${SITE}/incidents/${id}#postmortem`;
    for (const mail of mails) {
      const parsed = await simpleParser(mail.raw);
      const subscriber = await db().subscriber.findUniqueOrThrow({ where: { email: mail.to } });
      expect(parsed.subject).toBe("[Example status] Postmortem: Database failover");
      expect(parsed.messageId).toBe(`<postmortem-${id}.${subscriber.id}@status.example.com>`);
      expect(parsed.headers.get("x-herald-postmortem")).toBe(id);
      expect(parsed.text).toContain("The primary database failed over.");
      expect(parsed.text).toContain(`Read it on the status page: ${link}`);
      expect(parsed.text).toMatch(/Unsubscribe: https:\/\/status\.example\.com\/subscriptions\/unsubscribe\?token=/);
      // Rendered, with the page's own links absolute: a mail has no address to resolve them against.
      expect(parsed.html).toMatch(/<h\d>What happened<\/h\d>/);
      expect(parsed.html).toContain("<strong>database</strong>");
      expect(parsed.html).toContain(`<a href="${SITE}/history">our history</a>`);
      expect(parsed.html).toContain(`<a href="${link}">Read it on the status page</a>`);
    }

    // Herald's webhook: signed, its own event and id, the API's incident object with the postmortem.
    expect(herald.posts).toHaveLength(1);
    const [post] = herald.posts;
    expect(post.headers["webhook-id"]).toBe(`msg_postmortem_${id}_${heraldEndpointId}`);
    const payload = new Webhook(SECRET).verify(post.body, post.headers as Record<string, string>) as Record<string, Record<string, unknown>>;
    expect(payload.meta.event).toBe("incident.postmortem");
    expect(payload.incident).toMatchObject({ id, name: "Database failover", status: "resolved", postmortem_body: body, postmortem_published_at: expect.any(String) });
    expect(payload.incident_update).toBeUndefined();

    // Chat: Slack (every service) and Discord (Login) in their formats; the Forums channel hears nothing.
    expect(slack.posts).toHaveLength(1);
    const slackMessage = JSON.parse(slack.posts[0].body) as { text: string; blocks: { type: string; text?: { text: string }; elements?: { url: string }[] }[] };
    expect(slackMessage.text).toBe("Example status: Database failover (Postmortem)");
    expect(slackMessage.blocks[0]).toMatchObject({ type: "header", text: { text: "Database failover" } });
    expect(slackMessage.blocks[2].text!.text).toContain("*database*");
    expect(slackMessage.blocks[2].text!.text).toContain("&lt;!channel&gt;");
    expect(slackMessage.blocks.at(-1)!.elements![0].url).toBe(link);
    expect(discord.posts).toHaveLength(1);
    const discordMessage = JSON.parse(discord.posts[0].body) as { allowed_mentions: unknown; embeds: { title: string; url: string; fields: { name: string; value: string }[] }[] };
    expect(discordMessage.allowed_mentions).toEqual({ parse: [] });
    expect(discordMessage.embeds[0]).toMatchObject({ title: "Database failover", url: link });
    expect(discordMessage.embeds[0].fields[0]).toMatchObject({ name: "Status", value: "Postmortem" });

    // The console: one row for the postmortem in the incident's delivery progress, every delivery sent.
    const progress = await deliveryProgress(editor, { incidentId: id });
    expect(progress).toHaveLength(1);
    expect(progress[0]).toMatchObject({ incidentId: id, title: "Database failover", kind: "postmortem", label: "postmortem", fannedOut: true, counts: { sent: 5, pending: 0, failed: 0, skipped: 0 } });
    expect((await deliveryProgress(editor)).some((row) => row.notificationId === progress[0].notificationId)).toBe(true);
    // An admin's webhook list names what each recent delivery told.
    const admin: Actor = { ...editor, role: "admin" };
    const heraldRow = (await listWebhooks(admin)).find((endpoint) => endpoint.id === heraldEndpointId)!;
    expect(heraldRow.recent.map((delivery) => [delivery.title, delivery.status])).toEqual([["Database failover (postmortem)", "sent"]]);
  });

  it("never tells anyone of a revision, nor twice of one postmortem", async () => {
    const id = (await db().incident.findFirstOrThrow({ where: { title: "Database failover" } })).id;
    const [mails, posts] = [sink.messages.length, herald.posts.length + slack.posts.length + discord.posts.length];
    expect(await savePostmortem(editor, { incidentId: id, revision: await revisionOf(id), intent: "revise", body: "The primary database failed over at 10:02.", notify: "on" })).toMatchObject({
      ok: true,
      message: "Changes published: the postmortem shows it was revised.",
    });
    expect(await savePostmortem(editor, { incidentId: id, revision: await revisionOf(id), intent: "publish", body: "Again?", notify: "on" })).toMatchObject({ ok: false, error: expect.stringMatching(/published meanwhile/) });
    // The outbox itself refuses a second notification of the same postmortem.
    expect(await writeTransaction((tx) => enqueuePostmortemNotification(tx, id))).toBe(false);
    expect(await told(id)).toBe(1);
    await drain();
    expect(sink.messages.length).toBe(mails);
    expect(herald.posts.length + slack.posts.length + discord.posts.length).toBe(posts);
  });

  it("keeps each notification about exactly one thing, in the database too", async () => {
    await expect(db().notification.create({ data: {} })).rejects.toThrow();
    // Neither already told, so only the rule of one subject can refuse it.
    const update = await db().incidentUpdate.findFirstOrThrow({ where: { notification: { is: null } } });
    const incident = await db().incident.findFirstOrThrow({ where: { postmortemNotification: { is: null } } });
    await expect(db().notification.create({ data: { updateId: update.id, postmortemOfId: incident.id } })).rejects.toThrow();
  });
});
