import staticHeaders from "@/lib/static-security-headers.json";

// The headers every response carries. next.config.js reads the static ones from the
// same JSON file, so static files get them too.

/**
 * The Content-Security-Policy. With a nonce, only Next's own scripts carrying it run
 * (admin pages). Without one, the public pages: with `scriptHash` (a SHA-256 in base64)
 * only the script with exactly those bytes runs, loaded with a matching integrity
 * attribute (public/live.js, which refreshes an open page and may reach this origin for
 * that); with neither, no script runs at all.
 */
export function contentSecurityPolicy({ nonce, scriptHash, dev = false, https = false }: { nonce?: string; scriptHash?: string; dev?: boolean; https?: boolean }): string {
  const scripts =
    nonce !== undefined ? `'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}` : scriptHash !== undefined ? `'sha256-${scriptHash}'` : "'none'";
  const connect = nonce !== undefined ? `'self'${dev ? " ws:" : ""}` : scriptHash !== undefined ? "'self'" : "'none'";
  const styles = dev ? "'self' 'unsafe-inline'" : nonce === undefined ? "'self'" : `'self' 'nonce-${nonce}'`;
  const directives = [
    "default-src 'self'",
    `script-src ${scripts}`,
    `style-src ${styles}`,
    "img-src 'self' data:",
    "font-src 'self'",
    `connect-src ${connect}`,
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

/**
 * Whether a write came from one of this site's own pages: its Origin names the host the
 * request was sent to. X-Forwarded-Host counts only behind a trusted proxy; otherwise
 * any client could name the attacker's origin in it and pass.
 */
export function isSameOrigin(headers: { origin: string | null; host: string | null; forwardedHost: string | null }, trustProxy: boolean): boolean {
  const host = (trustProxy ? headers.forwardedHost?.split(",")[0].trim() : null) || headers.host;
  if (!headers.origin || !host) return false;
  try {
    return new URL(headers.origin).host === host;
  } catch {
    return false;
  }
}
