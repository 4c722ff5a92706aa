import { describe, expect, it, vi } from "vitest";
import { NOT_FOUND_KEYS, notFoundKeys, publicKeys, refreshFirst, type PublicRoutes } from "@/lib/front";
import { makeEntry } from "./response-cache";
import { SNAPSHOT_VERSION } from "./snapshot";
import { PublicResponses, type Answer } from "./public-responses";

const routes = (incidents: string[] = ["cm0a", "cm0b"]): PublicRoutes => ({
  incidents: new Set(incidents),
  services: new Set(["forums", "payments"]),
  earliestMonth: "2009-01",
  currentMonth: "2011-06",
  defaultLocale: "en",
});

function entryFor(key: string, version: number) {
  const body = Buffer.from(`${key} at version ${version} `.repeat(200));
  return makeEntry(key.startsWith("/__herald") ? 404 : 200, { "content-type": "text/html; charset=utf-8" }, body, version, body);
}

/**
 * A front whose renders take `delay` ms (or never finish, or fail for `fails`), counting
 * them by version. Without `prerender`, only what readers ask for is rendered.
 */
function front({ delay = 0, hang = false, prerender = false, fails = (() => false) as (key: string) => boolean, now = Date.now } = {}) {
  const rendered: { key: string; version: number }[] = [];
  const settled: { version: number; keys: readonly string[] }[] = [];
  const responses = new PublicResponses({
    render: async (key, version) => {
      rendered.push({ key, version });
      if (hang) await new Promise(() => {});
      if (delay) await new Promise((resolve) => setTimeout(resolve, delay));
      return fails(key) ? null : entryFor(key, version);
    },
    prerender,
    onSettled: (version, keys) => settled.push({ version, keys }),
    now,
  });
  responses.update(1, routes());
  return { responses, rendered, settled };
}

const tick = (ms = 10) => new Promise((resolve) => setTimeout(resolve, ms));

async function read(responses: PublicResponses, url: string): Promise<Answer | null> {
  const key = responses.keyFor(url);
  return responses.hit(key) ?? (await responses.miss(key));
}

const random = () => Math.random().toString(36).slice(2);

const neverSeen = (index: number) =>
  [`/?cb=${index}`, `/?fbclid=${random()}`, `/incidents/${random()}`, `/services/${random()}`, `/history?month=${random()}`, `/services/${random()}/history.rss`, `/api/v2/${random()}.json`][index % 7];

describe("the front under a flood of never-seen URLs", () => {
  it("renders each canonical response once and keeps memory flat", async () => {
    const { responses, rendered } = front();
    for (let index = 0; index < 5_000; index++) {
      const answer = await read(responses, neverSeen(index));
      expect(answer).not.toBeNull();
    }
    expect(rendered.map((render) => render.key).sort()).toEqual(["/", NOT_FOUND_KEYS.api, NOT_FOUND_KEYS.page, NOT_FOUND_KEYS.service].sort());
    expect(responses.cache.size).toBe(4);
    // The shared 404 carries Next's 404 status, and every ?cb= reader gets the bytes of /.
    expect((await read(responses, "/incidents/nope"))!.entry.status).toBe(404);
    expect((await read(responses, "/?cb=x"))!.entry).toBe(responses.cache.peek("/"));
  });

  it("keeps the same bound in every language: never-seen Japanese addresses share the Japanese 404", async () => {
    const { responses, rendered } = front();
    const japanese = (index: number) => [`/ja?cb=${index}`, `/ja/incidents/${random()}`, `/ja/services/${random()}`, `/ja/history?month=${random()}`, `/ja/${random()}`][index % 5];
    for (let index = 0; index < 2_000; index++) expect(await read(responses, japanese(index))).not.toBeNull();
    expect(rendered.map((render) => render.key).sort()).toEqual(["/ja", "/ja/__herald/not-found"]);
    // A real page's twin is its own key, kept like the original.
    expect(responses.keyFor("/ja/incidents/cm0a?cb=1")).toBe("/ja/incidents/cm0a");
    expect(responses.keyFor("/en/incidents/cm0a")).toBe("/incidents/cm0a");
  });

  it("re-renders a bounded set after a change, the first keys first, whatever was read before", async () => {
    const incidents = Array.from({ length: 500 }, (_, index) => `cm${index}`);
    const { responses, rendered } = front();
    responses.update(1, routes(incidents));
    // Readers opened 500 real incident pages and the API.
    for (const id of incidents) await read(responses, `/incidents/${id}`);
    await read(responses, "/api/v2/summary.json");
    rendered.length = 0;

    responses.update(2, routes(incidents));
    await new Promise((resolve) => setTimeout(resolve, 20));
    const keys = rendered.filter((render) => render.version === 2).map((render) => render.key);
    const first = refreshFirst(routes(incidents));
    expect(keys.slice(0, first.length)).toEqual(first);
    expect(keys.length).toBe(first.length + 32);
    // The most recently read come next, newest first.
    expect(keys.slice(first.length, first.length + 2)).toEqual(["/incidents/cm499", "/incidents/cm498"]);
  });

  it("does not take a re-render, or a response restored from disk, for a reader's interest", async () => {
    const { responses, rendered } = front();
    const restored = entryFor("/incidents/cm0a", 0);
    restored.version = SNAPSHOT_VERSION;
    responses.cache.set("/incidents/cm0a", restored);
    await read(responses, "/incidents/cm0b");
    for (let version = 2; version < 5; version++) {
      rendered.length = 0;
      responses.update(version, routes());
      await new Promise((resolve) => setTimeout(resolve, 10));
      const keys = rendered.map((render) => render.key);
      expect(keys).toContain("/incidents/cm0b");
      expect(keys).not.toContain("/incidents/cm0a");
    }
  });

  it("renders a few at a time and answers the overflow at once: the last response kept, or a 503", async () => {
    const { responses, rendered } = front({ hang: true });
    const old = entryFor("/incidents/cm0a", 0);
    responses.cache.set("/incidents/cm0a", old);
    // 29 history months (2009-01 to 2011-05) never rendered, then an incident page kept from before.
    const months = Array.from({ length: 29 }, (_, index) => `/history?month=${2009 + Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, "0")}&fbclid=${index}`);
    const settled: (Answer | null)[] = [];
    for (const url of [...months, "/incidents/cm0a?cb=1"]) {
      const key = responses.keyFor(url);
      void Promise.resolve(responses.hit(key) ?? responses.miss(key)).then((answer) => settled.push(answer));
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(rendered).toHaveLength(4);
    expect(responses.state.renders).toEqual({ running: 4, waiting: 16 });
    // Ten could neither render nor wait: nine months get a 503, the incident its old page.
    expect(settled).toHaveLength(10);
    expect(settled.filter((answer) => answer === null)).toHaveLength(9);
    expect(settled.find((answer) => answer !== null)).toEqual({ entry: old, stale: false });
  });

  it("knows a newly published incident before it serves the version that published it", async () => {
    const { responses } = front();
    expect(responses.keyFor("/incidents/cm0new")).toBe(NOT_FOUND_KEYS.page);
    responses.update(2, routes(["cm0a", "cm0b", "cm0new"]));
    expect(responses.version).toBe(2);
    expect(responses.keyFor("/incidents/cm0new?utm_source=mail")).toBe("/incidents/cm0new");
    expect((await read(responses, "/incidents/cm0new"))!.entry.status).toBe(200);
  });
});

describe("the whole public site, ready before anyone asks", () => {
  it("renders every public URL after a change, then a flood of never-seen URLs renders nothing more", async () => {
    const { responses, rendered, settled } = front({ prerender: true });
    await tick();
    const whole = publicKeys(routes());
    expect(settled).toEqual([{ version: 1, keys: whole }]);
    // Every page of history, every incident, service, feed, API answer and badge.
    for (const key of ["/history?month=2009-03", "/history?month=2011-03", "/incidents/cm0a", "/services/forums/history.atom", "/api/v2/scheduled-maintenances/active.json", "/services/payments/badge.svg", "/subscribe"]) {
      expect(whole).toContain(key);
      expect(responses.cache.peek(key)?.version, key).toBe(1);
    }
    expect(responses.state.lastSettled).toMatchObject({ version: 1, keys: whole.length });
    const before = rendered.length;
    for (let index = 0; index < 2_000; index++) expect(await read(responses, neverSeen(index))).not.toBeNull();
    expect(rendered.length).toBe(before);
  });

  it("re-renders after each change in order: the first keys, what readers just read, then the rest; the newest change first", async () => {
    const incidents = Array.from({ length: 700 }, (_, index) => `cm${String(699 - index).padStart(3, "0")}`);
    const { responses, rendered, settled } = front({ prerender: true, delay: 1 });
    responses.update(2, routes(incidents));
    await vi.waitFor(() => expect(settled.map((pass) => pass.version)).toEqual([2]), { timeout: 5_000 });
    // A reader opens an old incident outside the whole set, then two changes follow at once.
    await read(responses, "/incidents/cm010");
    rendered.length = 0;
    responses.update(3, routes(incidents));
    await tick(5);
    responses.update(4, routes(incidents));
    await vi.waitFor(() => expect(settled.map((pass) => pass.version)).toContain(4), { timeout: 5_000 });
    const v4 = rendered.filter((render) => render.version === 4).map((render) => render.key);
    const first = refreshFirst(routes(incidents));
    expect(v4.slice(0, first.length)).toEqual(first);
    expect(v4[first.length]).toBe("/incidents/cm010");
    const whole = publicKeys(routes(incidents));
    // The 500 most recent incidents, not the 200 oldest.
    expect(whole).toContain("/incidents/cm699");
    expect(whole).toContain("/incidents/cm200");
    expect(whole).not.toContain("/incidents/cm199");
    expect(new Set(v4)).toEqual(new Set([...whole, "/incidents/cm010", ...notFoundKeys(routes(incidents))]));
    // Version 3's pass was dropped for version 4's: it rendered a few and never reported.
    expect(rendered.filter((render) => render.version === 3).length).toBeLessThan(whole.length);
    // Version 1's pass, superseded at once by version 2's, never reported either.
    expect(settled.map((pass) => pass.version)).toEqual([2, 4]);
  });

  it("completes a set left unfinished by a failed render on a later poll, not at once", async () => {
    let now = 1_000_000;
    let failing = true;
    const { responses, settled } = front({ prerender: true, fails: (key) => failing && key === "/services/forums", now: () => now });
    await tick();
    expect(settled).toEqual([]);
    expect(responses.state.wholeSet).toMatchObject({ version: 1, settled: false });
    // The next poll within ten seconds leaves it; a later one renders only what is missing.
    failing = false;
    responses.update(1, routes());
    await tick();
    expect(settled).toEqual([]);
    now += 10_000;
    responses.update(1, routes());
    await tick();
    expect(settled.map((pass) => pass.version)).toEqual([1]);
  });

  it("a reader's miss goes after the first keys and before the rest of the set", async () => {
    const { responses, rendered } = front({ prerender: true, hang: true });
    await tick();
    expect(rendered).toHaveLength(4);
    void responses.miss(responses.keyFor("/incidents/cm0b"));
    expect(responses.state.renders.waiting).toBeGreaterThan(publicKeys(routes()).length - 5);
    const queue = (responses as unknown as { renderer: { queue: { key: string }[] } }).renderer.queue.map((job) => job.key);
    const first = refreshFirst(routes());
    expect(queue.slice(0, first.length - 4 + 1)).toEqual([...first.slice(4), "/incidents/cm0b"]);
  });
});

describe("a response older than its maximum age", () => {
  it("is answered at once and rendered again in the background, once", async () => {
    // Responses are stamped with the real clock when rendered.
    let now = Date.now();
    const { responses, rendered } = front({ now: () => now });
    const first = await read(responses, "/");
    expect(rendered.map((render) => render.key)).toEqual(["/"]);
    now += 16_000;
    // Three readers at once: each gets the kept response, one render starts.
    for (let reader = 0; reader < 3; reader++) expect(responses.hit("/")?.entry).toBe(first!.entry);
    expect(rendered.map((render) => render.key)).toEqual(["/", "/"]);
    await tick();
    expect(responses.hit("/")?.entry).not.toBe(first!.entry);
  });

  it("in front of next dev, makes the reader wait for the new render", async () => {
    // Responses are stamped with the real clock when rendered.
    let now = Date.now();
    const responses = new PublicResponses({ render: async (key, version) => entryFor(key, version), prerender: false, waitWhenOld: true, now: () => now });
    responses.update(1, routes());
    await read(responses, "/");
    now += 16_000;
    expect(responses.hit("/")).toBeNull();
  });
});
