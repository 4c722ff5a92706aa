import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { createUser, publish, signIn } from "./admin";
import { OWNER } from "./base-url";

// Incident templates: the comms lead writes one for a failure that keeps coming back; an
// editor opens the next incident from it, the form already filled in for the services it
// names, reads it, and publishes. The pickers are plain GET forms: they work with
// JavaScript off too.

const EDITOR = { email: "templates.editor@sega.example", password: "copper-harbour-lantern-sixty-two" };
const NAME = "Checkout failing";
const BODY = "Buying games on **{{services}}** is failing.\n\n{{page}} will say here when it works again.";
const TITLE = "Checkout on Website and Payments is failing";
const RENDERED = "Buying games on **Website and Payments** is failing.\n\nSega Pass status will say here when it works again.";

test.describe.configure({ mode: "serial" });

test.beforeAll(() => createUser(EDITOR));

async function expectNoAxeViolations(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  expect(results.violations.map((violation) => `${page.url()} ${violation.id}: ${violation.nodes.map((node) => node.target.join(" ")).join(", ")}`)).toEqual([]);
}

test("an admin writes a template; an editor opens an incident from it, reviews the filled-in form and publishes", async ({ browser, page, request }) => {
  // A whole story through several pages and contexts: a slow test on two shared cores.
  test.slow();
  await signIn(page, OWNER);
  await page.getByRole("navigation", { name: "Admin" }).getByRole("link", { name: "Templates" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Incident templates");
  // One of the demo's two, written for the story.
  await expect(page.getByRole("article", { name: "Suspected account breach" })).toBeVisible();

  const add = page.getByRole("region", { name: "Add a template" });
  await add.getByLabel("Template name").fill(NAME);
  await add.getByLabel("Incident title").fill("Checkout on {{servcies}} is failing");
  await add.getByLabel("First update", { exact: true }).fill(BODY);
  await add.getByLabel("Status", { exact: true }).selectOption("identified");
  await add.getByLabel("Impact", { exact: true }).selectOption("major");
  await add.getByLabel("Website", { exact: true }).selectOption("partial_outage");
  await add.getByLabel("Payments", { exact: true }).selectOption("degraded_performance");
  await add.getByRole("button", { name: "Add template" }).click();
  // A typo never reaches customers: it is named beside the field, and nothing typed is lost.
  await expect(add.getByRole("alert")).toHaveText("Check the highlighted fields.");
  await expect(add.getByText(/^There is no placeholder \{\{servcies\}\}\. Use \{\{services\}\}/)).toBeVisible();
  await expect(add.getByLabel("First update", { exact: true })).toHaveValue(BODY);
  await expect(add.getByLabel("Payments", { exact: true })).toHaveValue("degraded_performance");

  await add.getByLabel("Incident title").fill("Checkout on {{services}} is failing");
  await add.getByRole("button", { name: "Add template" }).click();
  await expect(add.getByRole("status")).toHaveText(`Saved the template “${NAME}”.`);
  const saved = page.getByRole("article", { name: NAME });
  await expect(saved).toContainText("Website: partial outage; Payments: degraded performance");
  await expectNoAxeViolations(page);

  // An editor may use templates, not write them.
  const editorContext = await browser.newContext();
  const editor = await editorContext.newPage();
  await signIn(editor, EDITOR);
  await editor.getByRole("navigation", { name: "Admin" }).getByRole("link", { name: "Templates" }).click();
  await expect(editor.getByRole("article", { name: NAME })).toBeVisible();
  await expect(editor.getByRole("heading", { name: "Add a template" })).toHaveCount(0);
  await expect(editor.getByRole("button", { name: /^Save|^Delete/ })).toHaveCount(0);
  await editor.getByRole("link", { name: `Open an incident from “${NAME}”` }).click();

  await expect(editor.getByRole("heading", { level: 1 })).toHaveText("Open an incident");
  await expect(editor.getByRole("status").filter({ hasText: "Filled in from" })).toHaveText(`Filled in from “${NAME}”. Read every field before you publish.`);
  await expect(editor.getByLabel("Title", { exact: true })).toHaveValue(TITLE);
  await expect(editor.getByLabel("Update", { exact: true })).toHaveValue(RENDERED);
  await expect(editor.getByLabel("Status", { exact: true })).toHaveValue("identified");
  await expect(editor.getByLabel("Impact", { exact: true })).toHaveValue("major");
  // One list: the services the template names have their statuses; the others are not affected.
  await expect(editor.getByRole("combobox", { name: /^Website \(now/ })).toHaveValue("partial_outage");
  await expect(editor.getByRole("combobox", { name: /^Payments \(now/ })).toHaveValue("degraded_performance");
  await expect(editor.getByRole("combobox", { name: /^Forums \(now/ })).toHaveValue("");
  await expect(editor.getByRole("combobox", { name: /^Forums \(now/ }).locator("option:checked")).toHaveText("Not affected");
  // The preview is drawn once the page's script runs: the form is live before it is sent.
  await expect(editor.getByRole("region", { name: "Preview" }).locator("strong")).toHaveText("Website and Payments");
  await expectNoAxeViolations(editor);

  await publish(editor, "Publish incident");
  await expect(editor.getByRole("heading", { level: 1 })).toHaveText(TITLE);
  const incidentUrl = editor.url();
  const publicUrl = incidentUrl.replace("/admin", "");
  await expect.poll(async () => (await (await request.get(publicUrl)).text()).includes("Buying games on <strong>Website and Payments</strong> is failing."), { timeout: 5_000 }).toBe(true);
  const reader = await browser.newContext({ javaScriptEnabled: false });
  const readerPage = await reader.newPage();
  await readerPage.goto(publicUrl);
  await expect(readerPage.getByRole("heading", { level: 1 })).toHaveText(TITLE);
  await expect(readerPage.getByText("Sega Pass status will say here when it works again.")).toBeVisible();
  await reader.close();

  // Without JavaScript, the update form's picker fills in the same text.
  const noScript = await browser.newContext({ javaScriptEnabled: false, storageState: await editorContext.storageState() });
  const plain = await noScript.newPage();
  await plain.goto(incidentUrl);
  await plain.getByLabel("Start from a template").selectOption({ label: NAME });
  await plain.getByRole("button", { name: "Use template" }).click();
  await expect(plain).toHaveURL(/\?template=[\w-]+(#post)?$/);
  await expect(plain.getByRole("status").filter({ hasText: "Filled in from" })).toHaveText(`Filled in from “${NAME}”. Read every field before you publish.`);
  await expect(plain.getByLabel("Update", { exact: true })).toHaveValue(RENDERED);
  await expect(plain.getByLabel("Status", { exact: true })).toHaveValue("identified");
  await expect(plain.getByRole("combobox", { name: /^Website \(now/ })).toHaveValue("partial_outage");
  await plain.getByLabel("Start from a template").selectOption({ label: "No template: a blank form" });
  await plain.getByRole("button", { name: "Use template" }).click();
  await expect(plain.getByLabel("Update", { exact: true })).toHaveValue("");
  await noScript.close();

  // Put things back: resolve, the services operational again.
  await editor.reload();
  await editor.getByLabel("Status", { exact: true }).selectOption("resolved");
  await editor.getByLabel("Update", { exact: true }).fill("Buying games works again.");
  await editor.getByRole("combobox", { name: /^Website \(now/ }).selectOption("operational");
  await editor.getByRole("combobox", { name: /^Payments \(now/ }).selectOption("operational");
  await publish(editor, "Publish update");
  await expect(editor.getByRole("main").getByRole("status").filter({ hasText: "Resolved, and published." })).toBeVisible();
  await editorContext.close();

  // Deleting asks for a ticked box first.
  await page.reload();
  await saved.getByText(`Delete “${NAME}”…`, { exact: true }).click();
  await saved.getByRole("button", { name: `Delete “${NAME}”` }).click();
  await expect(saved.getByText("Tick the box to confirm the deletion.")).toBeVisible();
  await saved.getByRole("checkbox", { name: new RegExp(`^Yes, delete “${NAME}”`) }).check();
  await saved.getByRole("button", { name: `Delete “${NAME}”` }).click();
  await expect(page.getByRole("article", { name: NAME })).toHaveCount(0);
});
