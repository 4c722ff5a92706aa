import { expect, test } from "@playwright/test";
import { publish, signIn } from "./admin";
import { OWNER } from "./base-url";

// An editor plans a window that runs itself with a reminder, then moves it and calls it
// off from a phone with JavaScript off; readers see each step on the public page. (That
// it starts and completes by itself is tested against the database in
// server/maintenance.test.ts, with the clock given rather than waited for.)

test("a window that runs itself is planned, rescheduled and cancelled, the last two without JavaScript", async ({ browser, page }) => {
  // A whole story through several pages and contexts: a slow test on two shared cores.
  test.slow();
  const year = new Date().getFullYear() + 1;
  const title = `Payments database failover ${Date.now()}`;
  await signIn(page, OWNER);
  await page.getByRole("navigation", { name: "Admin" }).getByRole("link", { name: "Plan maintenance" }).click();
  await page.getByLabel("Title").fill(title);
  await page.getByLabel("Starts (Europe/London)").fill(`${year}-03-10T02:00`);
  await page.getByLabel("Ends (Europe/London)").fill(`${year}-03-10T04:00`);
  await page.getByRole("checkbox", { name: "Start automatically at the scheduled time" }).check();
  await page.getByRole("checkbox", { name: "Complete automatically at the scheduled end" }).check();
  await page.getByLabel("Remind subscribers before it starts").selectOption({ label: "Custom…" });
  await page.getByLabel("Custom reminder, in minutes before the start").fill("0");
  await page.getByLabel("Announcement").fill("Payments may fail for a minute during the failover.");
  await publish(page, "Announce maintenance");
  await expect(page.getByText("Enter whole minutes between 1 and 10,080 (a week).")).toBeVisible();
  await page.getByLabel("Custom reminder, in minutes before the start").fill("90");
  await publish(page, "Announce maintenance");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(title);

  const schedule = page.getByRole("region", { name: "Schedule" });
  await expect(schedule).toContainText(`10 March ${year} at 02:00 GMT · starts by itself`);
  await expect(schedule).toContainText(`10 March ${year} at 04:00 GMT · completes by itself`);
  await expect(schedule).toContainText("90 minutes before");

  // The same session on a phone with JavaScript off (a <summary> may count as a button: the submit is the last).
  const phone = await browser.newContext({ storageState: await page.context().storageState(), javaScriptEnabled: false });
  const offline = await phone.newPage();
  await offline.goto(page.url());
  await offline.locator("summary", { hasText: "Reschedule" }).click();
  await offline.getByLabel("New start (Europe/London)").fill(`${year}-03-17T05:00`);
  await offline.getByLabel("New end (Europe/London)").fill(`${year}-03-17T03:00`);
  // The demo clock is on: the console asks before publishing, and keeps what was typed.
  await offline.getByRole("button", { name: "Reschedule" }).last().click();
  await expect(offline.getByText("Tick this to publish while the demo clock is on.")).toBeVisible();
  await expect(offline.getByRole("alert").first()).toContainText("The demo clock is on: the public page shows the demo story as of 17 June 2011");
  await expect(offline.getByLabel("New start (Europe/London)")).toHaveValue(`${year}-03-17T05:00`);
  await publish(offline, "Reschedule");
  await expect(offline.getByText("The end must come after the start.")).toBeVisible();
  // The tick is kept across the refusal.
  const rescheduleForm = offline.locator("form").filter({ has: offline.getByRole("button", { name: "Reschedule" }) });
  await expect(rescheduleForm.getByRole("checkbox", { name: "Publish anyway" })).toBeChecked();
  await offline.getByLabel("New start (Europe/London)").fill(`${year}-03-17T02:00`);
  await offline.getByLabel("New end (Europe/London)").fill(`${year}-03-17T04:00`);
  await offline.getByRole("button", { name: "Reschedule" }).last().click();
  await expect(offline.getByText("Rescheduled; subscribers are told.")).toBeVisible();
  await expect(offline.getByRole("region", { name: "Schedule" })).toContainText(`17 March ${year} at 02:00 GMT`);

  await offline.locator("summary", { hasText: "Cancel this maintenance" }).click();
  await offline.getByLabel("What readers are told").fill("Called off: the new hardware arrives later.");
  await publish(offline, "Cancel this maintenance");
  await expect(offline.getByText("Completed ·").first()).toBeVisible();
  await expect(offline.getByText("Cancel this maintenance")).toHaveCount(0);
  await phone.close();

  const incidentId = new URL(page.url()).pathname.split("/").at(-1);
  await expect.poll(async () => (await (await page.request.get(`/incidents/${incidentId}`)).text()).includes("Called off: the new hardware arrives later."), { timeout: 10_000 }).toBe(true);
  const story = await (await page.request.get(`/incidents/${incidentId}`)).text();
  expect(story).toContain(`Rescheduled: this maintenance now starts on 17 March ${year} at 02:00 GMT`);
  // Readers see it called off, not merely completed; the API keeps Statuspage's "completed".
  await page.goto(`/incidents/${incidentId}`);
  await expect(page.getByRole("definition").filter({ hasText: "Cancelled" })).toBeVisible();
});
