import { createServer, request as httpRequest, type IncomingHttpHeaders } from "node:http";
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { Webhook } from "standardwebhooks";
import { consoleLink, openIncident, signIn } from "./admin";
import { OWNER } from "./base-url";
import { linkTo, waitForMail } from "./mail";

// A reader on a phone with JavaScript off subscribes to the forums, confirms by mail,
// hears about the next update and leaves with one click; an admin watches it go out,
// adds a webhook and exports the list.

test.describe.configure({ mode: "serial" });

const reader = `reader.${Date.now()}@example.net`;

async function expectNoAxeViolations(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  expect(results.violations.map((violation) => `${page.url()} ${violation.id}: ${violation.nodes.map((node) => node.target.join(" ")).join(", ")}`)).toEqual([]);
}

test("a reader subscribes without JavaScript, confirms from the mail, gets the update, and unsubscribes in one click", async ({ browser, page, request }) => {
  const phone = await browser.newContext({ javaScriptEnabled: false });
  const readerPage = await phone.newPage();
  await readerPage.goto("/");
  await readerPage.getByRole("link", { name: "Get updates" }).click();
  await expect(readerPage.getByRole("heading", { level: 1 })).toHaveText("Get updates by email");

  // A typo is explained next to the field, and nothing typed is lost.
  await readerPage.getByLabel("Email address").fill("reader-at-example.net");
  await readerPage.getByRole("radio", { name: /Only the ones I tick/ }).check();
  await readerPage.getByRole("checkbox", { name: "Forums" }).check();
  await readerPage.getByRole("button", { name: "Subscribe" }).click();
  await expect(readerPage.getByRole("alert")).toHaveText("Check the highlighted fields.");
  await expect(readerPage.getByText("Enter an email address like name@example.com.")).toBeVisible();
  await expect(readerPage.getByLabel("Email address")).toHaveValue("reader-at-example.net");
  await expect(readerPage.getByRole("checkbox", { name: "Forums" })).toBeChecked();

  await readerPage.getByLabel("Email address").fill(reader);
  await readerPage.getByRole("button", { name: "Subscribe" }).click();
  await expect(readerPage.getByRole("main").getByRole("status")).toContainText("Check your inbox");

  const [confirmation] = await waitForMail(reader, /^Confirm your subscription/);
  expect(confirmation.parsed.text).toContain("about Forums");
  await readerPage.goto(linkTo(confirmation, "/subscriptions/confirm"));
  await expect(readerPage.getByText(`Send status updates about Forums to ${reader}?`)).toBeVisible();
  await readerPage.getByRole("button", { name: "Confirm subscription" }).click();
  await expect(readerPage.getByRole("main").getByRole("status")).toContainText(`Confirmed: ${reader} will get our status updates.`);

  // The comms lead posts about the forums; the mail follows on its own.
  await signIn(page, OWNER);
  const title = `Forum posts delayed ${Date.now()}`;
  await openIncident(page, { title, service: "Forums", body: "New posts take **minutes** to appear. We are on it." });
  const incidentAdminUrl = page.url();
  const [notice] = await waitForMail(reader, new RegExp(title));
  expect(notice.parsed.text).toContain("New posts take minutes to appear. We are on it.");
  expect(notice.parsed.text).toMatch(/Investigating · .*(BST|GMT)/);
  expect(notice.parsed.html).toContain("<strong>minutes</strong>");
  expect(notice.headers).toMatch(/^List-Unsubscribe-Post: List-Unsubscribe=One-Click$/m);
  const unsubscribe = /^List-Unsubscribe: <([^>]+)>$/m.exec(notice.headers)![1];
  const updateLink = /https?:\/\/\S+\/incidents\/\w+#update-\w+/.exec(notice.parsed.text ?? "")![0];
  await readerPage.goto(updateLink);
  await expect(readerPage.getByRole("heading", { level: 1 })).toHaveText(title);

  // The admin sees it delivered, live.
  await page.getByRole("navigation", { name: "Admin" }).getByRole("link", { name: "Deliveries" }).click();
  const row = page.getByRole("row").filter({ hasText: title });
  await expect(row.getByRole("cell").nth(1)).toHaveText("1");
  await expect(row.getByRole("cell").nth(2)).toHaveText("0");
  await expect(page.getByText(/1 delivery worker is running/)).toBeVisible();
  await page.goto(incidentAdminUrl);
  const sent = page.getByRole("region", { name: "Sent to subscribers" }).getByRole("row").filter({ hasText: title });
  await expect(sent.getByRole("cell").nth(1)).toHaveText("1");

  // The address is in the admin's list and export, and nowhere public.
  await page.goto(`/admin/subscribers?q=${encodeURIComponent(reader)}`);
  await expect(page.getByRole("cell", { name: reader, exact: true })).toBeVisible();
  const csv = await page.request.get("/admin/subscribers/export");
  expect(csv.headers()["content-type"]).toBe("text/csv; charset=utf-8");
  expect(await csv.text()).toMatch(new RegExp(`^${reader.replace(/\./g, "\\.")},confirmed,Forums,`, "m"));
  const stranger = await request.get("/admin/subscribers/export", { maxRedirects: 0 });
  expect(stranger.headers()["location"] ?? "").toMatch(/\/admin\/login/);
  expect(await stranger.text()).not.toContain(reader);
  for (const path of ["/", "/history", "/history.rss", "/history.json", "/api/v2/summary.json", "/api/v2/incidents.json"]) {
    expect(await (await request.get(path)).text(), path).not.toContain(reader);
  }

  // One click from the mail client (RFC 8058): a POST, no cookies, no page.
  const oneClick = await request.post(unsubscribe, { form: { "List-Unsubscribe": "One-Click" } });
  expect(oneClick.status()).toBe(200);
  expect(await oneClick.text()).toBe("Unsubscribed.\n");
  // Again (providers retry): the same answer. A mangled link or an oversized body: a plain refusal.
  expect(await (await request.post(unsubscribe, { form: { "List-Unsubscribe": "One-Click" } })).text()).toBe("Unsubscribed.\n");
  const mangled = await request.post(unsubscribe.replace(/token=[^&]+/, "token=abc"), { form: { "List-Unsubscribe": "One-Click" } });
  expect([mangled.status(), await mangled.text()]).toEqual([400, "This unsubscribe link is incomplete or has been changed. Use the link at the foot of any of our mails.\n"]);
  expect((await request.post(unsubscribe, { data: "x".repeat(100_000), headers: { "content-type": "application/x-www-form-urlencoded" } })).status()).toBe(413);
  // Chunked, with no length declared: refused all the same, without reading it all.
  const chunked = await new Promise<number>((resolve, reject) => {
    const post = httpRequest(new URL(unsubscribe), { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" } }, (response) => {
      response.resume();
      resolve(response.statusCode ?? 0);
    });
    post.on("error", reject);
    for (let chunk = 0; chunk < 10; chunk++) post.write("List-Unsubscribe=One-Click&".padEnd(1_000, "x"));
    post.end();
  });
  expect(chunked).toBe(413);
  await page.goto(`/admin/subscribers?q=${encodeURIComponent(reader)}`);
  await expect(page.getByText("No address matches.")).toBeVisible();
  await readerPage.goto(unsubscribe);
  await expect(readerPage.getByRole("heading", { level: 1 })).toHaveText("No subscription here");
  await phone.close();
});

test("a subscriber changes services and unsubscribes from the manage page; an admin removes another", async ({ browser, page }) => {
  // Two contexts, mail round trips and an axe walk: a slow test on two shared cores.
  test.slow();
  const phone = await browser.newContext({ javaScriptEnabled: false });
  const readerPage = await phone.newPage();
  const someone = `chooser.${Date.now()}@example.net`;
  await readerPage.goto("/subscribe");
  await readerPage.getByLabel("Email address").fill(someone);
  await readerPage.getByRole("button", { name: "Subscribe" }).click();
  await expect(readerPage.getByRole("main").getByRole("status")).toContainText("Check your inbox");
  await readerPage.goto(linkTo((await waitForMail(someone, /^Confirm/))[0], "/subscriptions/confirm"));
  await readerPage.getByRole("button", { name: "Confirm subscription" }).click();
  await expect(readerPage.getByRole("main").getByRole("status")).toContainText("Confirmed");

  // Asking again sends a manage link, and the same answer as for a stranger.
  await readerPage.goto("/subscribe");
  await readerPage.getByLabel("Email address").fill(someone);
  await readerPage.getByRole("button", { name: "Subscribe" }).click();
  await expect(readerPage.getByRole("main").getByRole("status")).toContainText("Check your inbox");
  await readerPage.goto(linkTo((await waitForMail(someone, /already get/))[0], "/subscriptions/manage"));
  await expect(readerPage.getByRole("heading", { level: 1 })).toHaveText("Your subscription");
  await readerPage.getByRole("radio", { name: /Only the ones I tick/ }).check();
  await readerPage.getByRole("checkbox", { name: "Payments" }).check();
  await readerPage.getByRole("button", { name: "Save my choice" }).click();
  await expect(readerPage.getByRole("main").getByRole("status")).toHaveText("Saved. You will hear about the services you chose.");
  await readerPage.reload();
  await expect(readerPage.getByRole("checkbox", { name: "Payments" })).toBeChecked();
  await expect(readerPage.getByRole("checkbox", { name: "Forums" })).not.toBeChecked();
  await readerPage.getByRole("button", { name: "Unsubscribe" }).click();
  await expect(readerPage.getByRole("heading", { level: 1 })).toHaveText("You are unsubscribed");
  await phone.close();

  // Another reader, removed by an admin.
  const other = `removed.${Date.now()}@example.net`;
  const otherPage = await (await browser.newContext()).newPage();
  await otherPage.goto("/subscribe");
  await otherPage.getByLabel("Email address").fill(other);
  await otherPage.getByRole("button", { name: "Subscribe" }).click();
  await expect(otherPage.getByRole("status")).toContainText("Check your inbox");
  await signIn(page, OWNER);
  await page.goto(`/admin/subscribers?q=${encodeURIComponent(other)}`);
  await expect(page.getByRole("row").filter({ hasText: other })).toContainText("Not confirmed");
  page.once("dialog", (dialog) => void dialog.accept());
  await page.getByRole("button", { name: `Remove ${other}` }).click();
  await expect(page.getByRole("row").filter({ hasText: other })).toHaveCount(0);
  await expect(page.getByText("No address matches.")).toBeVisible();
  await page.goto("/admin/audit");
  await expect(page.getByText(/subscriber removed subscriber/).first()).toBeVisible();
  await expectNoAxeViolations(otherPage);
  for (const path of ["/admin/deliveries", "/admin/subscribers", "/admin/webhooks"]) {
    await page.goto(path);
    await expectNoAxeViolations(page);
  }
});

test("an admin adds a webhook; the next update arrives signed, and a failing endpoint shows why", async ({ page }) => {
  const received: { headers: IncomingHttpHeaders; body: string }[] = [];
  let status = 204;
  const receiver = createServer((request, response) => {
    let body = "";
    request.on("data", (chunk) => (body += chunk));
    request.on("end", () => {
      received.push({ headers: request.headers, body });
      response.statusCode = status;
      response.end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(receiver.address() as { port: number }).port}/herald`;
  try {
    await signIn(page, OWNER);
    await consoleLink(page, "Webhooks");
    await page.getByLabel("URL").fill("ftp://example.com/hook");
    await page.getByRole("button", { name: "Add endpoint" }).click();
    await expect(page.getByText("Enter a full http:// or https:// URL.")).toBeVisible();
    await page.getByLabel("URL").fill(url);
    await page.getByLabel("Description (optional)").fill("Newsroom bot");
    await page.getByRole("button", { name: "Add endpoint" }).click();
    await expect(page.getByRole("status").first()).toContainText(`Every published update will be POSTed to ${url}`);
    const endpoint = page.getByRole("article", { name: url });
    await endpoint.getByText("Signing secret").click();
    const secret = (await endpoint.locator("code").first().textContent())!.trim();
    expect(secret).toMatch(/^whsec_/);

    // A test first, to see the receiver is reached and takes the signature.
    await endpoint.getByRole("button", { name: `Send a test to ${url}` }).click();
    await expect(endpoint.getByRole("status")).toContainText(/Test delivered: 127\.0\.0\.1:\d+ answered HTTP 204 in \d+ ms/);
    expect(new Webhook(secret).verify(received[0].body, received[0].headers as Record<string, string>)).toMatchObject({ meta: { event: "test" } });
    received.length = 0;

    const title = `Website slow ${Date.now()}`;
    await openIncident(page, { title, service: "Website", body: "Pages load slowly." });
    await expect.poll(() => received.length, { timeout: 15_000 }).toBe(1);
    const payload = new Webhook(secret).verify(received[0].body, received[0].headers as Record<string, string>) as { incident: { name: string; status: string } };
    expect(payload.incident).toMatchObject({ name: title, status: "investigating" });

    await page.goto("/admin/webhooks");
    await endpoint.getByText(/Recent deliveries/).click();
    await expect(endpoint.getByText(`${title}: sent after 1 attempt`)).toBeVisible();

    // The receiver breaks: the admin sees the failure and when it will be tried again.
    status = 500;
    const second = `Website still slow ${Date.now()}`;
    await openIncident(page, { title: second, service: "Website", body: "Still slow." });
    await expect.poll(() => received.length, { timeout: 15_000 }).toBe(2);
    await expect(async () => {
      await page.goto("/admin/webhooks");
      await endpoint.getByText(/Recent deliveries/).click();
      await expect(endpoint.getByText(new RegExp(`${second}: pending after 1 attempt .* answered HTTP 500 · next try`))).toBeVisible({ timeout: 1_000 });
    }).toPass({ timeout: 10_000 });
    await expect(endpoint).toContainText("On, 1 failure in a row");
    await endpoint.getByRole("button", { name: `Switch off ${url}` }).click();
    await expect(endpoint).toContainText("Switched off by an admin.");
  } finally {
    receiver.close();
  }
});
