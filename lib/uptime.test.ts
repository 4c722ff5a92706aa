import { describe, expect, it } from "vitest";
import { lastDays } from "@/lib/time";
import { dailyUptime, formatUptime, NARROW_UPTIME_DAYS, UPTIME_DAYS, uptimeOfLastDays } from "@/lib/uptime";

const at = (iso: string) => new Date(iso);

describe("dailyUptime", () => {
  const now = at("2011-06-17T22:00:00Z");
  const days = lastDays(now, 3, "UTC"); // 15, 16 and 17 June

  it("marks days before any record as no data and excludes them from the percentage", () => {
    const { days: cells, uptime } = dailyUptime([{ at: at("2011-06-16T00:00:00Z"), status: "operational" }], days, now);
    expect(cells.map((day) => day.worst)).toEqual([null, "operational", "operational"]);
    expect(uptime).toBe(100);
  });

  it("takes the worst status of each day and weighs downtime", () => {
    const history = [
      { at: at("2011-01-01T00:00:00Z"), status: "operational" as const },
      { at: at("2011-06-16T12:00:00Z"), status: "major_outage" as const },
    ];
    const { days: cells, uptime } = dailyUptime(history, days, now);
    expect(cells.map((day) => day.worst)).toEqual(["operational", "major_outage", "major_outage"]);
    expect(cells.map((day) => day.downtimeMinutes)).toEqual([0, 720, 1320]);
    // 34 of the 70 hours counted were down.
    expect(uptime).toBeCloseTo(100 * (1 - 34 / 70), 6);
  });

  it("counts a partial outage at 30% and maintenance not at all", () => {
    const history = [
      { at: at("2011-06-15T00:00:00Z"), status: "partial_outage" as const },
      { at: at("2011-06-16T00:00:00Z"), status: "under_maintenance" as const },
      { at: at("2011-06-17T00:00:00Z"), status: "operational" as const },
    ];
    const { days: cells, uptime } = dailyUptime(history, days, now);
    expect(cells[0].downtimeMinutes).toBe(Math.round(24 * 60 * 0.3));
    expect(cells[1].worst).toBe("under_maintenance");
    expect(cells[1].downtimeMinutes).toBe(0);
    expect(uptime).toBeCloseTo(100 * (1 - (24 * 0.3) / 70), 6);
  });

  it("remembers a short outage inside one day", () => {
    const history = [
      { at: at("2011-06-10T00:00:00Z"), status: "operational" as const },
      { at: at("2011-06-15T10:00:00Z"), status: "major_outage" as const },
      { at: at("2011-06-15T10:30:00Z"), status: "operational" as const },
    ];
    const { days: cells } = dailyUptime(history, days, now);
    expect(cells[0]).toMatchObject({ worst: "major_outage", downtimeMinutes: 30 });
    expect(cells[1].worst).toBe("operational");
  });
});

describe("uptimeOfLastDays", () => {
  const now = at("2011-06-17T22:00:00Z");
  const days = lastDays(now, UPTIME_DAYS, "UTC"); // 20 March to 17 June
  const history = [
    { at: at("2011-01-01T00:00:00Z"), status: "operational" as const },
    // A whole day down 45 days ago: in the 90-day bar, not in the 30 days a phone draws.
    { at: at("2011-05-03T00:00:00Z"), status: "major_outage" as const },
    { at: at("2011-05-04T00:00:00Z"), status: "operational" as const },
    // Six hours down two days ago, in both.
    { at: at("2011-06-15T06:00:00Z"), status: "major_outage" as const },
    { at: at("2011-06-15T12:00:00Z"), status: "operational" as const },
  ];
  const summary = dailyUptime(history, days, now);

  it("gives the figure for the days drawn: 90 on a wide screen, the last 30 on a narrow one", () => {
    // Each window ends 22 hours into today.
    const hours90 = 89 * 24 + 22;
    const hours30 = 29 * 24 + 22;
    expect(uptimeOfLastDays(summary.days, UPTIME_DAYS)).toBeCloseTo(100 * (1 - 30 / hours90), 9);
    expect(uptimeOfLastDays(summary.days, NARROW_UPTIME_DAYS)).toBeCloseTo(100 * (1 - 6 / hours30), 9);
    expect(formatUptime(uptimeOfLastDays(summary.days, UPTIME_DAYS)!)).toBe("98.60%");
    expect(formatUptime(uptimeOfLastDays(summary.days, NARROW_UPTIME_DAYS)!)).toBe("99.16%");
  });

  it("agrees with dailyUptime over the whole window and counts only recorded time", () => {
    expect(uptimeOfLastDays(summary.days, UPTIME_DAYS)).toBe(summary.uptime);
    expect(uptimeOfLastDays(summary.days, 1000)).toBe(summary.uptime);
    const lateStart = dailyUptime([{ at: at("2011-06-17T00:00:00Z"), status: "operational" }], days, now);
    expect(uptimeOfLastDays(lateStart.days, NARROW_UPTIME_DAYS)).toBe(100);
    expect(uptimeOfLastDays(dailyUptime([], days, now).days, NARROW_UPTIME_DAYS)).toBeNull();
  });
});

describe("formatUptime", () => {
  it("never rounds a loss up to 100%", () => {
    expect(formatUptime(99.9999)).toBe("99.99%");
    expect(formatUptime(100)).toBe("100.00%");
    expect(formatUptime(99.9999, "ja")).toBe("99.99%");
    expect(formatUptime(98.6, "ja")).toBe("98.60%");
  });

});
