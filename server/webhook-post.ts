import "server-only";
import { lookup as dnsLookup, type LookupAddress, type LookupOptions } from "node:dns";
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

const PRIVATE = new BlockList();
for (const [network, prefix] of [
  ["0.0.0.0", 8], ["10.0.0.0", 8], ["100.64.0.0", 10], ["127.0.0.0", 8], ["169.254.0.0", 16], ["172.16.0.0", 12],
  ["192.0.0.0", 24], ["192.168.0.0", 16], ["198.18.0.0", 15], ["224.0.0.0", 4], ["240.0.0.0", 4],
] as const) {
  PRIVATE.addSubnet(network, prefix, "ipv4");
}
for (const [network, prefix] of [["::", 128], ["::1", 128], ["fc00::", 7], ["fe80::", 10], ["ff00::", 8], ["::ffff:0:0", 96], ["64:ff9b::", 96]] as const) {
  PRIVATE.addSubnet(network, prefix, "ipv6");
}

export function isPrivateAddress(address: string): boolean {
  const family = isIP(address);
  return family !== 0 && PRIVATE.check(address, family === 6 ? "ipv6" : "ipv4");
}

const refusal = (host: string, address: string) =>
  new WebhookError(`${host} resolves to a private or loopback address (${address}); set WEBHOOK_ALLOW_PRIVATE=true to allow it.`, true);

function publicOnlyLookup(hostname: string, options: LookupOptions, callback: (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void) {
  dnsLookup(hostname, { ...options, all: true }, (error, addresses) => {
    if (error) return callback(error, []);
    const refused = addresses.find((entry) => isPrivateAddress(entry.address));
    if (refused) return callback(refusal(hostname, refused.address) as NodeJS.ErrnoException, []);
    if (options.all) return callback(null, addresses);
    callback(null, addresses[0].address, addresses[0].family);
  });
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
      lookup: allowPrivate ? undefined : (publicOnlyLookup as unknown as http.RequestOptions["lookup"]),
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
