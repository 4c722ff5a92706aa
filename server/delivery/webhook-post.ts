import "server-only";
import { lookup as dnsLookup, promises as dns, type LookupAddress, type LookupOptions } from "node:dns";
import http from "node:http";
import https from "node:https";
import { BlockList, isIP } from "node:net";

// POSTs one webhook. Unless private networks are allowed, the address is checked at
// the moment the socket connects (a lookup hook), so a host name cannot pass the
// check with a public address and then connect to a private one (DNS rebinding).

export class WebhookError extends Error {
  constructor(
    message: string,
    /** Retrying cannot help (the address is refused). */
    readonly permanent = false,
  ) {
    super(message);
  }
}

// Addresses a webhook may not reach: private, loopback, link-local, shared (CGNAT),
// reserved, multicast and documentation ranges. The two families are kept apart and an
// IPv4-mapped IPv6 address (::ffff:127.0.0.1) is judged by the IPv4 inside it: BlockList
// matches IPv4 addresses against IPv6 rules through ::ffff:0:0/96, so one such rule in a
// shared list would refuse every IPv4 address.
const PRIVATE_IPV4 = new BlockList();
for (const [network, prefix] of [
  ["0.0.0.0", 8], ["10.0.0.0", 8], ["100.64.0.0", 10], ["127.0.0.0", 8], ["169.254.0.0", 16], ["172.16.0.0", 12],
  ["192.0.0.0", 24], ["192.0.2.0", 24], ["192.168.0.0", 16], ["198.18.0.0", 15], ["198.51.100.0", 24], ["203.0.113.0", 24],
  ["224.0.0.0", 4], ["240.0.0.0", 4],
] as const) {
  PRIVATE_IPV4.addSubnet(network, prefix, "ipv4");
}
const PRIVATE_IPV6 = new BlockList();
for (const [network, prefix] of [
  // ::/96 holds :: and ::1 and the IPv4-compatible ::a.b.c.d; 64:ff9b::/96 and /48 reach IPv4 through NAT64.
  ["::", 96], ["fc00::", 7], ["fe80::", 10], ["ff00::", 8], ["64:ff9b::", 96], ["64:ff9b:1::", 48], ["2001:db8::", 32],
] as const) {
  PRIVATE_IPV6.addSubnet(network, prefix, "ipv6");
}

/** The IPv4 address an IPv4-mapped IPv6 address carries (::ffff:10.0.0.1, ::ffff:a00:1), or null. */
function mappedIPv4(address: string): string | null {
  // The URL parser writes every spelling of an IPv6 address in one canonical form.
  const match = /^\[::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})\]$/.exec(new URL(`http://[${address}]/`).hostname);
  if (!match) return null;
  const [high, low] = [parseInt(match[1], 16), parseInt(match[2], 16)];
  return [high >> 8, high & 255, low >> 8, low & 255].join(".");
}

export function isPrivateAddress(address: string): boolean {
  const bare = address.replace(/%.*$/, ""); // a zone index (fe80::1%eth0) names an interface, not an address
  const family = isIP(bare);
  if (family === 4) return PRIVATE_IPV4.check(bare, "ipv4");
  if (family !== 6) return false;
  const ipv4 = mappedIPv4(bare);
  return ipv4 ? PRIVATE_IPV4.check(ipv4, "ipv4") : PRIVATE_IPV6.check(bare, "ipv6");
}

const refusal = (host: string, address: string) =>
  new WebhookError(`${host} resolves to a private or loopback address (${address}); set WEBHOOK_ALLOW_PRIVATE=true to allow it.`, true);

type LookupCallback = (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;
type Resolve = (hostname: string, options: LookupOptions & { all: true }, callback: (error: NodeJS.ErrnoException | null, addresses: LookupAddress[]) => void) => void;

/** The socket's lookup: the name resolves as usual, and any private answer refuses the connection. */
export function publicOnlyLookup(resolve: Resolve = dnsLookup) {
  return (hostname: string, options: LookupOptions, callback: LookupCallback) => {
    resolve(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) return callback(error, []);
      const refused = addresses.find((entry) => isPrivateAddress(entry.address));
      if (refused) return callback(refusal(hostname, refused.address) as NodeJS.ErrnoException, []);
      if (options.all) return callback(null, addresses);
      callback(null, addresses[0].address, addresses[0].family);
    });
  };
}

/**
 * The send's own rule, checked when an address is added so that a refusal is told to
 * the person typing it: a private or loopback address (literal, or what the name
 * resolves to now) is refused unless allowed. A name that does not resolve is left to
 * the send (DNS may be down for a moment); the send checks again at connect time.
 */
export async function refusedAddress(url: URL, allowPrivate: boolean): Promise<string | null> {
  if (allowPrivate) return null;
  const host = url.hostname.replace(/^\[|\]$/g, "");
  if (isPrivateAddress(host)) return refusal(host, host).message;
  if (isIP(host)) return null;
  const addresses = await dns.lookup(host, { all: true }).catch(() => []);
  const refused = addresses.find((entry) => isPrivateAddress(entry.address));
  return refused ? refusal(host, refused.address).message : null;
}

/** Why an answer does not count as delivered (only 2xx does); null when it does. */
export function undelivered(url: URL, status: number): string | null {
  if (status >= 200 && status < 300) return null;
  return `${url.host} answered HTTP ${status}${status >= 300 && status < 400 ? " (redirects are not followed)" : ""}`;
}

/** Resolves with the HTTP status; rejects with a WebhookError saying why it could not be delivered. */
export function postWebhook(url: URL, headers: Record<string, string>, body: string, { timeoutMs, allowPrivate }: { timeoutMs: number; allowPrivate: boolean }): Promise<number> {
  const host = url.hostname.replace(/^\[|\]$/g, "");
  if (!allowPrivate && isPrivateAddress(host)) return Promise.reject(refusal(host, host));
  return new Promise((resolve, reject) => {
    const transport = url.protocol === "https:" ? https : http;
    const request = transport.request(url, {
      method: "POST",
      headers: { ...headers, "content-length": String(Buffer.byteLength(body)) },
      lookup: allowPrivate ? undefined : (publicOnlyLookup() as unknown as http.RequestOptions["lookup"]),
      agent: false,
    });
    const deadline = setTimeout(() => request.destroy(new WebhookError(`Could not reach ${url.host}: no answer within ${timeoutMs / 1000} s`)), timeoutMs);
    request.on("response", (response) => {
      response.resume();
      response.on("end", () => {
        clearTimeout(deadline);
        resolve(response.statusCode ?? 0);
      });
    });
    request.on("error", (error) => {
      clearTimeout(deadline);
      reject(error instanceof WebhookError ? error : new WebhookError(`Could not reach ${url.host}: ${error.message}`));
    });
    request.end(body);
  });
}
