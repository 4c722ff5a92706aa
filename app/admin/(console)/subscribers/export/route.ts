import { AuthError } from "@/server/mutation-error";
import { currentActor } from "@/server/session";
import { exportSubscribers } from "@/server/subscribers";

export const dynamic = "force-dynamic";

export async function GET() {
  try {
    const stream = await exportSubscribers(await currentActor());
    return new Response(stream, {
      headers: {
        "content-type": "text/csv; charset=utf-8",
        "content-disposition": `attachment; filename="subscribers-${new Date().toISOString().slice(0, 10)}.csv"`,
        "cache-control": "no-store",
      },
    });
  } catch (error) {
    if (error instanceof AuthError) return new Response(`${error.message}\n`, { status: error.status, headers: { "content-type": "text/plain; charset=utf-8" } });
    throw error;
  }
}
