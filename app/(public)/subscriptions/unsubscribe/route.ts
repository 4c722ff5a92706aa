import { isDatabaseUnavailable } from "@/server/db";
import { unsubscribe } from "@/server/subscriptions";

// The address in every mail's List-Unsubscribe header. A POST unsubscribes: mail
// providers send "List-Unsubscribe=One-Click" (RFC 8058), and the manage page's
// button posts here too. A GET (a person, or a scanner, following the link) only
// leads to the manage page, where unsubscribing takes a press of the button.

export const dynamic = "force-dynamic";

export async function GET(request: Request) {
  const token = new URL(request.url).searchParams.get("token") ?? "";
  return new Response(null, { status: 303, headers: { location: `/subscriptions/manage?token=${encodeURIComponent(token)}`, "cache-control": "no-store" } });
}

export async function POST(request: Request) {
  const token = new URL(request.url).searchParams.get("token");
  const body = await request.text().catch(() => "");
  try {
    await unsubscribe(token);
  } catch (error) {
    if (!isDatabaseUnavailable(error)) throw error;
    return new Response("We cannot reach our database right now, so you are not unsubscribed yet. Please try again in a few minutes.\n", {
      status: 503,
      headers: { "content-type": "text/plain; charset=utf-8", "retry-after": "60", "cache-control": "no-store" },
    });
  }
  // Whether or not the address was still subscribed, it is not now: say so either way.
  if (body.includes("List-Unsubscribe=One-Click")) {
    return new Response("Unsubscribed.\n", { status: 200, headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" } });
  }
  return new Response(null, { status: 303, headers: { location: "/subscriptions/unsubscribed", "cache-control": "no-store" } });
}
