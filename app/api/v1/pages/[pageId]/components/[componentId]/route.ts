import { deleteComponent, getComponent, updateComponent } from "@/server/manage-api/components";
import { apiJson, apiRoute, requireIfMatch, type ApiRequestContext } from "@/server/manage-api/http";

export const dynamic = "force-dynamic";

type Params = { pageId: string; componentId: string };

export const GET = apiRoute<Params>({ role: "editor" }, async ({ actor, params }) => {
  const { object, etag } = await getComponent(actor, params.componentId);
  return apiJson(object, 200, { ETag: etag });
});

// A status change needs an editor; updateComponent asks for admin when other fields change.
async function update({ actor, params, body, request }: ApiRequestContext<Params>) {
  const { object, etag } = await updateComponent(actor, params.componentId, body, (current) => requireIfMatch(request, current));
  return apiJson(object, 200, { ETag: etag });
}

export const PATCH = apiRoute<Params>({ role: "editor" }, update);
export const PUT = apiRoute<Params>({ role: "editor" }, update);

export const DELETE = apiRoute<Params>({ role: "admin" }, async ({ actor, params, request }) => {
  await deleteComponent(actor, params.componentId, (current) => requireIfMatch(request, current));
  return new Response(null, { status: 204, headers: { "Cache-Control": "no-store" } });
});
