import AxeBuilder from "@axe-core/playwright";
import { decodeBase32IgnorePadding } from "@oslojs/encoding";
import { generateHOTP } from "@oslojs/otp";
import { expect, test, type Page } from "@playwright/test";
import { OWNER } from "./base-url";
import { affect, consoleLink, createUser, publish, signIn as signInAs } from "./admin";

// Comms and ops staff during the Sega Pass breach: sign in, change statuses, run an
// incident from the browser; and the refusals that keep everyone else out.

const EDITOR = { email: "ops.editor@sega.example", password: "granite-meadow-violin-forty-one" };

test.describe.configure({ mode: "serial" });

test.beforeAll(() => createUser(EDITOR));

async function expectNoAxeViolations(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  expect(results.violations.map((violation) => `${page.url()} ${violation.id}: ${violation.nodes.map((node) => node.target.join(" ")).join(", ")}`)).toEqual([]);
}

/** What an authenticator app shows now for a base32 secret. */
const totp = (secret: string) => generateHOTP(decodeBase32IgnorePadding(secret.trim()), BigInt(Math.floor(Date.now() / 30_000)), 6);

const signIn = (page: Page, who: { email: string; password: string }, { expectSuccess = who.password === OWNER.password || who.password === EDITOR.password } = {}) =>
  signInAs(page, who, { expectSuccess });

test("nobody gets in without a session, and wrong passwords get one plain answer", async ({ page }) => {
  await page.goto("/admin");
  await expect(page).toHaveURL(/\/admin\/login$/);
  await signIn(page, { email: OWNER.email, password: "wrong-password-here" });
  await expect(page.getByRole("main").getByRole("alert")).toHaveText("Email or password is incorrect.");
  await expect(page.getByLabel("Email")).toHaveValue(OWNER.email);
  await signIn(page, { email: "nobody@sega.example", password: "wrong-password-here" });
  await expect(page.getByRole("main").getByRole("alert")).toHaveText("Email or password is incorrect.");
});

test("an owner signs in with a safe session cookie, changes a status in one click, and the public page follows", async ({ page, context, request }) => {
  await signIn(page, OWNER);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Sega Pass status: admin");
  const cookie = (await context.cookies()).find((candidate) => candidate.name === "herald_session")!;
  expect(cookie).toMatchObject({ httpOnly: true, sameSite: "Lax" });

  const website = page.getByRole("listitem").filter({ hasText: "Web and payments · Website" });
  await website.getByRole("button", { name: "Degraded performance for Website" }).click();
  await expect(website.getByRole("status")).toHaveText("Website is now degraded performance.");
  await expect.poll(async () => (await (await request.get("/services/website")).text()).includes("Degraded performance"), { timeout: 3_000 }).toBe(true);
  await website.getByRole("button", { name: "Operational for Website" }).click();
  await expect(website.getByRole("status")).toHaveText("Website is now operational.");
});

test("runs an incident from opening to resolution, with hostile text shown inert", async ({ page, request }) => {
  // Open, a refused and a published post, a second editor's conflict, resolution and the feed: slow on two shared cores.
  test.slow();
  let dialogs = 0;
  page.on("dialog", (dialog) => {
    dialogs++;
    void dialog.dismiss();
  });
  await signIn(page, EDITOR);
  await page.getByRole("navigation", { name: "Admin" }).getByRole("link", { name: "New incident" }).click();
  await page.getByLabel("Title").fill("Forum sign-ups <img src=x onerror=alert(1)>");
  await page.getByLabel("Impact").selectOption("minor");
  await affect(page, "Forums");
  await page.getByLabel("Update", { exact: true }).fill("New forum accounts cannot be created.\n\n<script>alert('x')</script>");
  await page.getByLabel("Display time (Europe/London)").fill("17 June 2011 21:00");
  // The demo clock is on: publishing asks first, and keeps everything typed.
  await page.getByRole("button", { name: "Publish incident" }).click();
  await expect(page.getByText("Tick this to publish while the demo clock is on.")).toBeVisible();
  await expect(page.getByLabel("Title")).toHaveValue("Forum sign-ups <img src=x onerror=alert(1)>");
  await expect(page.getByLabel("Update", { exact: true })).toHaveValue("New forum accounts cannot be created.\n\n<script>alert('x')</script>");
  await publish(page, "Publish incident");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Forum sign-ups <img src=x onerror=alert(1)>");
  const incidentUrl = page.url();

  const publicPage = await page.context().newPage();
  await expect
    .poll(async () => (await (await request.get("/")).text()).includes("Forum sign-ups &lt;img src=x onerror=alert(1)&gt;"), { timeout: 3_000 })
    .toBe(true);
  await publicPage.goto("/");
  await expect(publicPage.getByRole("link", { name: "Forum sign-ups <img src=x onerror=alert(1)>" }).first()).toBeVisible();
  await expect(publicPage.getByText(/<script>alert\(.x.\)<\/script>/)).toBeVisible();

  // A second editor opens the same incident; the first posts; the second's save is refused.
  const other = await page.context().newPage();
  await other.goto(incidentUrl);
  await page.getByLabel("Status", { exact: true }).selectOption("identified");
  await page.getByLabel("Update", { exact: true }).fill("We found the cause: a setting changed in the forum software.");
  await publish(page, "Publish update");
  await expect(page.getByRole("status")).toHaveText("Update published.");
  // The delivery table on the same page follows the new update without a reload.
  await expect(page.getByRole("table", { name: /Delivery progress/ })).toContainText("(identified)");
  await other.getByLabel("Update", { exact: true }).fill("Conflicting words from a second editor.");
  await publish(other, "Publish update");
  await expect(other.getByRole("main").getByRole("alert")).toContainText("changed since you opened it");
  await expect(other.getByLabel("Update", { exact: true })).toHaveValue("Conflicting words from a second editor.");

  await page.reload();
  await page.getByLabel("Status", { exact: true }).selectOption("resolved");
  await page.getByLabel("Update", { exact: true }).fill("Sign-ups work again.");
  await publish(page, "Publish update");
  await expect(page.getByRole("status")).toHaveText("Resolved, and published.");
  await expect
    .poll(async () => (await (await request.get("/history.atom")).text()).includes('<title type="text">Forum sign-ups ‹img src=x onerror=alert(1)›: Resolved</title>'), { timeout: 3_000 })
    .toBe(true);
  await publicPage.goto(incidentUrl.replace("/admin", ""));
  await expect(publicPage.getByRole("article").first()).toContainText("Resolved");
  expect(dialogs).toBe(0);
});

test("enters the story's dated updates after the fact, through to resolution", async ({ page, request }) => {
  await signIn(page, EDITOR);
  await page.getByRole("navigation", { name: "Admin" }).getByRole("link", { name: "New incident" }).click();
  await page.getByLabel("Title").fill("Sega Pass offline (entered after the fact)");
  await page.getByLabel("Impact").selectOption("critical");
  await affect(page, "Sega Pass login");
  await page.getByLabel("Update", { exact: true }).fill("Sega Pass is offline while we investigate.");
  await page.getByLabel("Display time (Europe/London)").fill("16 June 2011 10:00");
  await publish(page, "Publish incident");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Sega Pass offline (entered after the fact)");

  const post = async (status: string, body: string, at: string) => {
    await page.getByLabel("Status", { exact: true }).selectOption(status);
    await page.getByLabel("Update", { exact: true }).fill(body);
    await page.getByLabel("Display time (Europe/London)").fill(at);
    await publish(page, "Publish update");
    await expect(page.getByRole("main").getByRole("status").filter({ hasText: /published/ })).toBeVisible();
    await page.reload();
  };
  await post("identified", "Someone got into the Sega Pass database without permission.", "17 June 2011 08:30");
  await post("identified", "**UPDATE:** LulzSec offered to help find the attackers.", "17 June 2011 19:30");
  // The console shows the body as readers see it: rendered Markdown, not the asterisks.
  const latest = page.getByRole("region", { name: "Updates, newest first" }).getByRole("listitem").first();
  await expect(latest.locator("strong")).toHaveText("UPDATE:");
  await expect(latest.locator("p", { hasText: "LulzSec offered" })).toHaveText("UPDATE: LulzSec offered to help find the attackers.");

  const publicUrl = page.url().replace("/admin", "");
  await expect.poll(async () => (await (await request.get(publicUrl)).text()).includes("LulzSec offered"), { timeout: 3_000 }).toBe(true);
  const fullPage = await (await request.get(publicUrl)).text();
  const html = fullPage.slice(fullPage.indexOf("Updates, newest first"));
  const order = ["17 June 2011 at 19:30 BST", "17 June 2011 at 08:30 BST", "16 June 2011 at 10:00 BST"].map((time) => html.indexOf(time));
  expect(order.every((index) => index > 0)).toBe(true);
  expect(order).toEqual([...order].sort((a, b) => a - b));

  await post("resolved", "Sega Pass is back.", "");
  const entries = async () =>
    ((await (await request.get("/history.json")).json()).items as { title: string; date_published: string }[])
      .filter((item) => item.title.startsWith("Sega Pass offline (entered after the fact)"))
      .map((item) => [item.title.split(": ")[1], item.date_published.slice(0, 16)]);
  // The feed follows within a poll of the front.
  await expect.poll(async () => (await entries()).length, { timeout: 3_000 }).toBe(4);
  expect(await entries()).toEqual([
    ["Resolved", expect.stringMatching(/^\d{4}-/)],
    ["Identified", "2011-06-17T18:30"],
    ["Identified", "2011-06-17T07:30"],
    ["Investigating", "2011-06-16T09:00"],
  ]);
});

test("an editor cannot read the audit log; an owner sees every change there", async ({ page }) => {
  await signIn(page, EDITOR);
  await page.goto("/admin/audit");
  await expect(page.getByRole("main").getByRole("alert")).toHaveText("The audit log needs the admin role; you are signed in as editor.");
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/admin\/login$/);
  await page.goto("/admin");
  await expect(page).toHaveURL(/\/admin\/login$/);

  await signIn(page, OWNER);
  await page.goto("/admin/audit");
  const rows = page.getByRole("row");
  await expect(rows.filter({ hasText: "update posted incident" }).first()).toContainText(EDITOR.email);
  await expect(rows.filter({ hasText: "status changed service" }).first()).toContainText(OWNER.email);
});

test("a cross-site post is refused and changes nothing", async ({ page, playwright }) => {
  await signIn(page, OWNER);
  // Capture the browser's real one-click post, then replay it from another origin.
  let captured: { url: string; headers: Record<string, string>; body: Buffer } | undefined;
  await page.route("**/admin", async (route) => {
    if (route.request().method() !== "POST") return route.continue();
    captured = { url: route.request().url(), headers: await route.request().allHeaders(), body: route.request().postDataBuffer()! };
    await route.abort();
  });
  const forums = page.getByRole("listitem").filter({ hasText: "Community · Forums" });
  await forums.getByRole("button", { name: "Operational for Forums" }).click();
  await expect.poll(() => captured !== undefined).toBe(true);

  const api = await playwright.request.newContext();
  const forumsStatus = async () =>
    (await (await api.get(`${new URL(captured!.url).origin}/api/v2/components.json`)).json()).components.find((component: { name: string }) => component.name === "Forums").status;
  const replay = (origin: string) => api.post(captured!.url, { headers: { ...captured!.headers, origin }, data: captured!.body, maxRedirects: 0 });

  const forged = await replay("https://attacker.example");
  expect(forged.status()).toBeGreaterThanOrEqual(400);
  await page.waitForTimeout(600);
  expect(await forumsStatus()).toBe("major_outage");

  // The same bytes from the site's own origin do go through: the refusal was the origin.
  const genuine = await replay(new URL(captured!.url).origin);
  expect(genuine.status()).toBe(200);
  await expect.poll(forumsStatus, { timeout: 3_000 }).toBe("operational");
  await api.dispose();
});

test("an owner adds an admin, who signs in and turns on two-factor; later sign-ins ask for the code", async ({ page, browser }) => {
  await signIn(page, OWNER);
  await consoleLink(page, "Users");
  await page.getByLabel("Email", { exact: true }).fill("incident.admin@sega.example");
  await page.getByLabel("Role", { exact: true }).selectOption("admin");
  await page.getByRole("button", { name: "Add user" }).click();
  const created = page.getByRole("main").getByRole("status");
  await expect(created).toContainText("Created incident.admin@sega.example (admin). Their password, shown once:");
  const password = (await created.textContent())!.split("shown once: ")[1].trim();

  const context = await browser.newContext();
  const admin = await context.newPage();
  const ADMIN = { email: "incident.admin@sega.example", password };
  await signIn(admin, ADMIN, { expectSuccess: false });
  await expect(admin).toHaveURL(/\/admin$/);
  await expect(admin.getByText("incident.admin@sega.example (Admin)")).toBeVisible();
  // Admins do not manage users.
  await expect(admin.getByRole("navigation", { name: "Admin" }).getByRole("link", { name: "Users" })).toHaveCount(0);
  await admin.goto("/admin/users");
  await expect(admin.getByRole("main").getByRole("alert")).toHaveText("Managing users needs the owner role; you are signed in as admin.");

  await admin.goto("/admin/two-factor");
  await admin.getByRole("button", { name: "Set up two-factor authentication" }).click();
  const secret = (await admin.getByTestId("totp-secret").textContent())!;
  await admin.getByLabel("Code from the app").fill(totp(secret));
  await admin.getByRole("button", { name: "Turn on two-factor" }).click();
  await expect(admin.getByRole("list", { name: "Recovery codes" }).getByRole("listitem")).toHaveCount(10);
  const recovery = (await admin.getByRole("list", { name: "Recovery codes" }).getByRole("listitem").first().textContent())!;

  await admin.goto("/admin");
  await admin.getByRole("button", { name: "Sign out" }).click();
  await signIn(admin, ADMIN, { expectSuccess: false });
  await expect(admin).toHaveURL(/\/admin\/login\/verify$/);
  // The password alone opens nothing.
  await admin.goto("/admin/audit");
  await expect(admin).toHaveURL(/\/admin\/login\/verify$/);
  await admin.getByLabel("Authentication code").fill("123456");
  await admin.getByRole("button", { name: "Verify" }).click();
  await expect(admin.getByRole("main").getByRole("alert")).toHaveText("That code is not right, or it was already used.");
  await admin.getByLabel("Authentication code").fill(recovery);
  await admin.getByRole("button", { name: "Verify" }).click();
  await expect(admin).toHaveURL(/\/admin$/);
  await admin.goto("/admin/audit");
  await expect(admin.getByRole("row").filter({ hasText: "two factor enabled" }).first()).toContainText("incident.admin@sega.example");
  await context.close();
});

test("a draft stays private until published, with a live preview, and a correction is marked", async ({ page, request }) => {
  await signIn(page, EDITOR);
  await page.getByRole("navigation", { name: "Admin" }).getByRole("link", { name: "New incident" }).click();
  await page.getByLabel("Title").fill("Password reset emails delayed");
  await affect(page, "Sega Pass password reset");
  await page.getByLabel("Update", { exact: true }).fill("Reset emails are **slow** to arrive.");
  await expect(page.getByRole("region", { name: "Preview" }).locator("strong")).toHaveText("slow");
  await page.getByRole("button", { name: "Save as draft" }).click();
  await expect(page.getByRole("heading", { name: "Draft: the public cannot see this incident" })).toBeVisible();
  const unresolved = async () => (await (await request.get("/api/v2/incidents/unresolved.json")).json()).incidents.map((incident: { name: string }) => incident.name);
  await page.waitForTimeout(600);
  expect(await unresolved()).not.toContain("Password reset emails delayed");

  await publish(page, "Publish now");
  await expect(page.getByRole("heading", { name: "Draft: the public cannot see this incident" })).toHaveCount(0);
  await expect.poll(unresolved, { timeout: 3_000 }).toContain("Password reset emails delayed");

  await page.getByText("Correct this update").click();
  await page.getByLabel("Corrected text").fill("Reset emails are slow to arrive: up to an hour.");
  await page.getByRole("button", { name: "Save correction" }).click();
  await expect(page.getByRole("main").getByRole("status").filter({ hasText: "Correction saved" })).toBeVisible();
  const publicUrl = page.url().replace("/admin", "");
  await expect.poll(async () => (await (await request.get(publicUrl)).text()).includes("up to an hour."), { timeout: 3_000 }).toBe(true);
  expect(await (await request.get(publicUrl)).text()).toContain("Corrected");
});

test("the owner edits the page settings; bad values are explained next to the field", async ({ page, request }) => {
  await signIn(page, OWNER);
  // The demo clock is on in the demo: every console page says so, and offers the real time to an owner.
  const demoClock = page.getByRole("region", { name: "Demo clock on." });
  await expect(demoClock).toContainText("as of 17 June 2011");
  await expect(demoClock.getByRole("button", { name: "Use the real time" })).toBeVisible();
  await consoleLink(page, "Settings");
  await page.getByLabel("Time zone").fill("Mars/Olympus_Mons");
  await page.getByRole("button", { name: "Save settings" }).click();
  await expect(page.locator("#timeZone-error")).toHaveText("Choose a time zone from the list, like Europe/London.");
  await page.getByLabel("Time zone").fill("Europe/London");
  await page.getByLabel("Description").fill("Sega Pass, forums and website: live status during the June 2011 breach.");
  await page.getByRole("button", { name: "Save settings" }).click();
  await expect(page.getByRole("main").getByRole("status")).toContainText("Settings saved");
  await expect.poll(async () => (await (await request.get("/")).text()).includes("live status during the June 2011 breach"), { timeout: 3_000 }).toBe(true);
});

test("the owner makes Japanese the default language: / speaks it, English moves to /en, the console stays English", async ({ page, request }) => {
  await signIn(page, OWNER);
  await consoleLink(page, "Settings");
  const language = page.getByLabel("Default language");
  await expect(language).toHaveValue("en");
  await language.selectOption("ja");
  await page.getByRole("button", { name: "Save settings" }).click();
  await expect(page.getByRole("main").getByRole("status")).toContainText("Settings saved");
  try {
    await expect.poll(async () => (await (await request.get("/")).text()).includes('<html lang="ja"'), { timeout: 5_000 }).toBe(true);
    expect(await (await request.get("/")).text()).toContain("Sega Pass status：現在の稼働状況");
    const english = await request.get("/en", { maxRedirects: 0 });
    expect(english.status()).toBe(200);
    expect(await english.text()).toContain("Sega Pass status: current status");
    // "/ja" is now the plain address under another name.
    expect(await (await request.get("/ja")).text()).toContain('<html lang="ja"');
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Page settings");
  } finally {
    await page.getByLabel("Default language").selectOption("en");
    await page.getByRole("button", { name: "Save settings" }).click();
    await expect.poll(async () => (await (await request.get("/")).text()).includes('<html lang="en"'), { timeout: 5_000 }).toBe(true);
  }
});

test("an owner adds, hides and deletes a service; editors may not", async ({ page, request }) => {
  // Two sign-ins and three reloads: a slow test on two shared cores (it met 30 s beside other builds).
  test.slow();
  await signIn(page, OWNER);
  await consoleLink(page, "Services");
  // A taken address: the reason beside that field, and what was typed stays.
  const address = page.getByLabel("Address (/services/…, optional)");
  await page.getByLabel("Service name").fill("Game servers (EU)");
  await address.fill("forums");
  await page.getByLabel("Service group").selectOption({ label: "Community" });
  await page.getByRole("button", { name: "Add service" }).click();
  await expect(address).toHaveAttribute("aria-invalid", "true");
  await expect(address).toHaveAccessibleDescription("Another service already uses /services/forums.");
  await expect(page.getByLabel("Service name")).toHaveValue("Game servers (EU)");
  await expect(page.getByLabel("Service group").locator("option:checked")).toHaveText("Community");
  await address.fill("");
  await page.getByRole("button", { name: "Add service" }).click();
  await expect(page.getByRole("main").getByRole("status").filter({ hasText: "Added Game servers (EU)" })).toBeVisible();
  await expect.poll(async () => (await (await request.get("/")).text()).includes("Game servers (EU)"), { timeout: 3_000 }).toBe(true);

  await page.reload();
  const item = page.getByRole("listitem").filter({ hasText: "/services/game-servers-eu" });
  await item.getByText("Edit Game servers (EU)").click();
  await item.getByLabel("Hidden from the public page, feeds and API").check();
  await item.getByRole("button", { name: "Save Game servers (EU)" }).click();
  await expect(item.getByRole("status")).toHaveText("Saved Game servers (EU).");
  await expect.poll(async () => (await (await request.get("/")).text()).includes("Game servers (EU)"), { timeout: 3_000 }).toBe(false);
  expect((await request.get("/services/game-servers-eu")).status()).toBe(404);

  await page.reload();
  const again = page.getByRole("listitem").filter({ hasText: "/services/game-servers-eu" });
  await again.getByText("Delete Game servers (EU)…").click();
  await again.getByRole("button", { name: "Delete Game servers (EU)" }).click();
  await expect(again.getByRole("alert")).toContainText("Check the highlighted fields.");
  await expect(again.getByLabel(/Yes, delete Game servers \(EU\)/)).toHaveAccessibleDescription("Tick the box to confirm the deletion.");
  await again.getByLabel(/Yes, delete Game servers \(EU\)/).check();
  await again.getByRole("button", { name: "Delete Game servers (EU)" }).click();
  // The service leaves the list with its form.
  await expect(page.getByRole("listitem").filter({ hasText: "/services/game-servers-eu" })).toHaveCount(0);

  await page.getByRole("button", { name: "Sign out" }).click();
  await signIn(page, EDITOR);
  await page.goto("/admin/services");
  await expect(page.getByRole("main").getByRole("alert")).toHaveText("Editing services needs the admin role; you are signed in as editor.");
});

test("an editor plans maintenance and readers see it coming", async ({ page, request }) => {
  await signIn(page, EDITOR);
  await page.getByRole("navigation", { name: "Admin" }).getByRole("link", { name: "Plan maintenance" }).click();
  await page.getByLabel("Title").fill("Forum database upgrade");
  await page.getByLabel("Starts (Europe/London)").fill("2011-06-18T02:00");
  await page.getByLabel("Ends (Europe/London)").fill("2011-06-18T04:00");
  await page.getByRole("checkbox", { name: "Forums" }).check();
  await page.getByLabel("Announcement").fill("The forums will be **read-only** for two hours.");
  await publish(page, "Announce maintenance");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Forum database upgrade");
  await expect(page.getByLabel("Status", { exact: true }).locator("option")).toHaveText(["Scheduled", "In progress", "Verifying", "Completed"]);

  await expect
    .poll(async () => (await (await request.get("/api/v2/scheduled-maintenances/upcoming.json")).json()).scheduled_maintenances.map((window: { name: string }) => window.name), { timeout: 3_000 })
    .toEqual(["Forum database upgrade"]);
  // Each response follows the data version on its own poll: the API may show it a moment before the page does.
  await expect.poll(async () => (await (await request.get("/")).text()).includes("Forum database upgrade"), { timeout: 3_000 }).toBe(true);
  const home = await (await request.get("/")).text();
  expect(home).toContain("Forum database upgrade");
  expect(home).toContain("18 June 2011 at 02:00 BST");
});

test("the admin pages have no accessibility violations", async ({ page }) => {
  // Ten pages through axe: slow on two shared cores.
  test.slow();
  await page.goto("/admin/login");
  await expectNoAxeViolations(page);
  await signIn(page, OWNER);
  for (const path of ["/admin", "/admin/incidents/new", "/admin/maintenance/new", "/admin/services", "/admin/users", "/admin/settings", "/admin/audit", "/admin/account", "/admin/two-factor"]) {
    await page.goto(path);
    await expectNoAxeViolations(page);
  }
});

test("repeated wrong passwords lock the account with a clear message", async ({ page }) => {
  for (let attempt = 0; attempt < 4; attempt++) {
    await signIn(page, { email: EDITOR.email, password: `not-it-${attempt}` });
    await expect(page.getByRole("main").getByRole("alert")).toHaveText("Email or password is incorrect.");
  }
  await signIn(page, { email: EDITOR.email, password: "not-it-final" });
  await expect(page.getByRole("main").getByRole("alert")).toHaveText(/^Too many failed sign-ins\. Try again in \d+ minutes\.$/);
  await signIn(page, EDITOR, { expectSuccess: false });
  await expect(page.getByRole("main").getByRole("alert")).toHaveText(/^Too many failed sign-ins/);
});
