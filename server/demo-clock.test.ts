import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { askBeforePublishingUnderDemoClock } from "@/server/demo-clock";

// The console asks before publishing while the demo clock is on; drafts and a ticked box go ahead.
describe("askBeforePublishingUnderDemoClock", () => {
  beforeAll(async () => {
    await db().pageSettings.create({ data: { id: 1, name: "Sega Pass", url: "https://status.example.com", timeZone: "Asia/Tokyo", asOf: new Date("2011-06-17T07:00:00Z") } });
  });

  it("refuses a publication without the tick, naming the story's time and keeping what was typed", async () => {
    const values = { title: "Forum sign-ups", publish: "now" };
    expect(await askBeforePublishingUnderDemoClock(values)).toEqual({
      ok: false,
      error: expect.stringContaining("the public page shows the demo story as of 17 June 2011 at 16:00 GMT+9"),
      fieldErrors: { publishUnderDemoClock: "Tick this to publish while the demo clock is on." },
      values,
    });
    // A form without a publish choice (a further update, a reschedule) is a publication too.
    expect(await askBeforePublishingUnderDemoClock({ body: "x" })).toMatchObject({ ok: false });
    // Anything but the box's own value is no tick.
    expect(await askBeforePublishingUnderDemoClock({ publishUnderDemoClock: "on" })).toMatchObject({ ok: false });
  });

  it("lets a ticked publication and any draft through", async () => {
    expect(await askBeforePublishingUnderDemoClock({ publish: "now", publishUnderDemoClock: "yes" })).toBeNull();
    expect(await askBeforePublishingUnderDemoClock({ publish: "draft" })).toBeNull();
    // A form whose draft is chosen another way (a postmortem's intent) says so.
    expect(await askBeforePublishingUnderDemoClock({ intent: "draft" }, { draft: true })).toBeNull();
    expect(await askBeforePublishingUnderDemoClock({ intent: "publish" }, { draft: false })).toMatchObject({ ok: false });
  });

  it("asks nothing once the demo clock is off", async () => {
    await db().pageSettings.update({ where: { id: 1 }, data: { asOf: null } });
    expect(await askBeforePublishingUnderDemoClock({ publish: "now" })).toBeNull();
  });
});
