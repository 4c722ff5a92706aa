import { describe, expect, it } from "vitest";
import type { PublicRoutes } from "@/lib/front";
import { ROUTES_MAX_AGE_MS, VersionPoll, type DataVersionSource } from "./version-poll";

const routes = (incidents: string[]): PublicRoutes => ({ incidents: new Set(incidents), services: new Set(), earliestMonth: null, currentMonth: "2011-06", defaultLocale: "en" });

/** A database that answers what the test says, and a stand-in for the front's responses. */
function harness() {
  const database = { version: 1, incidents: ["a"], down: false, routeReads: 0 };
  let now = 0;
  const source: DataVersionSource = {
    async readDataVersion() {
      if (database.down) throw new Error("ECONNREFUSED");
      return database.version;
    },
    async listPublicRoutes() {
      database.routeReads++;
      return routes([...database.incidents]);
    },
  };
  const updates: { version: number; incidents: string[] }[] = [];
  const responses = {
    version: -1,
    databaseReachable: true,
    update(version: number, known: PublicRoutes) {
      updates.push({ version, incidents: [...known.incidents] });
      this.version = version;
    },
  };
  const poll = new VersionPoll(responses, { source, now: () => now });
  return { database, responses, updates, poll, advance: (ms: number) => (now += ms) };
}

describe("VersionPoll", () => {
  it("hands a new version over together with what exists at it", async () => {
    const { database, updates, poll } = harness();
    await poll.once();
    database.version = 2;
    database.incidents = ["a", "b"];
    await poll.once();
    expect(updates).toEqual([
      { version: 1, incidents: ["a"] },
      { version: 2, incidents: ["a", "b"] },
    ]);
  });

  it("reads what exists only after a change, or once it is a minute old", async () => {
    const { database, poll, advance } = harness();
    await poll.once();
    for (let index = 0; index < 10; index++) {
      advance(250);
      await poll.once();
    }
    expect(database.routeReads).toBe(1);
    advance(ROUTES_MAX_AGE_MS);
    await poll.once();
    expect(database.routeReads).toBe(2);
  });

  it("marks the database unreachable while it fails, and reachable again when it answers", async () => {
    const { database, responses, poll } = harness();
    await poll.once();
    database.down = true;
    await poll.once();
    expect(responses.databaseReachable).toBe(false);
    database.down = false;
    await poll.once();
    expect(responses.databaseReachable).toBe(true);
  });
});
