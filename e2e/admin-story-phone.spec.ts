import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { affect, consoleLink, publish, serviceStatus, signIn } from "./admin";
import { OWNER } from "./base-url";

// The story's day from the console, on a 390 px phone and on a 1280 px screen: open the
// incident, edit its title, impact and services, post updates, resolve. The public page
// follows each step; on the phone nothing is wider than the screen.

const SIZES = [
  { name: "phone", width: 390, height: 844 },
  { name: "desktop", width: 1280, height: 800 },
] as const;

async function expectNoAxeViolations(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  expect(results.violations.map((violation) => `${page.url()} ${violation.id}: ${violation.nodes.map((node) => node.target.join(" ")).join(", ")}`)).toEqual([]);
}

for (const size of SIZES) {
  test(`runs the day from the console on a ${size.width} px ${size.name}`, async ({ browser }) => {
    // Many steps, each waiting for the front to re-render the public site: a slow test.
    test.slow();
    const context = await browser.newContext({ viewport: { width: size.width, height: size.height }, isMobile: size.name === "phone", hasTouch: size.name === "phone" });
    const page = await context.newPage();
    const request = context.request;
    const fitsTheScreen = async () => {
      if (size.name !== "phone") return;
      await expect.poll(() => page.evaluate(() => document.documentElement.scrollWidth), { message: `${page.url()} is wider than the phone` }).toBeLessThanOrEqual(size.width);
    };
    const stamp = `${size.name} ${Date.now().toString(36)}`;
    const title = `Sega Pass sign-in errors (${stamp})`;
    const edited = `Sega Pass database breach (${stamp})`;

    await signIn(page, OWNER);
    await fitsTheScreen();
    // The navigation is one control: a "Menu" on the phone, one line with "More" on the screen.
    const nav = page.getByRole("navigation", { name: "Admin" });
    if (size.name === "phone") {
      await expect(nav.locator("summary", { hasText: "Menu" })).toBeVisible();
      await expect(nav.getByRole("link", { name: "New incident" })).toBeHidden();
      expect((await nav.boundingBox())!.height).toBeLessThan(60);
    } else {
      await expect(nav.locator("summary", { hasText: "More" })).toBeVisible();
      const tops = await nav.getByRole("link").evaluateAll((links) => links.filter((link) => link.getClientRects().length > 0).map((link) => Math.round(link.getBoundingClientRect().top)));
      expect(tops.length).toBeGreaterThanOrEqual(5);
      expect(Math.max(...tops) - Math.min(...tops), "the bar's links sit on one line").toBeLessThan(8);
    }
    await consoleLink(page, "New incident");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Open an incident");
    await fitsTheScreen();

    // Open: the services and their statuses in one list; the display time in the page's words.
    await page.getByLabel("Title").fill(title);
    await page.getByLabel("Impact").selectOption("major");
    await affect(page, "Website", "degraded_performance");
    await affect(page, "Forums");
    await page.getByLabel("Update", { exact: true }).fill("Some people cannot sign in to **Sega Pass**. We are looking into it.");
    const displayAt = page.getByLabel("Display time (Europe/London)");
    await displayAt.fill("31 June 2011 08:30");
    await publish(page, "Publish incident");
    await expect(displayAt).toHaveAccessibleDescription(/June 2011 has 30 days\./);
    await expect(page.getByLabel("Title")).toHaveValue(title);
    await expect(serviceStatus(page, "Website")).toHaveValue("degraded_performance");
    // An hour ago, typed as the page writes it: recent enough to lead the feeds.
    const parts = Object.fromEntries(
      new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/London", day: "numeric", month: "long", year: "numeric", hour: "2-digit", minute: "2-digit", hourCycle: "h23" })
        .formatToParts(new Date(Date.now() - 60 * 60_000))
        .map((part) => [part.type, part.value]),
    );
    await displayAt.fill(`${parts.day} ${parts.month} ${parts.year} ${parts.hour}:${parts.minute}`);
    await publish(page, "Publish incident");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(title);
    const publicUrl = page.url().replace("/admin", "");
    await expect.poll(async () => (await (await request.get(publicUrl)).text()).includes(`${parts.day} ${parts.month} ${parts.year} at ${parts.hour}:${parts.minute}`), { timeout: 10_000 }).toBe(true);
    await fitsTheScreen();

    // Edit: a better title, a higher impact; Forums leaves, Sega Pass login joins. No status moves.
    await page.getByText("Edit title, impact and services", { exact: true }).click();
    await fitsTheScreen();
    await expectNoAxeViolations(page);
    await page.getByLabel("Incident title").fill(edited);
    await page.getByLabel("Incident impact").selectOption("critical");
    await page.getByRole("checkbox", { name: /^Forums \(now/ }).uncheck();
    await page.getByRole("checkbox", { name: /^Sega Pass login \(now/ }).check();
    await page.getByRole("button", { name: "Save changes" }).click();
    await expect(page.getByRole("main").getByRole("status").filter({ hasText: "Saved." })).toHaveText("Saved. The public page, feeds and API show the change.");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(edited);
    await expect(page.getByText("Critical impact", { exact: false })).toBeVisible();
    await expect.poll(async () => (await (await request.get(publicUrl)).text()).includes(edited), { timeout: 10_000 }).toBe(true);
    const feedTitles = async () => ((await (await request.get("/history.json")).json()).items as { title: string }[]).map((item) => item.title);
    await expect.poll(feedTitles, { timeout: 10_000 }).toContain(`${edited}: Investigating`);
    expect(await feedTitles()).not.toContain(`${title}: Investigating`);
    const linked = async () =>
      ((await (await request.get("/api/v2/incidents/unresolved.json")).json()).incidents as { name: string; components: { name: string }[] }[])
        .find((incident) => incident.name === edited)
        ?.components.map((component) => component.name)
        .sort();
    await expect.poll(linked, { timeout: 10_000 }).toEqual(["Sega Pass login", "Website"]);

    // Updates: the services already in the incident offer "No change".
    await page.reload();
    await expect(serviceStatus(page, "Website").locator("option:checked")).toHaveText("No change");
    await expect(serviceStatus(page, "Forums").locator("option:checked")).toHaveText("Not affected");
    await page.getByLabel("Status", { exact: true }).selectOption("identified");
    await page.getByLabel("Update", { exact: true }).fill("Someone got into the Sega Pass database without permission. Passwords are being reset.");
    await publish(page, "Publish update");
    await expect(page.getByRole("main").getByRole("status").filter({ hasText: "Update published." })).toBeVisible();
    await fitsTheScreen();

    await page.reload();
    await page.getByLabel("Status", { exact: true }).selectOption("resolved");
    await page.getByLabel("Update", { exact: true }).fill("Sign-in works again. Change your password anywhere you used the same one.");
    await affect(page, "Website", "operational");
    await publish(page, "Publish update");
    await expect(page.getByRole("main").getByRole("status").filter({ hasText: "Resolved, and published." })).toBeVisible();
    await fitsTheScreen();
    await expect.poll(async () => (await (await request.get(publicUrl)).text()).includes("Sign-in works again."), { timeout: 10_000 }).toBe(true);
    const components = async () => ((await (await request.get("/api/v2/components.json")).json()).components as { name: string; status: string }[]).find((component) => component.name === "Website")?.status;
    await expect.poll(components, { timeout: 10_000 }).toBe("operational");

    // The menu takes the phone anywhere, and closes once it has.
    await consoleLink(page, "Audit log");
    await expect(page.getByRole("row").filter({ hasText: "edited incident" }).filter({ hasText: edited }).first()).toContainText(OWNER.email);
    await fitsTheScreen();
    await expect(nav.locator("details[open]")).toHaveCount(0);
    await context.close();
  });
}
