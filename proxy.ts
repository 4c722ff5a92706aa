import { NextResponse, type NextRequest } from "next/server";
import { contentSecurityPolicy, HSTS, isHttps } from "@/lib/security-headers";

const SESSION_COOKIE_NAME = "herald_session";

// A fresh nonce per response: Next puts it on its own scripts, and the policy lets
// nothing else run.
export function proxy(request: NextRequest) {
  // Only a redirect for people without a session cookie; every page and action checks
  // the session and the role itself.
  const path = request.nextUrl.pathname;
  if ((path === "/admin" || path.startsWith("/admin/")) && path !== "/admin/login" && !request.cookies.has(SESSION_COOKIE_NAME)) {
    return NextResponse.redirect(new URL("/admin/login", request.url));
  }

  const nonce = btoa(crypto.randomUUID());
  const https = isHttps(request.nextUrl.protocol, request.headers.get("x-forwarded-proto"));
  const csp = contentSecurityPolicy({ nonce, https, dev: process.env.NODE_ENV === "development" });

  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set("Content-Security-Policy", csp);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("Content-Security-Policy", csp);
  if (https) response.headers.set("Strict-Transport-Security", HSTS);
  return response;
}

export const config = {
  matcher: [{ source: "/((?!_next/static|_next/image|favicon.ico).*)" }],
};
