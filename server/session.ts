import "server-only";
import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import { cache } from "react";
import { hasRole, type Role } from "@/lib/constants";
import { env } from "@/lib/env";
import { isHttps, isSameOrigin } from "@/lib/security-headers";
import type { UserActor } from "@/lib/views/actor";
import { SESSION_ABSOLUTE_MS, SESSION_COOKIE, validateSession } from "@/server/auth";
import { AuthError } from "@/server/mutation-error";

// The Next.js side of sessions: cookies, the client's address, and the origin check
// every admin write makes before anything else.

/** The person behind this request's session cookie (console requests are always people), looked up once per request however many layouts and pages ask. */
export const currentActor = cache(async (): Promise<UserActor | null> => validateSession((await cookies()).get(SESSION_COOKIE)?.value));

/**
 * The gate at the top of every console page. Next renders a page without its layout on
 * client navigations, so the layout's checks protect nothing: each page asks here, and
 * the server functions it reads through check the role again. Anyone without a finished
 * sign-in is sent to it; `allowed` is false for a role below the page's.
 */
export async function consoleAccess(role: Role): Promise<{ actor: UserActor; allowed: boolean }> {
  const actor = await currentActor();
  if (!actor) redirect("/admin/login");
  if (actor.twoFactorPending) redirect("/admin/login/verify");
  if (actor.mustSetUpTwoFactor) redirect("/admin/two-factor");
  return { actor, allowed: hasRole(actor.role, role) };
}

/** Secure whenever the request came over https (directly or via the proxy) or the page is public over https. */
export async function secureCookies(): Promise<boolean> {
  const h = await headers();
  return isHttps("http:", h.get("x-forwarded-proto")) || (env().PUBLIC_URL ?? "").startsWith("https:");
}

export async function setSessionCookie(token: string, expiresAt: Date) {
  (await cookies()).set(SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: "lax",
    secure: await secureCookies(),
    path: "/",
    expires: new Date(Math.min(expiresAt.getTime(), Date.now() + SESSION_ABSOLUTE_MS)),
  });
}

export async function clearSessionCookie() {
  (await cookies()).set(SESSION_COOKIE, "", { httpOnly: true, sameSite: "lax", secure: await secureCookies(), path: "/", maxAge: 0 });
}

/** The client as the front server saw it (it overwrites any header a client sends). */
export async function clientInfo() {
  const h = await headers();
  return { address: h.get("x-herald-client-ip") ?? "", userAgent: h.get("user-agent") ?? "" };
}

/**
 * Cross-site request protection on top of SameSite=Lax: a write must come from a page
 * of this very site. Browsers always send Origin on POST; a missing or foreign one is refused.
 */
export async function assertSameOrigin() {
  const h = await headers();
  const allowed = isSameOrigin({ origin: h.get("origin"), host: h.get("host"), forwardedHost: h.get("x-forwarded-host") }, env().TRUST_PROXY);
  if (!allowed) throw new AuthError(403, "This request did not come from this site's own pages, so it was refused.");
}
