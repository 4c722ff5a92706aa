import { expect, test } from "@playwright/test";
import { baseURL } from "./base-url";
import { parseCalendar } from "./calendar";

// A reader adds the page's planned maintenance to their calendar app. The demo story has
// no maintenance window yet (admin-maintenance-calendar.spec.ts plans one).

test.describe("maintenance calendars", () => {
  test("the status page and a service's page link their calendars, with webcal:// for the calendar app", async ({ page }) => {
    await page.goto("/");
    const section = page.getByRole("region", { name: "Scheduled maintenance" });
    await expect(section.getByRole("link", { name: "Subscribe in your calendar app" })).toHaveAttribute("href", `${baseURL.replace(/^http/, "webcal")}/maintenance.ics`);
    await expect(section.getByRole("link", { name: "iCalendar address" })).toHaveAttribute("href", "/maintenance.ics");

    await page.goto("/services/forums");
    await expect(page.getByRole("link", { name: "Subscribe in your calendar app to maintenance of Forums" })).toHaveAttribute("href", `${baseURL.replace(/^http/, "webcal")}/services/forums/maintenance.ics`);
    await expect(page.getByRole("link", { name: "iCalendar address for Forums" })).toHaveAttribute("href", "/services/forums/maintenance.ics");
  });

  test("the calendars are iCalendar a real parser reads, named after the page and in its zone", async ({ request }) => {
    const response = await request.get("/maintenance.ics");
    expect(response.status()).toBe(200);
    expect(response.headers()["content-type"]).toBe("text/calendar; charset=utf-8");
    const body = await response.text();
    expect(body).toMatch(/^BEGIN:VCALENDAR\r\n/);
    expect(parseCalendar(body)).toEqual({ name: "Sega Pass status maintenance", timeZone: "Europe/London", events: [] });
    const etag = response.headers()["etag"];
    expect((await request.get("/maintenance.ics", { headers: { "If-None-Match": etag } })).status()).toBe(304);

    const forums = await request.get("/services/forums/maintenance.ics");
    expect(forums.status()).toBe(200);
    expect(parseCalendar(await forums.text()).name).toBe("Sega Pass status: Forums maintenance");
    const missing = await request.get("/services/no-such-service/maintenance.ics");
    expect(missing.status()).toBe(404);
    expect((await missing.json()).error.message).toBe("There is no service with this address.");
  });
});
