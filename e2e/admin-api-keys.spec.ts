import { randomBytes } from "node:crypto";
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { OWNER } from "./base-url";
import { consoleLink, signIn } from "./admin";

// An owner hands a deploy pipeline its own key: made in the console, shown once, listed
// with its last use, and revoked so that it stops working at once.

test.describe.configure({ mode: "serial" });

const tag = randomBytes(3).toString("hex");

async function expectNoAxeViolations(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  expect(results.violations.map((violation) => `${page.url()} ${violation.id}: ${violation.nodes.map((node) => node.target.join(" ")).join(", ")}`)).toEqual([]);
}

async function openApiKeys(page: Page) {
  // Through the console's own link, so the forms are hydrated before they are filled.
  await page.goto("/admin");
  await consoleLink(page, "API keys");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("API keys");
}

/** The key's row in the table, found by its name (the row's header cell). */
const keyRow = (page: Page, name: string) => page.getByRole("row").filter({ has: page.getByRole("rowheader", { name, exact: true }) });
/** Cells after the name: role, key, created, expires, last used, status, actions. */
const STATUS = 5;
const LAST_USED = 4;

test("an owner creates a key, sees it once, sees its last use, and revokes it at once", async ({ page, request }) => {
  const name = `Deploy pipeline ${tag}`;
  await signIn(page, OWNER);
  await openApiKeys(page);

  await page.getByLabel("Name").fill(name);
  await page.getByLabel("Role").selectOption("admin");
  await page.getByLabel("Expires after (days, optional)").fill("30");
  await page.getByRole("button", { name: "Create key" }).click();
  const shown = page.getByRole("status").filter({ hasText: "You will not see it again" });
  await expect(shown).toContainText(`Created the API key “${name}” (admin, expires `);
  const key = await page.getByLabel("Your new API key").inputValue();
  expect(key).toMatch(/^hrld_[a-z2-7]{52}$/);

  const row = keyRow(page, name);
  await expect(row.getByRole("cell").nth(STATUS)).toHaveText("Active");
  await expect(row.getByRole("cell").nth(LAST_USED)).toHaveText("Never used");
  await expect(row).toContainText(`${key.slice(0, 12)}…`);
  await expect(page.getByRole("table")).not.toContainText(key);
  await expectNoAxeViolations(page);

  // Shown once: the page drawn again no longer holds it anywhere.
  await page.reload();
  await expect(page.getByLabel("Your new API key")).toHaveCount(0);
  expect(await page.content()).not.toContain(key);

  // The key works with the write API, and the console shows that it was used.
  const pageId = (await (await request.get("/api/v2/summary.json")).json()).page.id as string;
  const components = `/api/v1/pages/${pageId}/components`;
  expect((await request.get(components, { headers: { authorization: `Bearer ${key}` } })).status()).toBe(200);
  await page.reload();
  await expect(keyRow(page, name).getByRole("cell").nth(LAST_USED)).not.toHaveText("Never used");

  await row.locator("summary").click();
  const revoke = row.getByRole("button", { name: `Revoke “${name}”` });
  await revoke.click();
  await expect(row.getByText("Tick the box to confirm: whatever uses this key stops working at once.")).toBeVisible();
  await expect(row.getByRole("cell").nth(STATUS)).toHaveText("Active");
  await row.getByRole("checkbox", { name: `Yes, revoke “${name}”: whatever uses it stops working at once.` }).check();
  await revoke.click();
  await expect(row.getByRole("status")).toHaveText(`Revoked the API key “${name}”: it no longer works.`);
  await expect(row.getByRole("cell").nth(STATUS)).toHaveText(/^Revoked/);
  await expect(row.getByRole("button", { name: /Revoke/ })).toHaveCount(0);

  const refused = await request.get(components, { headers: { authorization: `Bearer ${key}` } });
  expect(refused.status()).toBe(401);
  expect((await refused.json()).error).toMatch(/valid API key/);

  // The audit log names who made and revoked it (the entries name the key; never the key itself).
  await page.goto("/admin/audit?entity=api_key");
  const entries = page.getByRole("row").filter({ hasText: name });
  await expect(entries.filter({ hasText: "created api_key" })).toContainText(OWNER.email);
  await expect(entries.filter({ hasText: "revoked api_key" })).toContainText(OWNER.email);
  expect(await page.content()).not.toContain(key);
});

test.describe("without JavaScript", () => {
  test("the forms still create, refuse and revoke", async ({ browser }) => {
    const name = `No-script key ${tag}`;
    // Signing in needs JavaScript today; the key forms must not.
    const signedIn = await browser.newContext();
    await signIn(await signedIn.newPage(), OWNER);
    const context = await browser.newContext({ javaScriptEnabled: false, storageState: await signedIn.storageState() });
    await signedIn.close();
    const page = await context.newPage();
    await page.goto("/admin/api-keys");

    await page.getByLabel("Name").fill(name);
    await page.getByLabel("Expires after (days, optional)").fill("0");
    await page.getByRole("button", { name: "Create key" }).click();
    await expect(page.getByText(/^Enter a whole number of days from 1 to 3,650/)).toBeVisible();
    await expect(page.getByLabel("Name")).toHaveValue(name);

    await page.getByLabel("Expires after (days, optional)").fill("");
    await page.getByRole("button", { name: "Create key" }).click();
    await expect(page.getByRole("status").filter({ hasText: "You will not see it again" })).toContainText(`Created the API key “${name}” (editor, never expires).`);
    expect(await page.getByLabel("Your new API key").inputValue()).toMatch(/^hrld_/);

    // A second active key may not take the same name.
    await page.getByLabel("Name").fill(name);
    await page.getByRole("button", { name: "Create key" }).click();
    await expect(page.getByText(`An active key is already called “${name}”. Choose another name, or revoke that key first.`)).toBeVisible();

    const row = keyRow(page, name);
    await row.locator("summary").click();
    await row.getByRole("checkbox", { name: `Yes, revoke “${name}”: whatever uses it stops working at once.` }).check();
    await row.getByRole("button", { name: `Revoke “${name}”` }).click();
    await expect(keyRow(page, name).getByRole("cell").nth(STATUS)).toHaveText(/^Revoked/);
    await context.close();
  });
});
