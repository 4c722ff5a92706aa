import { describe, expect, it } from "vitest";
import { isNextBanner } from "./next-process";

// `npm start` printed Next's banner with its internal loopback address before Herald's own line.
describe("isNextBanner", () => {
  it("drops the banner `next start` prints", () => {
    const banner = ["▲ Next.js 16.4.6", "- Local:         http://127.0.0.1:45479", "- Network:       http://127.0.0.1:45479", "", "✓ Ready in 252ms", "✓ Running next.config.js took 50ms", "- Experiments (use with caution):", "  · serverActions"];
    expect(banner.filter((line) => !isNextBanner(line))).toEqual([]);
  });

  it("keeps what a person needs to see", () => {
    for (const line of ["⨯ Error: Unexpected end of form", "Error [PrismaClientKnownRequestError]: database is locked", " ○ Compiling /admin ...", "[worker] delivering"]) {
      expect(isNextBanner(line)).toBe(false);
    }
  });
});
