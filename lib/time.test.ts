import { describe, expect, it } from "vitest";
import { formatDateTime, formatDay, formatMonth, isoWithOffset, lastDays, monthRange, shiftMonth, startOfDay, zonedTime } from "@/lib/time";

describe("zone arithmetic", () => {
  it("finds local midnight in summer time", () => {
    // London is on BST (UTC+1) in June: midnight is 23:00 UTC the day before.
    expect(zonedTime(2011, 6, 17, "Europe/London").toISOString()).toBe("2011-06-16T23:00:00.000Z");
    expect(startOfDay(new Date("2011-06-17T12:00:00Z"), "Europe/London").toISOString()).toBe(
      "2011-06-16T23:00:00.000Z",
    );
  });

  it("builds calendar days across a clock change, 23 and 25 hours long", () => {
    const days = lastDays(new Date("2011-03-28T12:00:00Z"), 3, "Europe/London");
    expect(days.map((day) => day.key)).toEqual(["2011-03-26", "2011-03-27", "2011-03-28"]);
    const hours = days.map((day) => (day.end.getTime() - day.start.getTime()) / 3_600_000);
    expect(hours).toEqual([24, 23, 24]);
    const autumn = lastDays(new Date("2011-10-30T12:00:00Z"), 1, "Europe/London");
    expect((autumn[0].end.getTime() - autumn[0].start.getTime()) / 3_600_000).toBe(25);
  });

  it("walks months and ranges across year ends", () => {
    expect(shiftMonth("2011-01", -1)).toBe("2010-12");
    expect(shiftMonth("2011-12", 1)).toBe("2012-01");
    const range = monthRange("2011-06", "America/Los_Angeles");
    expect(range.start.toISOString()).toBe("2011-06-01T07:00:00.000Z");
    expect(range.end.toISOString()).toBe("2011-07-01T07:00:00.000Z");
  });

  it("formats an absolute time with its zone named", () => {
    expect(formatDateTime(new Date("2011-06-17T13:05:00Z"), "Europe/London")).toBe("17 June 2011 at 14:05 BST");
    expect(formatDateTime(new Date("2011-06-17T13:05:00Z"), "UTC")).toBe("17 June 2011 at 13:05 UTC");
    expect(formatDateTime(new Date("2011-06-17T13:05:00Z"), "Europe/London", "en")).toBe("17 June 2011 at 14:05 BST");
    expect(formatDateTime(new Date("2011-06-17T14:00:00Z"), "Asia/Tokyo", "en")).toBe("17 June 2011 at 23:00 GMT+9");
  });
});

describe("isoWithOffset", () => {
  it("writes the instant in the zone's local time with its offset", () => {
    expect(isoWithOffset(new Date("2011-06-17T07:30:00.123Z"), "Europe/London")).toBe("2011-06-17T08:30:00.123+01:00");
    expect(isoWithOffset(new Date("2011-01-17T07:30:00Z"), "Europe/London")).toBe("2011-01-17T07:30:00.000+00:00");
    expect(isoWithOffset(new Date("2011-06-17T07:30:00Z"), "America/Los_Angeles")).toBe("2011-06-17T00:30:00.000-07:00");
    expect(isoWithOffset(new Date("2011-06-17T07:30:00Z"), "Asia/Kolkata")).toBe("2011-06-17T13:00:00.000+05:30");
  });
});

describe("times in Japanese", () => {
  it("writes the date the Japanese way and names the zone in brackets after the time", () => {
    expect(formatDateTime(new Date("2011-06-17T14:00:00Z"), "Asia/Tokyo", "ja")).toBe("2011年6月17日 23:00 (JST)");
    expect(formatDateTime(new Date("2011-06-17T13:05:00Z"), "UTC", "ja")).toBe("2011年6月17日 13:05 (UTC)");
    // A zone without a Japanese abbreviation is named by its offset.
    expect(formatDateTime(new Date("2011-06-17T13:05:00Z"), "Europe/London", "ja")).toBe("2011年6月17日 14:05 (GMT+1)");
  });

  it("writes days with their weekday and months as Japanese readers do", () => {
    expect(formatDay(new Date("2011-06-15T23:00:00Z"), "Europe/London", "ja")).toBe("2011年6月16日(木)");
    expect(formatDay(new Date("2011-06-15T23:00:00Z"), "Europe/London", "en")).toBe("Thu, 16 Jun 2011");
    expect(formatMonth("2011-06", "ja")).toBe("2011年6月");
    expect(formatMonth("2011-06")).toBe("June 2011");
  });
});
