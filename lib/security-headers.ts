import staticHeaders from "@/lib/static-security-headers.json";

// The headers every response carries. next.config.js reads the static ones from the
// same JSON file, so static files get them too.

export function contentSecurityPolicy({ nonce, dev = false, https = false }: { nonce: string; dev?: boolean; https?: boolean }): string {
  const directives = [
    "default-src 'self'",
    // Only Next's own scripts, each carrying this response's nonce; never inline script from content.
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    `style-src 'self'${dev ? " 'unsafe-inline'" : ` 'nonce-${nonce}'`}`,
    "img-src 'self' data:",
    "font-src 'self'",
    `connect-src 'self'${dev ? " ws:" : ""}`,
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    "manifest-src 'self'",
  ];
  if (https) directives.push("upgrade-insecure-requests");
  return directives.join("; ");
}

/** Headers that do not depend on the request. */
export const STATIC_SECURITY_HEADERS: Record<string, string> = staticHeaders;

export const HSTS = "max-age=63072000; includeSubDomains";

/** Behind a TLS-terminating proxy the request arrives as http with X-Forwarded-Proto: https. */
export function isHttps(protocol: string, forwardedProto: string | null): boolean {
  return protocol === "https:" || forwardedProto?.split(",")[0].trim() === "https";
}
