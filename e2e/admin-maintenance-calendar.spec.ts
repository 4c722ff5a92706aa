import { expect, test } from "@playwright/test";
import { publish, signIn } from "./admin";
import { baseURL, OWNER } from "./base-url";
import { parseCalendar } from "./calendar";

// An editor plans a window far ahead, to show on the page only a week before it starts:
// calendar subscribers see it at once, the page's upcoming list not yet.

test("a window planned far ahead is in the calendar at once, and on the page only from its announce time", async ({ page, request }) => {
  const year = new Date().getFullYear() + 2;
  const title = `Forums search rebuild ${Date.now()}`;
  await signIn(page, OWNER);
  await page.getByRole("navigation", { name: "Admin" }).getByRole("link", { name: "Plan maintenance" }).click();
  await page.getByLabel("Title").fill(title);
  await page.getByLabel("Starts (Europe/London)").fill(`${year}-07-10T02:00`);
  await page.getByLabel("Ends (Europe/London)").fill(`${year}-07-10T04:00`);
  await page.getByLabel("Show on the public page").selectOption({ label: "Custom…" });
  await page.getByLabel("Custom: hours before the start").fill("5000");
  await page.getByRole("checkbox", { name: "Forums" }).check();
  // Subscribers are not mailed: the specs after this one count their mail.
  await page.getByRole("radio", { name: "No: only the status page shows it" }).check();
  await page.getByLabel("Announcement").fill("Forum search will be unavailable while its index is rebuilt.");
  await publish(page, "Announce maintenance");
  await expect(page.getByText("Enter whole hours between 1 and 2,160 (90 days).")).toBeVisible();
  await page.getByLabel("Show on the public page").selectOption({ label: "1 week before it starts" });
  await publish(page, "Announce maintenance");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(title);
  const incidentId = new URL(page.url()).pathname.split("/").at(-1);

  const inCalendar = async (path: string) => parseCalendar(await (await request.get(path)).text()).events.find((event) => event.summary === title);
  await expect.poll(() => inCalendar("/maintenance.ics"), { timeout: 10_000 }).toEqual({
    uid: `${incidentId}@${new URL(baseURL).host}`,
    sequence: 0,
    status: "CONFIRMED",
    // 02:00 BST.
    start: `${year}-07-10T01:00:00Z`,
    end: `${year}-07-10T03:00:00Z`,
    summary: title,
    url: `${baseURL}/incidents/${incidentId}`,
  });
  expect(await inCalendar("/services/forums/maintenance.ics")).toMatchObject({ uid: `${incidentId}@${new URL(baseURL).host}` });
  expect(await inCalendar("/services/payments/maintenance.ics")).toBeUndefined();

  // Published (its own page shows it), but not yet in the upcoming lists.
  await expect.poll(async () => (await request.get(`/incidents/${incidentId}`)).status(), { timeout: 10_000 }).toBe(200);
  expect(await (await request.get("/")).text()).not.toContain(title);
  const upcoming = await (await request.get("/api/v2/scheduled-maintenances/upcoming.json")).json();
  expect(upcoming.scheduled_maintenances.map((window: { name: string }) => window.name)).not.toContain(title);
});
