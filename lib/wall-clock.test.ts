import { describe, expect, it } from "vitest";
import { formatWallClock, parseWallClock } from "@/lib/wall-clock";

describe("parseWallClock", () => {
  it("reads the page's own style and the common ways people type it", () => {
    for (const typed of ["17 June 2011 08:30", "17 jun 2011 8:30", "17 June 2011 at 08:30", "June 17, 2011 08:30", "17th June 2011, 8.30", "  17   June 2011   08:30 ", "2011-06-17T08:30", "2011-06-17 08:30"]) {
      expect(parseWallClock(typed), typed).toEqual({ ok: true, value: "2011-06-17T08:30" });
    }
    expect(parseWallClock("17 June 2011 8:30 pm")).toEqual({ ok: true, value: "2011-06-17T20:30" });
    expect(parseWallClock("17 June 2011 12:05 am")).toEqual({ ok: true, value: "2011-06-17T00:05" });
    expect(parseWallClock("1 Sept 2011 23:59")).toEqual({ ok: true, value: "2011-09-01T23:59" });
  });

  it("says what is wrong, in words a person can act on", () => {
    expect(parseWallClock("31 June 2011 08:30")).toEqual({ ok: false, error: "June 2011 has 30 days." });
    expect(parseWallClock("29 February 2011 08:30")).toEqual({ ok: false, error: "February 2011 has 28 days." });
    expect(parseWallClock("17 June 2011")).toEqual({ ok: false, error: "Add the time after the date, like 17 June 2011 08:30." });
    expect(parseWallClock("17 06 2011 08:30")).toEqual({ ok: false, error: "Write the month as a word, like 17 June 2011 08:30." });
    expect(parseWallClock("06/17/2011 08:30")).toMatchObject({ ok: false });
    expect(parseWallClock("17 June 11 08:30")).toEqual({ ok: false, error: "Write the year in full, like 17 June 2011 08:30." });
    expect(parseWallClock("17 June 2011 24:00")).toEqual({ ok: false, error: "Enter a time from 00:00 to 23:59." });
    expect(parseWallClock("17 June 2011 13:00 pm")).toEqual({ ok: false, error: "Enter a time from 00:00 to 23:59." });
    expect(parseWallClock("2011-13-01T08:30")).toMatchObject({ ok: false });
    expect(parseWallClock("yesterday morning")).toMatchObject({ ok: false });
  });

  it("writes a value back the way it reads", () => {
    expect(formatWallClock("2011-06-07T08:30")).toBe("7 June 2011 08:30");
    expect(parseWallClock(formatWallClock("2011-06-07T08:30"))).toEqual({ ok: true, value: "2011-06-07T08:30" });
  });
});
