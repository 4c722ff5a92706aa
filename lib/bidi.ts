// Bidirectional formatting characters that open a state (embeddings, overrides,
// isolates) reorder everything after them up to the end of the paragraph, and in a
// mail subject, feed title or page heading that paragraph holds text Herald wrote
// around the user's (the "Trojan Source" trick). The marks U+200E, U+200F and U+061C
// stay everywhere: they open nothing, only settle the direction of the punctuation
// beside them, and right-to-left names need them.

const EMBEDDINGS = "\u202A\u202B\u202D\u202E"; // LRE RLE LRO RLO, closed by PDF
const ISOLATES = "\u2066\u2067\u2068"; // LRI RLI FSI, closed by PDI
const PDF = "\u202C";
const PDI = "\u2069";

const BIDI_CONTROLS = /[\u202A-\u202E\u2066-\u2069]/g;

/** A title or name without bidirectional embeddings, overrides or isolates. */
export function stripBidiControls(value: string): string {
  return value.replace(BIDI_CONTROLS, "");
}

/**
 * Text whose embeddings, overrides and isolates all end inside it: unclosed ones are
 * closed at its end, and closers that would end something opened before it are dropped.
 * Follows the stack of UAX #9 (rules X1–X8), so balanced text comes back unchanged.
 */
export function closeBidiControls(value: string): string {
  if (!/[\u202A-\u202E\u2066-\u2069]/.test(value)) return value;
  const open: ("embedding" | "isolate")[] = [];
  let result = "";
  for (const char of value) {
    if (EMBEDDINGS.includes(char)) open.push("embedding");
    else if (ISOLATES.includes(char)) open.push("isolate");
    else if (char === PDF) {
      // A PDF never closes an isolate, nor anything outside this text.
      if (open.at(-1) !== "embedding") continue;
      open.pop();
    } else if (char === PDI) {
      // A PDI closes the innermost isolate and every embedding opened inside it.
      if (!open.includes("isolate")) continue;
      while (open.pop() !== "isolate");
    }
    result += char;
  }
  return result + open.reverse().map((kind) => (kind === "embedding" ? PDF : PDI)).join("");
}
