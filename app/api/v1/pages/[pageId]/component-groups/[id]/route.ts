import { deleteComponentGroup, getComponentGroup, updateComponentGroup } from "@/server/manage-api/components";
import { apiJson, apiRoute, requireIfMatch, type ApiRequestContext } from "@/server/manage-api/http";

export const dynamic = "force-dynamic";

type Params = { pageId: string; id: string };

export const GET = apiRoute<Params>({ role: "editor" }, async ({ actor, params }) => {
  const { object, etag } = await getComponentGroup(actor, params.id);
  return apiJson(object, 200, { ETag: etag });
});

async function update({ actor, params, body, request }: ApiRequestContext<Params>) {
  const { object, etag } = await updateComponentGroup(actor, params.id, body, (current) => requireIfMatch(request, current));
  return apiJson(object, 200, { ETag: etag });
}

export const PATCH = apiRoute<Params>({ role: "admin" }, update);
export const PUT = apiRoute<Params>({ role: "admin" }, update);

// Statuspage answers a group's deletion with the group as it was.
export const DELETE = apiRoute<Params>({ role: "admin" }, async ({ actor, params, request }) =>
  apiJson(await deleteComponentGroup(actor, params.id, (current) => requireIfMatch(request, current))),
);
