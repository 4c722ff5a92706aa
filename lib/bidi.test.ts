import { describe, expect, it } from "vitest";
import { closeBidiControls, stripBidiControls } from "@/lib/bidi";

const LRE = "\u202A", RLE = "\u202B", PDF = "\u202C", LRO = "\u202D", RLO = "\u202E";
const LRI = "\u2066", RLI = "\u2067", FSI = "\u2068", PDI = "\u2069";

describe("stripBidiControls", () => {
  it("removes every embedding, override and isolate, and nothing else", () => {
    expect(stripBidiControls(`Login ${RLO}txt.exe${PDF} ${LRE}a${RLE}b${LRO}c ${LRI}d${RLI}e${FSI}f${PDI}`)).toBe("Login txt.exe abc def");
    // The marks open nothing; right-to-left names need them.
    expect(stripBidiControls("שירות API\u200F (בדיקה)\u200E\u061C")).toBe("שירות API\u200F (בדיקה)\u200E\u061C");
  });
});

describe("closeBidiControls", () => {
  it("closes what the text leaves open, innermost first", () => {
    expect(closeBidiControls(`a${RLO}b`)).toBe(`a${RLO}b${PDF}`);
    expect(closeBidiControls(`${RLI}a${LRE}b`)).toBe(`${RLI}a${LRE}b${PDF}${PDI}`);
    expect(closeBidiControls(`${LRO}a${FSI}b`)).toBe(`${LRO}a${FSI}b${PDI}${PDF}`);
  });

  it("keeps balanced text as it is", () => {
    for (const text of ["plain", `a${RLO}b${PDF}c`, `${RLI}a${LRE}b${PDF}${PDI}`, `${RLI}a${LRE}b${PDI}`]) {
      expect(closeBidiControls(text)).toBe(text);
    }
  });

  it("drops closers that would end something opened outside the text", () => {
    expect(closeBidiControls(`a${PDF}b${PDI}c`)).toBe("abc");
    // A PDF cannot close an isolate.
    expect(closeBidiControls(`${RLI}a${PDF}b`)).toBe(`${RLI}ab${PDI}`);
  });
});
