import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { listPublicRoutes, readDataVersion } from "@/server/public-routes";

// The front answers any id missing here with the shared 404, so this must follow the
// public pages' own rules: drafts and hidden services are not here.
describe("listPublicRoutes", () => {
  let published = "";
  let draft = "";

  beforeAll(async () => {
    await db().pageSettings.create({ data: { id: 1, name: "Example status", url: "https://status.example.com", timeZone: "Europe/London", asOf: new Date("2011-06-20T12:00:00Z"), version: 7 } });
    await db().service.create({ data: { slug: "forums", name: "Forums" } });
    await db().service.create({ data: { slug: "secret-backend", name: "Secret backend", hidden: true } });
    // 23:30 UTC on 31 March is already April in London.
    published = (await db().incident.create({ data: { title: "Outage", impact: "major", status: "resolved", startedAt: new Date("2010-03-31T23:30:00Z"), publishedAt: new Date("2010-03-31T23:30:00Z") } })).id;
    draft = (await db().incident.create({ data: { title: "Draft", impact: "minor", status: "investigating", startedAt: new Date("2008-01-01T00:00:00Z") } })).id;
  });

  it("lists published incidents, visible services and the months of history, in the page's time zone", async () => {
    const routes = await listPublicRoutes();
    expect([...routes.incidents]).toEqual([published]);
    expect(routes.incidents.has(draft)).toBe(false);
    expect([...routes.services]).toEqual(["forums"]);
    expect(routes.earliestMonth).toBe("2010-04");
    expect(routes.currentMonth).toBe("2011-06");
  });

  it("reads the data version the front polls", async () => {
    expect(await readDataVersion()).toBe(7);
  });
});
