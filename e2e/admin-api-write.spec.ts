import { randomBytes } from "node:crypto";
import { expect, test, type Page } from "@playwright/test";
import { consoleLink, signIn } from "./admin";
import { OWNER } from "./base-url";

// A deploy pipeline reports an incident the way it would to Statuspage: a key made in the
// console, the incident opened with JSON, updated with a form-encoded PATCH (curl -d), and
// a reader with the page open sees both without reloading.

test.describe.configure({ mode: "serial" });

const tag = randomBytes(3).toString("hex");

async function createKey(page: Page, name: string): Promise<string> {
  await signIn(page, OWNER);
  // Through the console's own link, so the form is hydrated before it is filled.
  await page.goto("/admin");
  await consoleLink(page, "API keys");
  await page.getByLabel("Name").fill(name);
  await page.getByLabel("Role").selectOption("editor");
  await page.getByRole("button", { name: "Create key" }).click();
  const key = await page.getByLabel("Your new API key").inputValue();
  expect(key).toMatch(/^hrld_/);
  return key;
}

test("an incident opened and updated through the write API reaches an open page", async ({ page, request, browser }) => {
  // A whole story through several pages and contexts: a slow test on two shared cores.
  test.slow();
  const key = await createKey(page, `Pipeline ${tag}`);
  const summary = await (await request.get("/api/v2/summary.json")).json();
  const pageId = summary.page.id as string;
  const payments = (summary.components as { id: string; name: string }[]).find((component) => component.name === "Payments")!;
  const base = `/api/v1/pages/${pageId}/incidents`;
  const auth = { Authorization: `OAuth ${key}` };

  // The reader's page, with JavaScript on, open before anything is posted.
  const context = await browser.newContext({ javaScriptEnabled: true });
  const reader = await context.newPage();
  const stream = reader.waitForResponse((response) => new URL(response.url()).pathname === "/events");
  await reader.goto("/");
  expect((await stream).status()).toBe(200);

  const name = `Card payments failing ${tag}`;
  const created = await request.post(base, {
    headers: { ...auth, "Idempotency-Key": `open-${tag}` },
    data: { incident: { name, status: "investigating", body: "Card payments are being declined.", components: { [payments.id]: "partial_outage" } } },
  });
  expect(created.status()).toBe(201);
  const incident = await created.json();
  expect(incident).toMatchObject({ name, status: "investigating", page_id: pageId, draft: false });
  const etag = created.headers()["etag"];
  expect(etag).toBeTruthy();

  // A retry of the same POST answers with the same incident, not a second one.
  const retried = await request.post(base, {
    headers: { ...auth, "Idempotency-Key": `open-${tag}` },
    data: { incident: { name, status: "investigating", body: "Card payments are being declined.", components: { [payments.id]: "partial_outage" } } },
  });
  expect(retried.headers()["idempotent-replayed"]).toBe("true");
  expect((await retried.json()).id).toBe(incident.id);

  try {
    // How soon is measured by npm run bench, not timed here: this machine is shared.
    await expect(reader.getByRole("link", { name }).first()).toBeVisible({ timeout: 10_000 });

    // Now the reader follows the incident's own page while the form-encoded update is sent.
    const incidentStream = reader.waitForResponse((response) => new URL(response.url()).pathname === "/events");
    await reader.goto(`/incidents/${incident.id}`);
    expect((await incidentStream).status()).toBe(200);
    const updates = reader.getByRole("region", { name: "Updates, newest first" }).getByRole("article");
    await expect(updates).toHaveCount(1);

    const updated = await request.patch(`${base}/${incident.id}`, {
      headers: { ...auth, "If-Match": etag },
      form: { "incident[status]": "identified", "incident[body]": "A certificate expired; a new one is being issued." },
    });
    expect(updated.status()).toBe(200);
    const answer = await updated.json();
    expect(answer.status).toBe("identified");
    // Newest first, as Statuspage lists them.
    expect(answer.incident_updates[0]).toMatchObject({ status: "identified", body: "A certificate expired; a new one is being issued." });

    // The same change again with the old ETag is refused: it is stale now.
    const stale = await request.patch(`${base}/${incident.id}`, { headers: { ...auth, "If-Match": etag }, form: { "incident[status]": "monitoring" } });
    expect(stale.status()).toBe(412);

    await expect(updates).toHaveCount(2, { timeout: 10_000 });
    await expect(updates.first()).toContainText("A certificate expired; a new one is being issued.");
  } finally {
    // Resolve it, so the specs after this one see the story as it was.
    const resolved = await request.patch(`${base}/${incident.id}`, {
      headers: auth,
      data: { incident: { status: "resolved", body: "Payments work again.", components: { [payments.id]: "operational" }, deliver_notifications: false } },
    });
    expect(resolved.status()).toBe(200);
    await context.close();
  }
});
