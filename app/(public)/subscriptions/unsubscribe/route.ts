import { getTranslations } from "next-intl/server";
import { parseLink } from "@/lib/signed-link";
import { publicLink } from "@/server/i18n/public-link";
import { unsubscribeFromLink } from "@/server/subscriptions";

// The address in every mail's List-Unsubscribe header. A POST unsubscribes: mail
// providers send "List-Unsubscribe=One-Click" (RFC 8058), and the manage page's
// button posts here too. A GET (a person, or a scanner, following the link) only
// leads to the manage page, where unsubscribing takes a press of the button. Both answer
// in the language of the address ("/ja/subscriptions/unsubscribe" in Japanese).

export const dynamic = "force-dynamic";

export async function GET(request: Request) {
  const token = new URL(request.url).searchParams.get("token") ?? "";
  const link = await publicLink();
  return new Response(null, { status: 303, headers: { location: link(`/subscriptions/manage?token=${encodeURIComponent(token)}`), "cache-control": "no-store" } });
}

/** One-click bodies are 26 bytes ("List-Unsubscribe=One-Click"); the button's form is about as small. */
const MAX_BODY_BYTES = 1024;

const plain = (status: number, text: string, headers: Record<string, string> = {}) =>
  new Response(`${text}\n`, { status, headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store", ...headers } });

/** The body as text, or null once it passes `limit` bytes (read no further, whatever Content-Length said or did not). */
async function smallBody(request: Request, limit: number): Promise<string | null> {
  if (!request.body) return "";
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  for (let size = 0; ; ) {
    const { done, value } = await reader.read();
    if (done) return Buffer.concat(chunks).toString("utf8");
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => {});
      return null;
    }
    chunks.push(value);
  }
}

export async function POST(request: Request) {
  const token = new URL(request.url).searchParams.get("token");
  const [t, link] = await Promise.all([getTranslations("subscriptions.unsubscribe"), publicLink()]);
  const tooLarge = () => plain(413, t("tooLarge"));
  if (Number(request.headers.get("content-length") ?? 0) > MAX_BODY_BYTES) return tooLarge();
  // Malformed is not the same as unknown: a well-formed link of an address already gone still answers "Unsubscribed."
  if (!parseLink(token)) return plain(400, t("badLink"));
  const body = await smallBody(request, MAX_BODY_BYTES).catch(() => "");
  if (body === null) return tooLarge();
  if ((await unsubscribeFromLink(token)) === "unavailable") {
    return plain(503, t("unavailable"), { "retry-after": "60" });
  }
  // Whether or not the address was still subscribed, it is not now: say so either way.
  if (body.includes("List-Unsubscribe=One-Click")) return plain(200, t("done"));
  return new Response(null, { status: 303, headers: { location: link("/subscriptions/unsubscribed"), "cache-control": "no-store" } });
}
