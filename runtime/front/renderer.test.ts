import { describe, expect, it } from "vitest";
import { PRIORITY, Renderer } from "./renderer";

/** A renderer whose renders finish only when the test says so. */
function harness({ concurrency = 2, maxWaiting = 2, backgroundConcurrency = undefined as number | undefined } = {}) {
  let version = 1;
  const started: string[] = [];
  const pending = new Map<string, ((value: string | null) => void)[]>();
  let running = 0;
  let peak = 0;
  const renderer = new Renderer<string>({
    concurrency,
    maxWaiting,
    backgroundConcurrency,
    version: () => version,
    render: (key, at) =>
      new Promise((resolve) => {
        started.push(key);
        running++;
        peak = Math.max(peak, running);
        const waiting = pending.get(key) ?? [];
        waiting.push((value) => {
          running--;
          resolve(value === null ? null : `${value}@${at}`);
        });
        pending.set(key, waiting);
      }),
  });
  const finish = async (key: string, value: string | null = key) => {
    pending.get(key)!.shift()!(value);
    await new Promise((resolve) => setImmediate(resolve));
  };
  return {
    renderer,
    started,
    finish,
    get peak() {
      return peak;
    },
    setVersion: (next: number) => (version = next),
  };
}

describe("Renderer", () => {
  it("renders a bounded number at once and turns the overflow away at once", async () => {
    const h = harness({ concurrency: 2, maxWaiting: 2 });
    const answers = Array.from({ length: 10 }, (_, index) => h.renderer.forReader(`/k${index}`));
    // Two render, two wait, six are answered at once (from memory or with a 503).
    expect(answers.filter((answer) => answer === undefined)).toHaveLength(6);
    expect(h.started).toEqual(["/k0", "/k1"]);
    await h.finish("/k0");
    expect(h.started).toEqual(["/k0", "/k1", "/k2"]);
    await h.finish("/k1");
    await h.finish("/k2");
    await h.finish("/k3");
    expect(await answers[3]).toBe("/k3@1");
    expect(h.peak).toBe(2);
  });

  it("gives a reader of the same response the render under way", async () => {
    const h = harness();
    const first = h.renderer.forReader("/");
    const second = h.renderer.forReader("/");
    expect(second).toBe(first);
    await h.finish("/");
    expect(h.started).toEqual(["/"]);
    expect(await second).toBe("/@1");
  });

  it("never lets a request after a change join a render begun before it", async () => {
    const h = harness();
    const before = h.renderer.forReader("/");
    h.setVersion(2);
    const after = h.renderer.forReader("/");
    expect(after).not.toBe(before);
    await h.finish("/", "old");
    await h.finish("/", "new");
    expect(await before).toBe("old@1");
    expect(await after).toBe("new@2");
  });

  it("re-renders after a change in priority order, the newest change first", async () => {
    const h = harness({ concurrency: 1, maxWaiting: 4 });
    const busy = h.renderer.forReader("/busy");
    h.setVersion(2);
    h.renderer.refresh(["/", "/api/v2/summary.json"], ["/r1", "/r2", "/r3"]);
    // A newer change before those ran: its list replaces theirs.
    h.setVersion(3);
    h.renderer.refresh(["/", "/api/v2/summary.json"], ["/r3", "/r4"]);
    // A reader's miss goes after the first keys but before the other re-renders.
    const reader = h.renderer.forReader("/incidents/a");
    for (const key of ["/busy", "/", "/api/v2/summary.json", "/incidents/a", "/r3", "/r4"]) await h.finish(key);
    expect(h.started).toEqual(["/busy", "/", "/api/v2/summary.json", "/incidents/a", "/r3", "/r4"]);
    expect(await busy).toBe("/busy@1");
    expect(await reader).toBe("/incidents/a@3");
    expect(h.renderer.stats).toEqual({ running: 0, waiting: 0 });
  });

  it("always queues the first keys for a reader, however long the line", async () => {
    const h = harness({ concurrency: 1, maxWaiting: 1 });
    h.renderer.forReader("/a");
    h.renderer.forReader("/b");
    expect(h.renderer.forReader("/c")).toBeUndefined();
    expect(h.renderer.forReader("/", PRIORITY.first)).toBeDefined();
    await h.finish("/a");
    expect(h.started).toEqual(["/a", "/"]);
  });

  it("leaves room beside the whole set's re-render for a reader and the first keys", async () => {
    const h = harness({ concurrency: 4, backgroundConcurrency: 2, maxWaiting: 4 });
    h.renderer.refresh([], ["/a", "/b", "/c", "/d", "/e"]);
    expect(h.started).toEqual(["/a", "/b"]);
    void h.renderer.forReader("/reader");
    void h.renderer.forReader("/", PRIORITY.first);
    expect(h.started).toEqual(["/a", "/b", "/reader", "/"]);
    // A background slot freed goes to the next background job.
    await h.finish("/a");
    expect(h.started).toEqual(["/a", "/b", "/reader", "/", "/c"]);
  });
});
