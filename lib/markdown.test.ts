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

  it("keeps the operator's own links free of nofollow ugc, and others' links marked", () => {
    const site = { url: "https://status.example.com" };
    expect(renderMarkdown("See [our advice](/incidents/abc#update-1) and [status](history).", site)).toBe(
      '<p>See <a href="/incidents/abc#update-1">our advice</a> and <a href="history">status</a>.</p>',
    );
    expect(renderMarkdown("[Reset](https://status.example.com/incidents/abc) or https://status.example.com/history", site)).toBe(
      '<p><a href="https://status.example.com/incidents/abc">Reset</a> or <a href="https://status.example.com/history">https://status.example.com/history</a></p>',
    );
    // Another origin, even one that starts the same, is someone else's.
    for (const href of ["https://example.com/", "https://status.example.com.evil.test/", "http://status.example.com/", "mailto:help@example.com"]) {
      expect(renderMarkdown(`[x](${href})`, site)).toContain(`href="${href}" rel="nofollow noopener noreferrer ugc"`);
    }
    // A scheme with one slash is another host to a feed reader or a mail client, whatever a page would make of it.
    for (const mode of [site, { ...site, absoluteLinks: true }]) {
      expect(renderMarkdown("[x](https:/evil.example/x)", mode)).toBe('<p><a href="https:/evil.example/x" rel="nofollow noopener noreferrer ugc">x</a></p>');
    }
    // Without the page's address, a relative link is still the operator's own.
    expect(renderMarkdown("[status](/history)")).toBe('<p><a href="/history">status</a></p>');
  });

  it("makes links absolute for feeds and mail, against the page's public address", () => {
    const site = { url: "https://status.example.com", absoluteLinks: true };
    expect(renderMarkdown("See [our advice](/incidents/abc#update-1), [status](history) and [above](#update-2).", site)).toBe(
      '<p>See <a href="https://status.example.com/incidents/abc#update-1">our advice</a>, ' +
        '<a href="https://status.example.com/history">status</a> and <a href="https://status.example.com/#update-2">above</a>.</p>',
    );
    expect(renderMarkdown("[elsewhere](https://example.org/a?b=1&c=2)", site)).toBe(
      '<p><a href="https://example.org/a?b=1&amp;c=2" rel="nofollow noopener noreferrer ugc">elsewhere</a></p>',
    );
  });

  it("still drops dangerous and protocol-relative link targets when making links absolute", () => {
    const site = { url: "https://status.example.com", absoluteLinks: true };
    // markdown-it lets data:image links through: sanitize-html's schemes must still refuse them.
    for (const href of ["javascript:alert(1)", "JaVaScRiPt:alert(1)", "data:image/png;base64,iVBORw0KGgo=", "data:text/html,x", "vbscript:x", "//evil.example/x"]) {
      expect(renderMarkdown(`[click](${href})`, site), href).not.toContain("href=");
    }
    // A backslash is a path character here, never a way to another host.
    expect(renderMarkdown("[click](/\\evil.example/x)", site)).toContain('href="https://status.example.com/%5Cevil.example/x"');
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
