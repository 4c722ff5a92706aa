import { createHash } from "node:crypto";
import { expect, test, type Browser, type Page } from "@playwright/test";
import { signIn } from "./admin";
import { OWNER } from "./base-url";
import { cutPostgres, execute, onPostgres } from "./database";

// During the outage people sit on the status page. An open page follows what is
// published without a reload, says what changed to screen readers, and with
// JavaScript off is exactly the page it always was.

const bump = 'UPDATE "PageSettings" SET "version" = "version" + 1 WHERE "id" = 1';
const INCIDENT = "Unauthorised access to the Sega Pass database";

type Marked = Window & { __violations: string[]; __stillHere?: boolean };

/**
 * A reader's page with JavaScript on (the project turns it off), noting the policy's
 * violations, script errors and navigations, once its event stream is open.
 */
async function openReader(browser: Browser, path: string, viewport = { width: 1280, height: 720 }) {
  const context = await browser.newContext({ javaScriptEnabled: true, viewport });
  await context.addInitScript(() => {
    (window as unknown as Marked).__violations = [];
    document.addEventListener("securitypolicyviolation", (event) => (window as unknown as Marked).__violations.push(`${event.violatedDirective} ${event.blockedURI}`));
  });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on("pageerror", (error) => errors.push(error.message));
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(message.text());
  });
  let navigations = 0;
  page.on("framenavigated", (frame) => {
    if (frame === page.mainFrame()) navigations++;
  });
  const stream = page.waitForResponse((response) => new URL(response.url()).pathname === "/events");
  await page.goto(path);
  expect((await stream).status()).toBe(200);
  // A navigation or a reload would lose this.
  await page.evaluate(() => ((window as unknown as Marked).__stillHere = true));
  return {
    context,
    page,
    region: page.locator("#live-updates"),
    /** Nothing reloaded the page, no script failed, and the policy refused nothing. */
    async expectUntouched() {
      expect(await page.evaluate(() => (window as unknown as Marked).__stillHere)).toBe(true);
      expect(navigations).toBe(1);
      expect(await page.evaluate(() => (window as unknown as Marked).__violations)).toEqual([]);
      expect(errors).toEqual([]);
    },
  };
}

/** The owner signed in to the console, in a context with JavaScript (the console needs it). */
async function ownerConsole(browser: Browser) {
  const context = await browser.newContext({ javaScriptEnabled: true });
  const admin = await context.newPage();
  await signIn(admin, OWNER);
  return { context, admin };
}

const serviceRow = (page: Page, name: string) =>
  page
    .getByRole("region", { name: "Services" })
    .getByRole("listitem")
    .filter({ has: page.getByRole("link", { name, exact: true }) })
    .first();

test.describe.configure({ mode: "serial" });

test("an open page shows a status published in the console without a reload, and says what changed", async ({ browser }) => {
  const reader = await openReader(browser, "/");
  const payments = serviceRow(reader.page, "Payments");
  await expect(payments).toContainText("Operational");
  await expect(reader.region).toBeEmpty();
  await expect(reader.region).toHaveAttribute("aria-live", "polite");

  const { context, admin } = await ownerConsole(browser);
  const row = admin.getByRole("listitem").filter({ hasText: "Web and payments · Payments" });
  try {
    await row.getByRole("button", { name: "Partial outage for Payments" }).click();
    // How soon is measured by npm run bench (scripts/bench-live.ts), not timed here: this machine is shared.
    await expect(payments).toContainText("Partial outage", { timeout: 10_000 });
    await expect(reader.region).toHaveText("Payments is now partial outage.");
    await expect(row.getByRole("status")).toHaveText("Payments is now partial outage.");
  } finally {
    await row.getByRole("button", { name: "Operational for Payments" }).click();
    await expect(row.getByRole("status")).toHaveText("Payments is now operational.");
    await context.close();
  }
  await expect(payments).toContainText("Operational", { timeout: 10_000 });
  await expect(reader.region).toHaveText("Payments is now operational.");
  await reader.expectUntouched();
  await reader.context.close();
});

test("a new update shows on an open incident page and is announced, the reader's place and focus kept", async ({ browser, request }) => {
  const home = await (await request.get("/")).text();
  const incidentPath = home.match(/href="(\/incidents\/[^"#]+)"/)![1];
  // A small window, scrolled down to the oldest update: the new one arrives above it.
  const reader = await openReader(browser, incidentPath, { width: 800, height: 400 });
  const updates = reader.page.getByRole("region", { name: "Updates, newest first" }).getByRole("article");
  await expect(updates).toHaveCount(6);
  const oldest = updates.last();
  const link = oldest.getByRole("heading").getByRole("link");
  await link.focus();
  await oldest.scrollIntoViewIfNeeded();
  const before = (await oldest.boundingBox())!.y;
  expect(await reader.page.evaluate(() => window.scrollY)).toBeGreaterThan(0);

  const id = "live-e2e-update";
  const at = "2011-06-17T19:00:00.000+00:00";
  await execute(
    `INSERT INTO "IncidentUpdate" ("id", "incidentId", "status", "body", "displayAt", "createdAt", "updatedAt") ` +
      `SELECT '${id}', "id", 'monitoring', 'We are watching the new login servers closely.', '${at}', '${at}', '${at}' FROM "Incident" WHERE "title" = '${INCIDENT}'`,
    bump,
  );
  try {
    await expect(updates).toHaveCount(7, { timeout: 10_000 });
    await expect(updates.first()).toContainText("We are watching the new login servers closely.");
    await expect(reader.region).toHaveText(`New update on ${INCIDENT}: Monitoring.`);
    expect(Math.abs((await oldest.boundingBox())!.y - before)).toBeLessThan(2);
    await expect(link).toBeFocused();
  } finally {
    await execute(`DELETE FROM "IncidentUpdate" WHERE "id" = '${id}'`, bump);
  }
  await expect(updates).toHaveCount(6, { timeout: 10_000 });
  await reader.expectUntouched();
  await reader.context.close();
});

test("with JavaScript off a page is as it was: its one script tag is inert, and its policy allows that file alone", async ({ page, request }) => {
  const fetched: string[] = [];
  page.on("request", (sent) => fetched.push(new URL(sent.url()).pathname));
  const messages: string[] = [];
  page.on("console", (message) => messages.push(`${message.type()}: ${message.text()}`));
  page.on("pageerror", (error) => messages.push(error.message));

  const response = await page.goto("/");
  const hash = createHash("sha256")
    .update(await (await request.get("/live.js")).body())
    .digest("base64");
  const policy = response!.headers()["content-security-policy"];
  expect(policy).toContain(`script-src 'sha256-${hash}';`);
  expect(policy).toContain("connect-src 'self';");
  await expect(page.locator("script")).toHaveCount(1);
  await expect(page.locator("script")).toHaveAttribute("integrity", `sha256-${hash}`);
  await expect(page.locator("#live-updates")).toBeEmpty();
  // The form and the "not found" page carry no script, and allow none.
  for (const path of ["/subscribe", "/no-such-page"]) {
    const other = await request.get(path);
    expect(await other.text(), path).not.toMatch(/<script\b/i);
    expect(other.headers()["content-security-policy"], path).toContain("script-src 'none';");
  }

  const payments = serviceRow(page, "Payments");
  await execute(`UPDATE "Service" SET "status" = 'degraded_performance' WHERE "slug" = 'payments'`, bump);
  try {
    await expect.poll(async () => (await (await request.get("/services/payments")).text()).includes("Degraded performance"), { timeout: 5_000 }).toBe(true);
    // Served, but this page is as it was until the reader reloads.
    await expect(payments).toContainText("Operational");
    await page.reload();
    await expect(payments).toContainText("Degraded performance");
  } finally {
    await execute(`UPDATE "Service" SET "status" = 'operational' WHERE "slug" = 'payments'`, bump);
  }
  expect(fetched.filter((path) => path === "/live.js" || path === "/events")).toEqual([]);
  expect(messages).toEqual([]);
});

test.describe("with the database down", () => {
  test.skip(!onPostgres(), "cutting the database away from a running server needs PostgreSQL");

  test("an open page marks itself out of date, says so, and recovers by itself", async ({ browser, request }) => {
    const reader = await openReader(browser, "/");
    const main = reader.page.getByRole("main");
    await cutPostgres(false);
    try {
      await expect(main).toContainText("This page may be out of date", { timeout: 10_000 });
      await expect(reader.region).toHaveText("This page may be out of date: we cannot reach our database right now.");
      await expect(main).toContainText(INCIDENT);
    } finally {
      await cutPostgres(true);
    }
    await expect(main).not.toContainText("This page may be out of date", { timeout: 15_000 });
    await expect(reader.region).toHaveText("This page is up to date again.");
    expect((await request.get("/api/health")).status()).toBe(200);
    await reader.expectUntouched();
    await reader.context.close();
  });
});
