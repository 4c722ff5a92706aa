import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { NOT_FOUND_KEYS } from "@/lib/front";
import { MIRROR_MANIFEST } from "@/lib/mirror";
import { MirrorUpdates, mirrorDirProblem, writeMirror, type MirrorResponse } from "./mirror";

const LIVE = "https://status.example.com";
const html = (body: string): MirrorResponse => ({
  status: 200,
  headers: { "content-type": "text/html; charset=utf-8" },
  body: Buffer.from(`<!DOCTYPE html><html><head><link rel="stylesheet" href="/_next/static/chunks/app.css"/><link rel="icon" href="/favicon.ico"/></head><body><main>${body}</main></body></html>`),
});
const file = (type: string, body: string): MirrorResponse => ({ status: 200, headers: { "content-type": type }, body: Buffer.from(body) });

/** A build folder and a public/ folder on disk, as `next build` and the repository leave them. */
function project() {
  const root = mkdtempSync(path.join(tmpdir(), "herald-mirror-project-"));
  mkdirSync(path.join(root, ".next", "static", "chunks"), { recursive: true });
  mkdirSync(path.join(root, ".next", "static", "media"), { recursive: true });
  writeFileSync(path.join(root, ".next", "static", "chunks", "app.css"), "@font-face{src:url(../media/font.woff2)}body{background:url(/_next/static/media/bg.svg)}");
  writeFileSync(path.join(root, ".next", "static", "chunks", "unused.js"), "never copied");
  writeFileSync(path.join(root, ".next", "static", "media", "font.woff2"), "font bytes");
  writeFileSync(path.join(root, ".next", "static", "media", "bg.svg"), "<svg/>");
  mkdirSync(path.join(root, "public"));
  writeFileSync(path.join(root, "public", "favicon.ico"), "icon");
  writeFileSync(path.join(root, "public", "robots.txt"), "User-agent: *");
  writeFileSync(path.join(root, "public", "live.js"), "new EventSource('/events')");
  return { buildDir: path.join(root, ".next"), publicDir: path.join(root, "public"), dir: path.join(root, "mirror") };
}

function site(incidents: string[], summary = '{"incidents":[]}') {
  const responses = new Map<string, MirrorResponse>([
    ["/", html(incidents.map((id) => `<a href="/incidents/${id}">${id}</a>`).join("") + '<a href="/history">History</a><a href="/subscribe">Subscribe</a>')],
    ["/history", html('<a href="/history?month=2011-03">Older</a>')],
    ["/history?month=2011-03", html('<a href="/history">Newer</a>')],
    ["/history.rss", file("application/rss+xml; charset=utf-8", `<rss><link>${LIVE}/</link></rss>`)],
    ["/api/v2/summary.json", file("application/json", summary)],
    ["/badge.svg", file("image/svg+xml", "<svg/>")],
    ["/subscribe", html("<form></form>")],
    [NOT_FOUND_KEYS.page, { ...html('<a href="/">Home</a>'), status: 404 }],
  ]);
  for (const id of incidents) responses.set(`/incidents/${id}`, html(`<h1>${id}</h1><a href="/">Home</a>`));
  return responses;
}

/** Every file under `dir`, relative, but the manifest. */
function filesIn(dir: string, prefix = ""): string[] {
  return readdirSync(path.join(dir, prefix), { withFileTypes: true })
    .flatMap((entry) => (entry.isDirectory() ? filesIn(dir, `${prefix}${entry.name}/`) : [`${prefix}${entry.name}`]))
    .filter((name) => name !== MIRROR_MANIFEST)
    .sort();
}

describe("writeMirror", () => {
  it("writes pages, feeds, the API, badges, the stylesheet with its fonts and public/, and links that reach them", async () => {
    const { dir, ...folders } = project();
    const report = await writeMirror({ dir, publicUrl: LIVE, responses: site(["a1", "b2"]), ...folders });
    expect(filesIn(dir)).toEqual([
      "404.html",
      "_next/static/chunks/app.css",
      "_next/static/media/bg.svg",
      "_next/static/media/font.woff2",
      "api/v2/summary.json",
      "badge.svg",
      "favicon.ico",
      "history.rss",
      "history/2011-03/index.html",
      "history/index.html",
      "incidents/a1/index.html",
      "incidents/b2/index.html",
      "index.html",
      "robots.txt",
    ]);
    expect(report).toMatchObject({ files: 14, written: 14, removed: 0 });

    // Every relative link on every page names a file that is there.
    for (const page of filesIn(dir).filter((name) => name.endsWith(".html") && name !== "404.html")) {
      const body = readFileSync(path.join(dir, page), "utf8");
      for (const [, link] of body.matchAll(/(?:href|src)="([^"]*)"/g)) {
        if (link.startsWith(LIVE)) continue;
        expect(existsSync(path.join(dir, path.dirname(page), decodeURIComponent(link.split("#")[0]))), `${page} → ${link}`).toBe(true);
      }
    }
    const home = readFileSync(path.join(dir, "index.html"), "utf8");
    expect(home).toContain('<a href="incidents/a1/index.html">');
    expect(home).toContain(`<a href="${LIVE}/subscribe">`);
    expect(readFileSync(path.join(dir, "history.rss"), "utf8")).toBe(`<rss><link>${LIVE}/</link></rss>`);
    expect(readFileSync(path.join(dir, "_next/static/chunks/app.css"), "utf8")).toContain("url(../media/bg.svg)");
  });

  it("writes nothing when nothing changed, and only what changed otherwise", async () => {
    const { dir, ...folders } = project();
    await writeMirror({ dir, publicUrl: LIVE, responses: site(["a1"]), ...folders });
    const before = statSync(path.join(dir, "index.html")).mtimeMs;
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(await writeMirror({ dir, publicUrl: LIVE, responses: site(["a1"]), ...folders })).toMatchObject({ written: 0, removed: 0 });
    expect(statSync(path.join(dir, "index.html")).mtimeMs).toBe(before);

    const changed = await writeMirror({ dir, publicUrl: LIVE, responses: site(["a1"], '{"incidents":[{"id":"a1"}]}'), ...folders });
    expect(changed).toMatchObject({ written: 1, removed: 0 });
    expect(readFileSync(path.join(dir, "api/v2/summary.json"), "utf8")).toBe('{"incidents":[{"id":"a1"}]}');
    // Replaced whole: no temporary file left beside it.
    expect(readdirSync(path.join(dir, "api/v2"))).toEqual(["summary.json"]);
  });

  it("writes again a file someone changed or deleted in the mirror", async () => {
    const { dir, ...folders } = project();
    await writeMirror({ dir, publicUrl: LIVE, responses: site(["a1"]), ...folders });
    writeFileSync(path.join(dir, "badge.svg"), "tampered");
    await writeMirror({ dir, publicUrl: LIVE, responses: site(["a1"]), ...folders }).then((report) => expect(report.written).toBe(1));
    expect(readFileSync(path.join(dir, "badge.svg"), "utf8")).toBe("<svg/>");
  });

  it("removes what is no longer public, with its folder, and never a file it did not write", async () => {
    const { dir, ...folders } = project();
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, "CNAME"), "status-mirror.example.com");
    await writeMirror({ dir, publicUrl: LIVE, responses: site(["a1", "b2"]), ...folders });
    // An operator's own file in a folder Herald also writes to.
    writeFileSync(path.join(dir, "incidents", "README.txt"), "ours");

    const report = await writeMirror({ dir, publicUrl: LIVE, responses: site(["a1"]), ...folders });
    expect(report).toMatchObject({ written: 1, removed: 1 });
    expect(existsSync(path.join(dir, "incidents", "b2"))).toBe(false);
    expect(readFileSync(path.join(dir, "index.html"), "utf8")).not.toContain("b2");
    expect(readFileSync(path.join(dir, "CNAME"), "utf8")).toBe("status-mirror.example.com");
    expect(readFileSync(path.join(dir, "incidents", "README.txt"), "utf8")).toBe("ours");
    expect(Object.keys(JSON.parse(readFileSync(path.join(dir, MIRROR_MANIFEST), "utf8")).files)).not.toContain("incidents/b2/index.html");
  });

  it("removes nothing outside the mirror, whatever its manifest says", async () => {
    const { dir, ...folders } = project();
    await writeMirror({ dir, publicUrl: LIVE, responses: site(["a1"]), ...folders });
    const outside = path.join(path.dirname(dir), "keep.txt");
    writeFileSync(outside, "keep");
    const manifest = JSON.parse(readFileSync(path.join(dir, MIRROR_MANIFEST), "utf8"));
    manifest.files["../keep.txt"] = "x";
    writeFileSync(path.join(dir, MIRROR_MANIFEST), JSON.stringify(manifest));
    await writeMirror({ dir, publicUrl: LIVE, responses: site(["a1"]), ...folders });
    expect(readFileSync(outside, "utf8")).toBe("keep");
  });

  it("writes nothing when a response failed or a built file is missing", async () => {
    const { dir, ...folders } = project();
    const failed = site(["a1"]);
    failed.set("/incidents/a1", { ...html("Oops"), status: 500 });
    await expect(writeMirror({ dir, publicUrl: LIVE, responses: failed, ...folders })).rejects.toThrow("/incidents/a1 answered 500");
    const missing = site(["a1"]);
    missing.set("/", html('<link rel="stylesheet" href="/_next/static/chunks/gone.css"/>'));
    await expect(writeMirror({ dir, publicUrl: LIVE, responses: missing, ...folders })).rejects.toThrow(/gone\.css is not in Next's build/);
    expect(existsSync(path.join(dir, "index.html"))).toBe(false);
  });
});

describe("MirrorUpdates", () => {
  it("writes one at a time, and once more with the newest version when settles arrive meanwhile", async () => {
    const written: number[] = [];
    let writing = 0;
    let most = 0;
    const updates = new MirrorUpdates(async (version) => {
      most = Math.max(most, ++writing);
      await new Promise((resolve) => setTimeout(resolve, 20));
      written.push(version);
      writing--;
    });
    updates.settled(1, ["/"]);
    updates.settled(2, ["/"]);
    updates.settled(4, ["/"]);
    updates.settled(3, ["/"]);
    await updates.idle();
    expect(written).toEqual([1, 4]);
    expect(most).toBe(1);
    updates.settled(5, ["/"]);
    await updates.idle();
    expect(written).toEqual([1, 4, 5]);
  });

  it("keeps going after a write fails", async () => {
    const written: number[] = [];
    const updates = new MirrorUpdates(async (version) => {
      if (version === 1) throw new Error("disk full");
      written.push(version);
    });
    updates.settled(1, []);
    updates.settled(2, []);
    await updates.idle();
    expect(written).toEqual([2]);
  });

});

describe("writeMirror, when others have been in the mirror", () => {
  it("never writes or removes through a symlink out of the mirror, and keeps a file someone edited since", async () => {
    const { dir, ...folders } = project();
    await writeMirror({ dir, publicUrl: LIVE, responses: site(["a1", "b2"]), ...folders });
    // Someone with write access to the mirror edits one page and points incidents/ elsewhere.
    const outside = path.join(path.dirname(dir), "outside");
    mkdirSync(outside);
    writeFileSync(path.join(outside, "victim.txt"), "keep me");
    writeFileSync(path.join(dir, "history", "index.html"), "edited by hand");
    rmSync(path.join(dir, "incidents"), { recursive: true });
    symlinkSync(outside, path.join(dir, "incidents"));
    const manifest = JSON.parse(readFileSync(path.join(dir, MIRROR_MANIFEST), "utf8"));
    manifest.files["incidents/victim.txt"] = "x";
    writeFileSync(path.join(dir, MIRROR_MANIFEST), JSON.stringify(manifest));

    await expect(writeMirror({ dir, publicUrl: LIVE, responses: site(["c3"]), ...folders })).rejects.toThrow(/leads out of the mirror/);
    expect(readdirSync(outside)).toEqual(["victim.txt"]);
    expect(readFileSync(path.join(outside, "victim.txt"), "utf8")).toBe("keep me");

    // Without the symlink: history/2011-03 goes (Herald's), an edited file Herald no longer writes stays.
    rmSync(path.join(dir, "incidents"));
    const pages = site([]);
    pages.delete("/history");
    await writeMirror({ dir, publicUrl: LIVE, responses: pages, ...folders });
    expect(readFileSync(path.join(dir, "history", "index.html"), "utf8")).toBe("edited by hand");
  });

  it("reads a manifest that is not an object as none", async () => {
    const { dir, ...folders } = project();
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, MIRROR_MANIFEST), "null");
    await expect(writeMirror({ dir, publicUrl: LIVE, responses: site(["a1"]), ...folders })).resolves.toMatchObject({ removed: 0 });
  });
});

describe("mirrorDirProblem", () => {
  it("refuses the project, the folders Herald reads from, and any folder holding them", () => {
    const root = mkdtempSync(path.join(tmpdir(), "herald-mirror-dir-"));
    for (const dir of [root, path.join(root, "public"), path.join(root, "public", "m"), path.join(root, ".next"), path.join(root, ".herald", "mirror"), path.dirname(root)]) {
      expect(mirrorDirProblem(dir, root), dir).toMatch(/overlaps Herald's own files/);
    }
    expect(mirrorDirProblem(path.join(path.dirname(root), `${path.basename(root)}-mirror`), root)).toBeNull();
  });
});
