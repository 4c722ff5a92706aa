import { createComponent, listComponents } from "@/server/manage-api/components";
import { apiJson, apiRoute } from "@/server/manage-api/http";

export const dynamic = "force-dynamic";

type Params = { pageId: string };

export const GET = apiRoute<Params>({ role: "editor" }, async ({ actor, query }) => apiJson(await listComponents(actor, query)));

export const POST = apiRoute<Params>({ role: "admin", idempotent: true }, async ({ actor, body }) => {
  const { object, etag } = await createComponent(actor, body);
  return apiJson(object, 201, { ETag: etag });
});
