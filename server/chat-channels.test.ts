import { mkdtemp } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/views/actor";
import { addChatChannel, CHAT_CONFIRMATIONS_PER_URL, chatUrlProblem, confirmChatChannel, findChatChannel, previewChatConfirmation, removeChatChannel, updateChatChannel } from "@/server/chat-channels";
import { db } from "@/server/db";
import { loadDemoStory } from "@/server/demo";
import { refusedAddress } from "@/server/delivery/webhook-post";
import { DeliveryWorker } from "@/server/delivery/worker";
import { openIncident } from "@/server/incident-updates";
import { addWebhook, changeWebhook } from "@/server/webhooks";

// Chat channels end to end, against real HTTP receivers on loopback that answer as the
// services do (Slack 200 "ok", Discord 204, Teams 202): admin-added channels get each
// update in their format; a reader's channel gets its confirmation and nothing else
// until confirmed; a failing receiver is retried.

process.env.WEBHOOK_ALLOW_PRIVATE = "true";
process.env.MAIL_DIR = await mkdtemp(path.join(os.tmpdir(), "herald-chat-mail-"));

interface Receiver {
  url: string;
  bodies: Record<string, unknown>[];
  headers: Record<string, string | string[] | undefined>[];
  /** Answers to give before the usual one. */
  failures: number[];
  server: Server;
}

async function receiver(status: number, text = ""): Promise<Receiver> {
  const target: Omit<Receiver, "url"> = { bodies: [], headers: [], failures: [], server: createServer() };
  target.server.on("request", (request, response) => {
    let body = "";
    request.on("data", (chunk) => (body += chunk));
    request.on("end", () => {
      target.bodies.push(JSON.parse(body) as Record<string, unknown>);
      target.headers.push(request.headers);
      response.writeHead(target.failures.shift() ?? status).end(text);
    });
  });
  await new Promise<void>((resolve) => target.server.listen(0, "127.0.0.1", resolve));
  return { ...target, url: `http://127.0.0.1:${(target.server.address() as { port: number }).port}/hook` };
}

const receivers: Receiver[] = [];
let editor: Actor;
let admin: Actor;
let client = 0;
const someone = () => ({ address: `203.0.113.${++client}` });
const serviceId = async (slug: string) => (await db().service.findUniqueOrThrow({ where: { slug } })).id;
const worker = () => new DeliveryWorker({ pollMs: 20, retryBaseMs: 50, log: () => {} });

async function drain(running = worker()) {
  for (let idle = 0; idle < 2; ) {
    const done = (await running.fanOut()) + (await running.deliverBatch());
    idle = done === 0 ? idle + 1 : 0;
  }
}

async function publish(title: string, slugs: string[], body: string) {
  const result = await openIncident(editor, { title, impact: "major", status: "investigating", body, services: await Promise.all(slugs.map(serviceId)) });
  expect(result.ok).toBe(true);
  return db().incident.findUniqueOrThrow({ where: { id: result.incidentId }, include: { updates: true } });
}

const tokenOf = (link: string) => new URL(link).searchParams.get("token")!;

beforeAll(async () => {
  await loadDemoStory(db(), "https://status.sega.example");
  const user = (email: string, role: Actor["role"]) => db().user.create({ data: { email, role, passwordHash: "x" } }).then(({ id }): Actor => ({ id, email, name: "", role, sessionId: "s" }));
  editor = await user("ops@sega.example", "editor");
  admin = await user("admin@sega.example", "admin");
});

afterAll(async () => {
  for (const { server } of receivers) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

describe("chat channels", () => {
  it("posts each update in Slack, Discord and Teams format; a reader's channel only once confirmed; failures retried", async () => {
    const [slack, discord, teams, readers, pending] = await Promise.all([receiver(200, "ok"), receiver(204), receiver(202), receiver(204), receiver(202)]);
    receivers.push(slack, discord, teams, readers, pending);

    // Admin: added live, with a warning (not a refusal) for a host that is not the service's.
    for (const [target, format] of [[slack, "slack"], [discord, "discord"], [teams, "teams"]] as const) {
      const added = await addWebhook(admin, { url: target.url, format });
      expect(added).toMatchObject({ ok: true, message: expect.stringMatching(/Note: .*usually look like/) });
    }
    await expect(addWebhook(editor, { url: slack.url, format: "slack" })).rejects.toThrow(/admin role/);
    expect(await addWebhook(admin, { url: slack.url, format: "irc" })).toMatchObject({ ok: false, fieldErrors: { format: "Choose a format." } });

    // Reader: one confirmation, posted while the form waits, and nothing else.
    const login = await serviceId("sega-pass-login");
    expect(await addChatChannel({ url: readers.url, format: "discord", scope: "some", services: login }, someone())).toMatchObject({ ok: true, message: expect.stringMatching(/^Check the channel/) });
    expect(await addChatChannel({ url: pending.url, format: "teams" }, someone())).toMatchObject({ ok: true });
    expect(readers.bodies).toHaveLength(1);
    const confirmation = readers.bodies[0] as { allowed_mentions: unknown; embeds: { title: string; url: string; description: string }[] };
    expect(confirmation.allowed_mentions).toEqual({ parse: [] });
    expect(confirmation.embeds[0].title).toBe("Confirm updates from Sega Pass status in this channel");
    expect(confirmation.embeds[0].description).toMatch(/^Someone asked for Sega Pass status's updates about Sega Pass login to be posted here\./);
    const confirmLink = confirmation.embeds[0].url;
    expect(confirmLink).toMatch(/^https:\/\/status\.sega\.example\/subscriptions\/channel\/confirm\?token=/);
    expect(pending.bodies).toHaveLength(1);
    expect((pending.bodies[0] as { type: string; attachments: { contentType: string }[] }).attachments[0].contentType).toBe("application/vnd.microsoft.card.adaptive");

    // The first update: the admin channels get it, the unconfirmed ones do not.
    const first = await publish("Sega Pass login unavailable", ["sega-pass-login"], "We are looking into **login failures**. <!channel> @everyone");
    await drain();
    expect(slack.bodies).toHaveLength(1);
    const slackMessage = slack.bodies[0] as { text: string; blocks: { type: string; text?: { text: string } }[] };
    expect(slackMessage.text).toBe("Sega Pass status: Sega Pass login unavailable (Investigating)");
    expect(slackMessage.blocks[0]).toMatchObject({ type: "header", text: { text: "Sega Pass login unavailable" } });
    expect(slackMessage.blocks[2].text!.text).toBe("We are looking into *login failures*. &lt;!channel&gt; @everyone");
    // Chat services check no signature: the body goes as plain JSON.
    expect(slack.headers[0]["content-type"]).toBe("application/json");
    expect(slack.headers[0]["webhook-signature"]).toBeUndefined();
    const discordMessage = discord.bodies[0] as { embeds: { title: string; url: string; description: string; fields: { name: string }[] }[] };
    expect(discordMessage.embeds[0]).toMatchObject({ title: "Sega Pass login unavailable", url: `https://status.sega.example/incidents/${first.id}#update-${first.updates[0].id}` });
    expect(discordMessage.embeds[0].description).toContain("@\u200beveryone");
    expect(discordMessage.embeds[0].fields.map((field) => field.name)).not.toContain("This channel");
    const teamsCard = (teams.bodies[0] as { attachments: { content: { type: string; body: { text?: string }[] } }[] }).attachments[0].content;
    expect(teamsCard.type).toBe("AdaptiveCard");
    expect(teamsCard.body.map((element) => element.text)).toContain("Sega Pass login unavailable");
    expect(readers.bodies).toHaveLength(1);
    expect(pending.bodies).toHaveLength(1);
    const sent = await db().delivery.findMany({ where: { notification: { updateId: first.updates[0].id } }, include: { endpoint: true } });
    expect(sent.map((delivery) => [delivery.endpoint?.url, delivery.status, delivery.responseStatus]).sort()).toEqual(
      [[slack.url, "sent", 200], [discord.url, "sent", 204], [teams.url, "sent", 202]].sort(),
    );

    // Looking at the link changes nothing; the button confirms, once.
    expect((await previewChatConfirmation(tokenOf(confirmLink))).channel).toMatchObject({ host: new URL(readers.url).host, format: "discord", confirmed: false, allServices: false });
    const confirmed = await confirmChatChannel(tokenOf(confirmLink));
    expect(confirmed).toMatchObject({ ok: true, manage: expect.stringMatching(/^https:\/\/status\.sega\.example\/subscriptions\/channel\?token=/) });
    expect(await confirmChatChannel(tokenOf(confirmLink))).toMatchObject({ ok: false });

    // The second update reaches the confirmed channel too, with its manage link; a failing Slack receiver is retried.
    slack.failures.push(500);
    const second = await publish("Forums and login offline", ["sega-pass-login"], "Both are off while we check them.");
    const running = worker();
    await running.fanOut();
    await running.deliverBatch();
    const failing = await db().delivery.findFirstOrThrow({ where: { notification: { updateId: second.updates[0].id }, endpoint: { url: slack.url } } });
    expect(failing).toMatchObject({ status: "pending", attempts: 1, responseStatus: 500, lastError: expect.stringMatching(/answered HTTP 500$/) });
    await new Promise((resolve) => setTimeout(resolve, 150));
    await drain(running);
    expect(await db().delivery.findUniqueOrThrow({ where: { id: failing.id } })).toMatchObject({ status: "sent", attempts: 2, responseStatus: 200 });
    expect(slack.bodies).toHaveLength(3);
    expect(slack.bodies[2]).toEqual(slack.bodies[1]);
    expect(readers.bodies).toHaveLength(2);
    const update = readers.bodies[1] as { embeds: { title: string; fields: { name: string; value: string }[] }[] };
    expect(update.embeds[0].title).toBe("Forums and login offline");
    const manageField = update.embeds[0].fields.find((field) => field.name === "This channel")!;
    const manageLink = /\((https:[^)]+)\)/.exec(manageField.value)![1];
    expect(manageLink).toBe(confirmed.manage);
    expect(pending.bodies).toHaveLength(1);
    // Not even an admin's test reaches a channel nobody confirmed.
    const unconfirmed = await db().webhookEndpoint.findFirstOrThrow({ where: { url: pending.url } });
    expect(await changeWebhook(admin, { endpointId: unconfirmed.id, intent: "test" })).toMatchObject({ ok: false, error: expect.stringMatching(/^Nothing but its confirmation/) });
    expect(pending.bodies).toHaveLength(1);

    // An update about other services does not reach the channel that chose login only.
    await publish("Forums slow", ["forums"], "Pages load slowly.");
    await drain();
    expect(readers.bodies).toHaveLength(2);
    expect(slack.bodies).toHaveLength(4);

    // The manage link changes the choice and removes the channel.
    expect(await updateChatChannel({ token: tokenOf(manageLink), scope: "all" })).toMatchObject({ ok: true });
    expect(await findChatChannel(tokenOf(manageLink))).toMatchObject({ allServices: true, confirmed: true });
    expect(await removeChatChannel(tokenOf(manageLink))).toBe(true);
    expect(await findChatChannel(tokenOf(manageLink))).toBeNull();
    expect(await db().webhookEndpoint.count({ where: { url: readers.url } })).toBe(0);
  });

  it("sends an admin's test in the channel's format", async () => {
    const target = await receiver(200, "ok");
    receivers.push(target);
    await addWebhook(admin, { url: target.url, format: "slack" });
    const endpoint = await db().webhookEndpoint.findFirstOrThrow({ where: { url: target.url } });
    expect(await changeWebhook(admin, { endpointId: endpoint.id, intent: "test" })).toMatchObject({ ok: true, message: expect.stringMatching(/answered HTTP 200/) });
    expect(target.bodies[0]).toMatchObject({ blocks: [{ type: "header", text: { text: "Test from Sega Pass status" } }, { type: "section" }, { type: "actions" }] });
  });

  it("keeps nothing for a channel that refuses the confirmation, and limits confirmations per URL", async () => {
    const refusing = await receiver(404);
    const flooded = await receiver(200, "ok");
    receivers.push(refusing, flooded);
    expect(await addChatChannel({ url: refusing.url, format: "slack" }, someone())).toMatchObject({
      ok: false,
      fieldErrors: { url: expect.stringMatching(/^The channel did not accept our message: 127\.0\.0\.1:\d+ answered HTTP 404/) },
      values: { url: refusing.url, format: "slack" },
    });
    expect(await db().webhookEndpoint.count({ where: { url: refusing.url } })).toBe(0);

    for (let index = 0; index < CHAT_CONFIRMATIONS_PER_URL; index++) expect(await addChatChannel({ url: flooded.url, format: "slack" }, someone())).toMatchObject({ ok: true });
    expect(await addChatChannel({ url: flooded.url, format: "slack" }, someone())).toMatchObject({ ok: false, error: expect.stringMatching(/a few times already this hour/) });
    expect(flooded.bodies).toHaveLength(CHAT_CONFIRMATIONS_PER_URL);
    // One pending confirmation per URL: asking again replaced the link rather than adding a channel.
    expect(await db().webhookEndpoint.count({ where: { url: flooded.url } })).toBe(1);
    const links = flooded.bodies.map((body) => /<([^|]+)\|Confirm>/.exec((body as { blocks: { text?: { text: string } }[] }).blocks[1].text!.text)![1].replace(/&amp;/g, "&"));
    expect(await confirmChatChannel(tokenOf(links[0]))).toMatchObject({ ok: false });
    expect(await confirmChatChannel(tokenOf(links[2]))).toMatchObject({ ok: true });
  });

  it("validates the form and refuses private addresses and plain http where the send would", async () => {
    expect(await addChatChannel({ url: "javascript:alert(1)", format: "slack" }, someone())).toMatchObject({ ok: false, fieldErrors: { url: expect.any(String) } });
    expect(await addChatChannel({ url: "https://hooks.slack.com/services/x", format: "herald" }, someone())).toMatchObject({ ok: false, fieldErrors: { format: "Choose Slack, Discord or Microsoft Teams." } });
    expect(await addChatChannel({ url: "https://hooks.slack.com/services/x", format: "slack", scope: "some" }, someone())).toMatchObject({ ok: false, fieldErrors: { services: expect.any(String) } });
    expect(chatUrlProblem("http://hooks.slack.com/services/x", false)).toBe("Use the https:// address the chat service gave you.");
    expect(chatUrlProblem("http://127.0.0.1:9/hook", true)).toBeNull();
    expect(await refusedAddress(new URL("https://127.0.0.1/hook"), false)).toMatch(/private or loopback/);
    expect(await refusedAddress(new URL("https://localhost/hook"), false)).toMatch(/^localhost resolves to a private or loopback address/);
    expect(await refusedAddress(new URL("https://localhost/hook"), true)).toBeNull();
  });
});
