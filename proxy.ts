import { NextResponse, type NextRequest } from "next/server";
import { localeRewrite } from "@/lib/front";
import { AREA_HEADER, HERALD_HEADERS, LOCALE_HEADER, PATH_HEADER, splitLocale } from "@/lib/i18n/routing";
import { contentSecurityPolicy, HSTS, isHttps } from "@/lib/security-headers";

const SESSION_COOKIE_NAME = "herald_session";

/**
 * Next runs the proxy again for the address a rewrite leads to ("/ja" → "/"), with the
 * request headers the first run set. This header, with a value fresh in each process,
 * tells that second run from a client's request, whose x-herald-* headers never count.
 */
const REWRITTEN_HEADER = "x-herald-rewritten";
const REWRITTEN = crypto.randomUUID();

// A fresh nonce per response: Next puts it on its own scripts, and the policy lets
// nothing else run.
export function proxy(request: NextRequest) {
  const https = isHttps(request.nextUrl.protocol, request.headers.get("x-forwarded-proto"));
  if (request.headers.get(REWRITTEN_HEADER) === REWRITTEN) {
    // The first run chose the language, the nonce and the policy: keep them. Next hands a
    // rewrite on to itself over HTTP (its proxy's origin is not the one it listens on), naming
    // itself as Host and the client's Host in x-forwarded-host, which it sets itself: the
    // client's comes back, so the pages' same-origin check (server/session.ts) sees the
    // address the browser posted to.
    const headers = new Headers(request.headers);
    const host = request.headers.get("x-forwarded-host");
    if (host) headers.set("host", host);
    const response = NextResponse.next({ request: { headers } });
    response.headers.set("Content-Security-Policy", request.headers.get("Content-Security-Policy") ?? "");
    if (https) response.headers.set("Strict-Transport-Security", HSTS);
    return response;
  }

  // Only a redirect for people without a session cookie; every page and action checks
  // the session and the role itself.
  const path = request.nextUrl.pathname;
  const admin = path === "/admin" || path.startsWith("/admin/");
  if (admin && path !== "/admin/login" && !request.cookies.has(SESSION_COOKIE_NAME)) {
    return NextResponse.redirect(new URL("/admin/login", request.url));
  }

  const nonce = btoa(crypto.randomUUID());
  const csp = contentSecurityPolicy({ nonce, https, dev: process.env.NODE_ENV === "development" });

  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set("Content-Security-Policy", csp);
  // The language headers come from here alone, never from the client.
  for (const name of [...HERALD_HEADERS, REWRITTEN_HEADER]) requestHeaders.delete(name);
  // The address without its prefix, for the language switch (components/ui/site-chrome.tsx).
  requestHeaders.set(PATH_HEADER, `${splitLocale(path).rest}${request.nextUrl.search}`);
  if (admin) requestHeaders.set(AREA_HEADER, "admin");
  // "/ja/…" is rendered as the page it twins (or as the 404), in Japanese (lib/front.ts localeRewrite).
  const localized = localeRewrite(path);
  let response: NextResponse;
  if (localized) {
    requestHeaders.set(LOCALE_HEADER, localized.locale);
    requestHeaders.set(REWRITTEN_HEADER, REWRITTEN);
    response = NextResponse.rewrite(new URL(`${localized.path}${localized.twin ? request.nextUrl.search : ""}`, request.url), { request: { headers: requestHeaders } });
  } else {
    response = NextResponse.next({ request: { headers: requestHeaders } });
  }
  response.headers.set("Content-Security-Policy", csp);
  if (https) response.headers.set("Strict-Transport-Security", HSTS);
  return response;
}

export const config = {
  matcher: [{ source: "/((?!_next/static|_next/image|favicon.ico).*)" }],
};
