import { IntlMessageFormat } from "intl-messageformat";
import { describe, expect, it } from "vitest";
import { CATALOGS } from "@/lib/i18n/catalogs";
import { LOCALES } from "@/lib/i18n/locales";

// Every catalog says everything English says, with the same placeholders and tags: a
// missing or renamed key, a lost `{names}` or `<time>`, an empty or unparsable message
// fails here, so a language is whole or it does not ship.

type Catalog = { [key: string]: string | Catalog };

/** "status.service.operational" → its message. */
function flatten(catalog: Catalog, prefix = ""): Map<string, unknown> {
  const messages = new Map<string, unknown>();
  for (const [key, value] of Object.entries(catalog)) {
    if (value !== null && typeof value === "object") for (const [inner, message] of flatten(value, `${prefix}${key}.`)) messages.set(inner, message);
    else messages.set(`${prefix}${key}`, value);
  }
  return messages;
}

interface Element {
  type: number;
  value?: string;
  options?: Record<string, { value: Element[] }>;
  children?: Element[];
}

// intl-messageformat's element types: 1 argument, 2 number, 3 date, 4 time, 5 select, 6 plural, 8 tag.
const ARGUMENT_TYPES = new Set([1, 2, 3, 4, 5, 6]);
const TAG = 8;

/** The placeholders ("{count}") and tags ("<time>") a message uses, as sorted lists. */
function placeholders(message: string, locale: string): { arguments: string[]; tags: string[] } {
  const names = new Set<string>();
  const tags = new Set<string>();
  const walk = (elements: Element[]) => {
    for (const element of elements) {
      if (ARGUMENT_TYPES.has(element.type)) names.add(element.value!);
      if (element.type === TAG) tags.add(element.value!);
      for (const option of Object.values(element.options ?? {})) walk(option.value);
      walk(element.children ?? []);
    }
  };
  walk(new IntlMessageFormat(message, locale).getAst() as Element[]);
  return { arguments: [...names].sort(), tags: [...tags].sort() };
}

/** What is wrong with `catalog` held against the English one, one line per problem. */
function problems(reference: Catalog, catalog: Catalog, locale: string): string[] {
  const found: string[] = [];
  const expected = flatten(reference);
  const given = flatten(catalog);
  for (const key of expected.keys()) if (!given.has(key)) found.push(`${key}: missing`);
  for (const key of given.keys()) if (!expected.has(key)) found.push(`${key}: not in en.json`);
  for (const [key, message] of given) {
    if (typeof message !== "string" || message.trim() === "") {
      found.push(`${key}: empty`);
      continue;
    }
    let mine;
    try {
      mine = placeholders(message, locale);
    } catch (error) {
      found.push(`${key}: not a valid ICU message (${(error as Error).message})`);
      continue;
    }
    const english = expected.get(key);
    if (typeof english !== "string") continue;
    const theirs = placeholders(english, "en");
    if (mine.arguments.join() !== theirs.arguments.join()) found.push(`${key}: placeholders {${mine.arguments.join("} {")}}, English has {${theirs.arguments.join("} {")}}`);
    if (mine.tags.join() !== theirs.tags.join()) found.push(`${key}: tags <${mine.tags.join("> <")}>, English has <${theirs.tags.join("> <")}>`);
  }
  return found;
}

const en = CATALOGS.en as unknown as Catalog;

describe("the message catalogs", () => {
  it.each(LOCALES.map((locale) => [locale]))("%s says everything English says, with the same placeholders and tags", (locale) => {
    expect(problems(en, CATALOGS[locale] as unknown as Catalog, locale)).toEqual([]);
  });

  it("names each language in itself, for the language switch", () => {
    expect(CATALOGS.en.meta.language).toBe("English");
    expect(CATALOGS.ja.meta.language).toBe("日本語");
  });

  it("finds a key removed from either side, a lost placeholder or tag, and an empty message", () => {
    const ja = structuredClone(CATALOGS.ja) as unknown as Catalog;
    delete (ja.home as Catalog).services;
    (ja.status as Catalog).asOf = "現在";
    (ja.chrome as Catalog).demo = "デモ：{when}時点の状況です。";
    (ja.notFound as Catalog).heading = " ";
    (ja.home as Catalog).extra = "余分";
    expect(problems(en, ja, "ja")).toEqual([
      "home.services: missing",
      "home.extra: not in en.json",
      "chrome.demo: placeholders {when}, English has {}",
      "chrome.demo: tags <>, English has <time>",
      "status.asOf: placeholders {}, English has {time}",
      "notFound.heading: empty",
    ]);
    const english = structuredClone(en);
    delete (english.home as Catalog).services;
    expect(problems(english, CATALOGS.ja as unknown as Catalog, "ja")).toEqual(["home.services: not in en.json"]);
    expect(problems(en, { ...structuredClone(en), meta: { language: "{broken" } }, "en")).toEqual([expect.stringMatching(/^meta\.language: not a valid ICU message/)]);
  });
});
