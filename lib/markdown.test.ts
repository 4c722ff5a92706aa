import { describe, expect, it } from "vitest";
import { markdownToText, renderMarkdown } from "@/lib/markdown";

describe("renderMarkdown", () => {
  it("renders the Markdown an update needs", () => {
    const html = renderMarkdown("**Change your password** on [other sites](https://example.com).\n\n- email\n- date of birth");
    expect(html).toContain("<strong>Change your password</strong>");
    expect(html).toContain('<a href="https://example.com" rel="nofollow noopener noreferrer ugc">other sites</a>');
    expect(html).toContain("<li>email</li>");
  });

  it("shows raw HTML as text, never as markup", () => {
    const html = renderMarkdown('<script>alert(1)</script><img src=x onerror="alert(2)"><b>bold</b>');
    expect(html).not.toMatch(/<script|<img|<b>/i);
    expect(html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
  });

  it("drops dangerous link targets", () => {
    for (const href of ["javascript:alert(1)", "JaVaScRiPt:alert(1)", "data:text/html,<script>alert(1)</script>", "vbscript:x"]) {
      const html = renderMarkdown(`[click](${href})`);
      expect(html).not.toMatch(/href="(?:javascript|data|vbscript)/i);
    }
  });

  it("keeps update headings below the page's own", () => {
    expect(renderMarkdown("# Big")).toBe("<h4>Big</h4>");
  });
});

describe("markdownToText", () => {
  it("flattens Markdown to one line of text", () => {
    expect(markdownToText("**Passwords** were reset.\n\nUse a *new* one & <b>keep</b> it.")).toBe(
      "Passwords were reset. Use a new one & <b>keep</b> it.",
    );
  });
});

describe("bidirectional controls in bodies", () => {
  const RLO = "\u202E", PDF = "\u202C", RLI = "\u2067", PDI = "\u2069";
  /** What is open at the end of each run of text between tags; every run must end closed. */
  const openAtEnds = (html: string) =>
    html.split(/<[^>]*>/).map((run) => {
      let depth = 0;
      for (const char of run) {
        if ("\u202A\u202B\u202D\u202E\u2066\u2067\u2068".includes(char)) depth += 1;
        else if ((char === PDF || char === PDI) && depth > 0) depth -= 1;
      }
      return depth;
    });

  it("end an unclosed override inside its own run of text, before any other text", () => {
    const html = renderMarkdown(`Reset ${RLO}gpj.exe **now**, then\nsign in`);
    expect(html).toBe(`<p>Reset ${RLO}gpj.exe ${PDF}<strong>now</strong>, then<br />\nsign in</p>`);
    const everywhere = renderMarkdown(`# ${RLI}Title\n\n- ${RLO}one\n- two ${RLO}\n\n> ${RLO}quoted &#x202E; [link ${RLO}](https://example.com) tail`);
    expect(everywhere.match(/[\u202E\u2067]/g)).toHaveLength(6);
    expect(openAtEnds(everywhere).filter((depth) => depth > 0)).toEqual([]);
  });

  it("never close what the page opened around the body", () => {
    expect(renderMarkdown(`a ${PDF}${PDI}b`)).toBe("<p>a b</p>");
  });

  it("leave balanced right-to-left text as written", () => {
    expect(renderMarkdown(`${RLI}שלום${PDI} world`)).toBe(`<p>${RLI}שלום${PDI} world</p>`);
  });

  it("end an unclosed override in the plain text too", () => {
    expect(markdownToText(`Reset ${RLO}now`)).toBe(`Reset ${RLO}now${PDF}`);
  });
});
