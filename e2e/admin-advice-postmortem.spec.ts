import { expect, test } from "@playwright/test";
import { createUser, openIncident, publish, signIn } from "./admin";
import { parseWithFeedparser } from "./feeds";

// The two texts an incident carries besides its updates. Pinned advice: what a customer
// must do is on a phone's first screen, not three updates down. A postmortem: a private
// draft, then public on the page, in the feed and the API, then revised.

const EDITOR = { email: "advice.editor@sega.example", password: "harbour-copper-lantern-sixty-three" };
const INCIDENT = "Unauthorised access to the Sega Pass database";
const PINNED = "Change your Sega Pass password on every other site where you used it, today.";

test.describe.configure({ mode: "serial" });

test.beforeAll(() => createUser(EDITOR));

test("an editor pins advice on the story's incident: on a phone's first screen, and above the updates", async ({ page, browser, request }) => {
  // Two tabs, a conflict and a phone's first screen: a slow test on two shared cores (it met 30 s at load 9).
  test.slow();
  const { incidents } = await (await request.get("/api/v2/incidents/unresolved.json")).json();
  const story = (incidents as { id: string; name: string; advice: string | null }[]).find((incident) => incident.name === INCIDENT)!;
  expect(story.advice).toMatch(/^\*\*Your Sega Pass password has been reset\.\*\*/);

  await signIn(page, EDITOR);
  await page.goto(`/admin/incidents/${story.id}`);
  const form = page.getByRole("region", { name: "Pinned advice" });
  const field = form.getByLabel("What you should do");
  await expect(field).toHaveValue(story.advice!);
  await field.fill(`**${PINNED}**`);
  await expect(form.getByRole("region", { name: "Advice preview" }).locator("strong")).toHaveText(PINNED);
  await form.getByRole("button", { name: "Save advice" }).click();
  await expect(form.getByRole("status")).toHaveText(/^Advice saved/);

  // A second tab drawn before the save is refused, its text kept.
  const stale = await page.context().newPage();
  await stale.goto(`/admin/incidents/${story.id}`);
  await page.reload();
  await page.getByRole("region", { name: "Pinned advice" }).getByLabel("What you should do").fill(`**${PINNED}**\n\nAnd turn on two-step sign-in.`);
  await page.getByRole("region", { name: "Pinned advice" }).getByRole("button", { name: "Save advice" }).click();
  await expect(page.getByRole("region", { name: "Pinned advice" }).getByRole("status")).toHaveText(/^Advice saved/);
  const staleForm = stale.getByRole("region", { name: "Pinned advice" });
  await staleForm.getByLabel("What you should do").fill("Words from an old tab.");
  await staleForm.getByRole("button", { name: "Save advice" }).click();
  await expect(staleForm.getByRole("alert")).toContainText("changed since you opened it");
  await expect(staleForm.getByLabel("What you should do")).toHaveValue("Words from an old tab.");
  await stale.close();

  await expect.poll(async () => (await (await request.get("/")).text()).includes("two-step sign-in"), { timeout: 10_000 }).toBe(true);
  const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, javaScriptEnabled: false });
  const home = await phone.newPage();
  await home.goto("/");
  const box = home.getByRole("region", { name: /^What you should do/ });
  await expect(box).toContainText(PINNED);
  await expect(box.getByRole("link", { name: INCIDENT })).toBeVisible();
  expect((await box.boundingBox())!.y).toBeLessThan(800);

  await home.goto(`/incidents/${story.id}`);
  const advice = home.getByRole("region", { name: "What you should do", exact: true });
  await expect(advice).toContainText(PINNED);
  expect((await advice.boundingBox())!.y).toBeLessThan((await home.getByRole("region", { name: "Updates, newest first" }).boundingBox())!.y);
  // The feed's entries of the incident lead with it.
  const feed = parseWithFeedparser(await (await request.get("/history.atom")).text());
  const entries = feed.entries.filter((entry) => entry.link.includes(`/incidents/${story.id}#update-`));
  expect(entries.length).toBeGreaterThan(0);
  for (const entry of entries) {
    expect(entry.content.replace(/<[^>]+>/g, "")).toMatch(/^What you should do\s*Change your Sega Pass password/);
    expect(entry.content).toContain(`<strong>${PINNED}</strong>`);
  }
  await phone.close();

  // Back to the story's own words, for the specs that follow.
  const restore = page.getByRole("region", { name: "Pinned advice" });
  await restore.getByLabel("What you should do").fill(story.advice!);
  await restore.getByRole("button", { name: "Save advice" }).click();
  await expect.poll(async () => (await (await request.get("/api/v2/incidents/unresolved.json")).json()).incidents.find((incident: { id: string }) => incident.id === story.id).advice, { timeout: 10_000 }).toBe(story.advice);
});

test("a postmortem is drafted privately, published to the page, the feed and the API, then revised", async ({ page, request }) => {
  // An incident opened and resolved, then three postmortem steps each read back from page, feed and API: slow on two shared cores.
  test.slow();
  const title = "Website pages slow to load";
  await signIn(page, EDITOR);
  await openIncident(page, { title, service: "Website", body: "Pages are slow to load." });
  const id = new URL(page.url()).pathname.split("/").pop()!;
  // Not before it is resolved.
  await expect(page.getByRole("region", { name: "Postmortem", exact: true })).toHaveCount(0);
  await page.getByLabel("Status", { exact: true }).selectOption("resolved");
  await page.getByLabel("Update", { exact: true }).fill("Pages load normally again.");
  await publish(page, "Publish update");
  await expect(page.getByRole("status").filter({ hasText: "Resolved, and published." })).toBeVisible();

  const section = page.getByRole("region", { name: "Postmortem", exact: true });
  await section.getByLabel("Postmortem text").fill("## What happened\n\nA cache node failed. **Draft words.**");
  await section.getByRole("button", { name: "Save draft" }).click();
  await expect(section.getByRole("status")).toHaveText("Draft saved: only the console sees it.");
  const apiPostmortem = async () =>
    ((await (await request.get("/api/v2/incidents.json")).json()).incidents as { id: string; postmortem_body: string | null }[]).find((incident) => incident.id === id)?.postmortem_body;
  await expect.poll(async () => (await (await request.get(`/incidents/${id}`)).text()).includes("Pages load normally again."), { timeout: 10_000 }).toBe(true);
  expect(await (await request.get(`/incidents/${id}`)).text()).not.toContain("Draft words");
  expect(await apiPostmortem()).toBeNull();
  expect(await (await request.get("/history.atom")).text()).not.toContain("Draft words");

  const body = "## What happened\n\nA cache node failed and every page was built afresh.";
  await section.getByLabel("Postmortem text").fill(body);
  await publish(section, "Publish postmortem");
  await expect(section.getByRole("status")).toHaveText(/^Postmortem published/);
  await expect.poll(apiPostmortem, { timeout: 10_000 }).toBe(body);
  await page.goto(`/incidents/${id}`);
  const published = page.getByRole("region", { name: "Postmortem", exact: true });
  await expect(published).toContainText("every page was built afresh");
  await expect(published).toContainText("Published");
  await expect(published).not.toContainText("Revised");
  const feed = parseWithFeedparser(await (await request.get("/history.atom")).text());
  const entry = feed.entries.find((candidate) => candidate.id === `urn:herald:incident:${id}:postmortem`)!;
  expect(entry).toMatchObject({ title: `${title}: Postmortem` });
  expect(entry.link).toMatch(new RegExp(`/incidents/${id}#postmortem$`));

  await page.goto(`/admin/incidents/${id}`);
  const again = page.getByRole("region", { name: "Postmortem", exact: true });
  await again.getByLabel("Postmortem text").fill(`${body}\n\nWe now keep a spare node warm.`);
  await publish(again, "Save postmortem changes");
  await expect(again.getByRole("status")).toHaveText(/revised/);
  await expect.poll(async () => (await (await request.get(`/incidents/${id}`)).text()).includes("spare node warm"), { timeout: 10_000 }).toBe(true);
  await page.goto(`/incidents/${id}`);
  await expect(page.getByRole("region", { name: "Postmortem", exact: true })).toContainText("Revised");
  const revised = parseWithFeedparser(await (await request.get("/history.atom")).text()).entries.filter((candidate) => candidate.id === `urn:herald:incident:${id}:postmortem`);
  expect(revised).toHaveLength(1);
  expect(revised[0].content).toContain("spare node warm");
});
