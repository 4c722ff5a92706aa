import { createServer, type Server } from "node:http";
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Browser } from "@playwright/test";
import { consoleLink, openIncident, signIn } from "./admin";
import { OWNER } from "./base-url";

// An admin posts updates to a Slack channel; a reader with JavaScript off adds a Discord
// channel, confirms it from the channel's message, gets the next update there and stops
// it. The receivers are local HTTP servers answering as the services do.

test.describe.configure({ mode: "serial" });

interface Receiver {
  url: string;
  bodies: Record<string, unknown>[];
  server: Server;
}

async function receiver(status: number, text = ""): Promise<Receiver> {
  const bodies: Record<string, unknown>[] = [];
  const server = createServer((request, response) => {
    let body = "";
    request.on("data", (chunk) => (body += chunk));
    request.on("end", () => {
      bodies.push(JSON.parse(body) as Record<string, unknown>);
      response.writeHead(status).end(text);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { url: `http://127.0.0.1:${(server.address() as { port: number }).port}/hook/${Date.now()}`, bodies, server };
}

/**
 * axe runs as a script in the page, and in a context with JavaScript off the page's timers
 * never fire: axe waits on one after every rule and would never answer. So the check
 * opens the page in a context of its own with JavaScript on (as public-pages.spec.ts does).
 */
async function expectNoAxeViolations(browser: Browser, path: string) {
  const context = await browser.newContext({ javaScriptEnabled: true });
  try {
    const page = await context.newPage();
    await page.goto(path);
    const results = await new AxeBuilder({ page }).analyze();
    expect(results.violations.map((violation) => `${page.url()} ${violation.id}: ${violation.nodes.map((node) => node.target.join(" ")).join(", ")}`)).toEqual([]);
  } finally {
    await context.close();
  }
}

type DiscordBody = { allowed_mentions: unknown; embeds: { title: string; url: string; fields?: { name: string; value: string }[] }[] };
type SlackBody = { text: string; blocks: { type: string; text?: { text: string } }[] };

test("an admin's Slack channel and a reader's Discord channel get updates in their own formats", async ({ browser, page }) => {
  // Two receivers, the console and a reader's confirmation: a slow test on two shared cores.
  test.slow();
  const slack = await receiver(200, "ok");
  const discord = await receiver(204);
  try {
    // The admin adds a Slack channel: live at once.
    await signIn(page, OWNER);
    await consoleLink(page, "Webhooks");
    await page.getByLabel("Format").selectOption({ label: "Slack" });
    await page.getByLabel("URL").fill(slack.url);
    await page.getByRole("button", { name: "Add endpoint" }).click();
    await expect(page.getByRole("status").first()).toContainText(`will be posted to ${slack.url} as a Slack message`);
    // A local receiver is not on hooks.slack.com: a warning, not a refusal.
    await expect(page.getByRole("status").first()).toContainText("usually look like https://hooks.slack.com");
    await expect(page.getByRole("article", { name: slack.url })).toContainText("Slack · Added by an admin");

    // A reader without JavaScript adds a Discord channel for the website only.
    const phone = await browser.newContext({ javaScriptEnabled: false });
    const reader = await phone.newPage();
    await reader.goto("/subscribe");
    await reader.getByRole("link", { name: "Add a chat channel" }).click();
    await expect(reader.getByRole("heading", { level: 1 })).toHaveText("Post updates to a chat channel");
    await expectNoAxeViolations(browser, "/subscriptions/chat");
    await reader.getByRole("radio", { name: "Discord" }).check();
    await reader.getByLabel("Incoming-webhook URL").fill("not a url");
    await reader.getByRole("button", { name: "Post updates to this channel" }).click();
    await expect(reader.getByText("Paste the full https:// address the chat service gave you.")).toBeVisible();
    await expect(reader.getByRole("radio", { name: "Discord" })).toBeChecked();
    await reader.getByLabel("Incoming-webhook URL").fill(discord.url);
    await reader.getByRole("radio", { name: /Only the ones I tick/ }).check();
    await reader.getByRole("checkbox", { name: "Website" }).check();
    await reader.getByRole("button", { name: "Post updates to this channel" }).click();
    await expect(reader.getByRole("main").getByRole("status")).toContainText("Check the channel for the confirmation message");

    // The channel got one message: its confirmation, pinging nobody.
    expect(discord.bodies).toHaveLength(1);
    const confirmation = discord.bodies[0] as DiscordBody;
    expect(confirmation.allowed_mentions).toEqual({ parse: [] });
    await reader.goto(confirmation.embeds[0].url);
    await expect(reader.getByText(`Post status updates about Website to the Discord channel at ${new URL(discord.url).host}?`)).toBeVisible();
    await reader.getByRole("button", { name: "Confirm: post updates here" }).click();
    await expect(reader.getByRole("main").getByRole("status")).toContainText("Confirmed: the channel will get our status updates.");

    await page.goto("/admin/webhooks");
    // The admin sees the reader's channel, but not its URL (the key to post into it).
    const readersChannel = page.getByRole("article").filter({ hasText: "Added by a reader" });
    await expect(readersChannel).toContainText(/Discord · Added by a reader, confirmed/);
    await expect(readersChannel).not.toContainText(discord.url);

    // The next update about the website reaches both, each in its own format.
    const title = `Website slow for chat ${Date.now()}`;
    await openIncident(page, { title, service: "Website", body: "Pages load **slowly**. @everyone <!channel>" });
    await expect.poll(() => slack.bodies.length, { timeout: 15_000 }).toBe(1);
    await expect.poll(() => discord.bodies.length, { timeout: 15_000 }).toBe(2);
    const slackMessage = slack.bodies[0] as SlackBody;
    expect(slackMessage.blocks[0]).toMatchObject({ type: "header", text: { text: title } });
    expect(slackMessage.blocks[2].text!.text).toBe("Pages load *slowly*. @everyone &lt;!channel&gt;");
    const update = discord.bodies[1] as DiscordBody;
    expect(update.embeds[0].title).toBe(title);
    const manage = /\((https?:[^)]+)\)/.exec(update.embeds[0].fields!.find((field) => field.name === "This channel")!.value)![1];

    // Anyone in the channel can stop the messages from the link every message carries.
    await reader.goto(manage);
    await expect(reader.getByRole("heading", { level: 1 })).toHaveText("Chat channel updates");
    await reader.getByRole("button", { name: "Stop posting to this channel" }).click();
    await expect(reader.getByRole("heading", { level: 1 })).toHaveText("Removed");
    await page.goto("/admin/webhooks");
    await expect(page.getByRole("article").filter({ hasText: "Added by a reader" })).toHaveCount(0);
    await phone.close();

    // The admin removes the Slack channel, so later specs' updates are not sent to a receiver that is gone.
    page.once("dialog", (dialog) => void dialog.accept());
    await page.getByRole("article", { name: slack.url }).getByRole("button", { name: `Delete ${slack.url}` }).click();
    await expect(page.getByRole("article", { name: slack.url })).toHaveCount(0);
  } finally {
    for (const { server } of [slack, discord]) {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  }
});
