import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { signIn } from "./admin";
import { OWNER } from "./base-url";

// Incident text in Japanese: the demo ships translated but for its latest update, which a
// Japanese reader sees in English, marked and with a note. An admin translates it in the
// console (with JavaScript off, as every console form works) and removes another
// translation; the reader at /ja/incidents/<id> then sees each as it now stands.
// Translations are not dated posts and notify no one, so under the demo clock they save
// without "Publish anyway".

const INCIDENT = "Unauthorised access to the Sega Pass database";
const NOTE = "この更新はまだ日本語に翻訳されていません。原文（英語）を表示しています。";
const LULZSEC_JA = "**続報：** ハッカー集団 LulzSec が、今回の攻撃への関与を否定したうえで、攻撃者の特定に協力すると公に申し出ました。";

test.describe.configure({ mode: "serial" });

interface ApiIncident {
  id: string;
  name: string;
  incident_updates: { id: string; body: string }[];
}

/** The update's article on the public incident page. */
const updateArticle = (page: Page, id: string) => page.locator(`#update-${id} article`);

test("an admin translates the story's latest update and a Japanese reader sees it, the untranslated one with a note", async ({ browser, request }) => {
  test.slow();
  const { incidents } = await (await request.get("/api/v2/incidents/unresolved.json")).json();
  const story = (incidents as ApiIncident[]).find((incident) => incident.name === INCIDENT)!;
  const lulzsec = story.incident_updates.find((update) => update.body.includes("LulzSec"))!;
  const systemsDown = story.incident_updates.find((update) => update.body.startsWith("All Sega Pass systems will stay down"))!;

  const reader = await (await browser.newContext({ javaScriptEnabled: false })).newPage();
  await reader.goto(`/ja/incidents/${story.id}`);
  await expect(reader.getByRole("heading", { level: 1 })).toHaveText("Sega Pass データベースへの不正アクセスについて");
  // The LulzSec update is left untranslated in the demo: English, marked as such, with the note.
  await expect(updateArticle(reader, lulzsec.id).locator('[lang="en"]')).toContainText("LulzSec");
  await expect(updateArticle(reader, lulzsec.id)).toContainText(NOTE);
  await expect(updateArticle(reader, systemsDown.id)).not.toContainText(NOTE);

  // Signed in as usual, then the console's forms used with JavaScript off.
  const signedIn = await browser.newContext();
  await signIn(await signedIn.newPage(), OWNER);
  const admin = await (await browser.newContext({ javaScriptEnabled: false, storageState: await signedIn.storageState() })).newPage();
  await admin.goto(`/admin/incidents/${story.id}`);
  const panel = admin.getByRole("region", { name: "Translations" });
  const missing = panel.locator('[data-missing-translations="ja"]');
  // Listed plainly, linked to its form (other specs may have posted more updates on the story).
  await expect(missing.locator(`a[href="#translation-ja-${lulzsec.id}"]`)).toHaveText(/^the update of 17 June 2011/);
  const field = admin.locator(`#translation-ja-${lulzsec.id}`);
  await field.fill(LULZSEC_JA);
  await admin.locator("form").filter({ has: field }).getByRole("button", { name: "Save translation" }).click();
  await expect(admin.getByRole("status")).toHaveText("The update's translation is saved.");
  await expect(admin.locator(`[data-missing-translations="ja"] a[href="#translation-ja-${lulzsec.id}"]`)).toHaveCount(0);

  // Removing a translation brings the original back for Japanese readers.
  const downField = admin.locator(`#translation-ja-${systemsDown.id}`);
  await admin.locator("form").filter({ has: downField }).getByRole("button", { name: "Remove translation" }).click();
  await expect(admin.getByRole("status")).toHaveText("The update's translation is removed.");

  await admin.goto("/admin/audit");
  await expect(admin.getByText("translated incident_update_translation").first()).toBeVisible();
  await expect(admin.getByText("translation removed incident_update_translation").first()).toBeVisible();

  await expect.poll(async () => (await (await request.get(`/ja/incidents/${story.id}`)).text()).includes("LulzSec が、今回の攻撃"), { timeout: 10_000 }).toBe(true);
  await reader.goto(`/ja/incidents/${story.id}`);
  await expect(updateArticle(reader, lulzsec.id)).toContainText("続報： ハッカー集団 LulzSec");
  await expect(updateArticle(reader, lulzsec.id)).not.toContainText(NOTE);
  await expect(updateArticle(reader, lulzsec.id).locator('[lang="en"]')).toHaveCount(0);
  await expect(updateArticle(reader, systemsDown.id).locator('[lang="en"]')).toContainText("All Sega Pass systems will stay down");
  await expect(updateArticle(reader, systemsDown.id)).toContainText(NOTE);
  // The English page is as it was.
  await reader.goto(`/incidents/${story.id}`);
  await expect(updateArticle(reader, lulzsec.id)).toContainText("The hacking group LulzSec");
});

test("the Japanese incident page, translated and fallback text side by side, has no accessibility violations", async ({ browser, request }) => {
  test.slow();
  const { incidents } = await (await request.get("/api/v2/incidents/unresolved.json")).json();
  const story = (incidents as ApiIncident[]).find((incident) => incident.name === INCIDENT)!;
  // axe runs as a script in the page, so this check alone turns JavaScript on.
  const page = await (await browser.newContext({ javaScriptEnabled: true })).newPage();
  await page.goto(`/ja/incidents/${story.id}`);
  await expect(page.locator("[data-not-translated]").first()).toBeVisible();
  const results = await new AxeBuilder({ page }).analyze();
  expect(results.violations.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(" ")).join(", ")}`)).toEqual([]);
});
