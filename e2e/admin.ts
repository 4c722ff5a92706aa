import { expect, type Page } from "@playwright/test";

/** Signs in through the login form, as a person would. */
export async function signIn(page: Page, who: { email: string; password: string }, { expectSuccess = true } = {}) {
  await page.goto("/admin/login");
  await page.getByLabel("Email").fill(who.email);
  await page.getByLabel("Password").fill(who.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  if (expectSuccess) await expect(page).toHaveURL(/\/admin$/);
}

/** Opens and publishes an incident on one service from the console. */
export async function openIncident(page: Page, { title, service, body }: { title: string; service: string; body: string }) {
  // Through the console's own link, so the form is hydrated before it is filled.
  await page.goto("/admin");
  await page.getByRole("navigation", { name: "Admin" }).getByRole("link", { name: "New incident" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Open an incident");
  await page.getByLabel("Title").fill(title);
  await page.getByLabel("Impact").selectOption("minor");
  await page.getByRole("checkbox", { name: service }).check();
  await page.getByLabel("Update", { exact: true }).fill(body);
  await page.getByRole("button", { name: "Publish incident" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(title);
}
