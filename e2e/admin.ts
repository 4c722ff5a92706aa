import { spawnSync } from "node:child_process";
import { expect, type Locator, type Page } from "@playwright/test";
import { e2eDatabaseUrl } from "./database";

/** Signs in through the login form, as a person would. */
export async function signIn(page: Page, who: { email: string; password: string }, { expectSuccess = true } = {}) {
  await page.goto("/admin/login");
  await page.getByLabel("Email").fill(who.email);
  await page.getByLabel("Password").fill(who.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  if (expectSuccess) await expect(page).toHaveURL(/\/admin$/);
}

/**
 * Follows a link of the console's navigation as a person would: on a phone the links are
 * under "Menu", on a wide screen the rarely used ones under "More".
 */
export async function consoleLink(page: Page, name: string) {
  const nav = page.getByRole("navigation", { name: "Admin" });
  const link = nav.getByRole("link", { name, exact: true });
  if (!(await link.isVisible())) await nav.locator("summary:visible").click();
  await link.click();
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** A service's row in the forms' one list of services and statuses ("Forums (now operational)"). */
export function serviceStatus(page: Page, service: string) {
  return page.getByRole("combobox", { name: new RegExp(`^${escape(service)} \\(now `) });
}

/** Marks a service affected: with a new status, or (none given) affected at the status it has now. */
export async function affect(page: Page, service: string, status?: string) {
  const select = serviceStatus(page, service);
  await select.selectOption(status ?? (await select.locator("option", { hasText: "(as now)" }).getAttribute("value"))!);
}

/**
 * Clicks a publishing button as an admin does while the demo clock is on (it is in the demo
 * these specs run on): the console asks first, so its form's "Publish anyway" is ticked.
 */
export async function publish(scope: Page | Locator, button: string) {
  const page = "page" in scope ? scope.page() : scope;
  const form = scope.locator("form").filter({ has: page.getByRole("button", { name: button }) });
  await form.getByRole("checkbox", { name: "Publish anyway" }).check();
  await form.getByRole("button", { name: button }).click();
}

/** Opens and publishes an incident on one service from the console. */
export async function openIncident(page: Page, { title, service, body }: { title: string; service: string; body: string }) {
  // Through the console's own link, so the form is hydrated before it is filled.
  await page.goto("/admin");
  await consoleLink(page, "New incident");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Open an incident");
  await page.getByLabel("Title").fill(title);
  await page.getByLabel("Impact").selectOption("minor");
  await affect(page, service);
  await page.getByLabel("Update", { exact: true }).fill(body);
  await publish(page, "Publish incident");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(title);
}

/** Creates a console user with `npm run user -- create`, as an owner would run it (password on standard input). */
export function createUser(who: { email: string; password: string }, role: "editor" | "admin" | "owner" = "editor") {
  const result = spawnSync(process.execPath, ["node_modules/tsx/dist/cli.mjs", "--tsconfig", "tsconfig.scripts.json", "scripts/user.ts", "create", "--email", who.email, "--role", role], {
    input: who.password,
    encoding: "utf8",
    env: { ...process.env, DATABASE_URL: e2eDatabaseUrl() },
  });
  expect(result.stderr + result.stdout).toContain(`Created ${who.email} (${role}).`);
}
