import { z } from "zod";

// The page's public address is the base of every link Herald hands out: pages' own
// metadata, feeds, the API, mail and its List-Unsubscribe header. It is kept in one
// form, so that "base + /incidents/…" is always a well-formed absolute URL: http or
// https, no credentials, the host lowercased (and punycoded), no default port, no
// query or fragment, and no trailing slash (the root is the bare origin).

export type PublicUrlProblem = "invalid" | "credentials" | "query";

export function normalisePublicUrl(value: string): { url: string } | { problem: PublicUrlProblem } {
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    return { problem: "invalid" };
  }
  if ((url.protocol !== "https:" && url.protocol !== "http:") || !url.hostname) return { problem: "invalid" };
  // A password here would be published in every link; refuse rather than drop it silently.
  if (url.username || url.password) return { problem: "credentials" };
  // Links are made by appending paths: a query or fragment would swallow them.
  if (url.search || url.hash) return { problem: "query" };
  return { url: `${url.protocol}//${url.host}${url.pathname.replace(/\/+$/, "")}` };
}

/** A zod string that comes out normalised, or fails with the caller's wording for each problem. */
export function publicUrlSchema(messages: Record<PublicUrlProblem, string>) {
  return z.string().transform((value, ctx) => {
    const result = normalisePublicUrl(value);
    if ("url" in result) return result.url;
    ctx.issues.push({ code: "custom", message: messages[result.problem], input: value });
    return z.NEVER;
  });
}
