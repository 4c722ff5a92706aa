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
