import "server-only";
import { publishPostmortemSchema, putPostmortemSchema } from "@/lib/schemas/manage-api/postmortems";
import { incidentEtag } from "@/lib/statuspage";
import { isoWithOffset } from "@/lib/time";
import type { ApiKeyActor } from "@/lib/views/actor";
import { db } from "@/server/db";
import { ApiError, apiJson, requireIfMatch } from "@/server/manage-api/http";
import { MutationError, parseInput } from "@/server/mutation";
import { revertPostmortem, savePostmortem } from "@/server/postmortems";
import { getPageSettings } from "@/server/settings";

// The write API's postmortem (Statuspage's incidents/{id}/postmortem): the console's
// mutations (server/postmortems.ts) run with the key as the actor, so both share one
// pipeline, one audit log and one rule for telling subscribers.

const select = { id: true, revision: true, postmortemBody: true, postmortemPublishedAt: true, postmortemUpdatedAt: true, postmortemNotification: { select: { id: true } } } as const;

async function findIncident(id: string) {
  const row = id.length <= 64 ? await db().incident.findUnique({ where: { id }, select }) : null;
  if (!row) throw new ApiError(404, "There is no incident with this id. It may have been deleted.");
  return row;
}

type Row = Awaited<ReturnType<typeof findIncident>>;

/** Statuspage's postmortem object; Herald's one text is both the draft and, once published, the body. */
function postmortemObject(row: Row, timeZone: string) {
  const time = (date: Date | null) => (date ? isoWithOffset(date, timeZone) : null);
  const published = row.postmortemPublishedAt !== null;
  return {
    body: published ? row.postmortemBody : null,
    body_updated_at: published ? time(row.postmortemUpdatedAt ?? row.postmortemPublishedAt) : null,
    body_draft: row.postmortemBody,
    body_draft_updated_at: time(row.postmortemUpdatedAt),
    published_at: time(row.postmortemPublishedAt),
    notify_subscribers: row.postmortemNotification !== null,
    notify_twitter: false,
  };
}

/** The postmortem as it now is, with the incident's ETag for the next If-Match. */
async function postmortemResponse(id: string): Promise<Response> {
  const [row, settings] = await Promise.all([findIncident(id), getPageSettings()]);
  return apiJson(postmortemObject(row, settings.timeZone), 200, { ETag: incidentEtag(row) });
}

/** Runs a mutation, naming the field its refusals are about as the API calls it. */
async function asApi<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (!(error instanceof MutationError) || !error.fieldErrors) throw error;
    const fields = Object.fromEntries(Object.entries(error.fieldErrors).map(([field, message]) => [`postmortem.${field === "body" ? "body_draft" : field}`, message]));
    throw new MutationError(error.code, error.message, fields);
  }
}

export function getPostmortemResponse(id: string): Promise<Response> {
  return postmortemResponse(id);
}

/** PUT …/postmortem: saves the draft, or revises the published postmortem (which tells no one). */
export async function putPostmortem(actor: ApiKeyActor, request: Request, id: string, body: Record<string, unknown>): Promise<Response> {
  const row = await findIncident(id);
  requireIfMatch(request, incidentEtag(row));
  const { postmortem: input } = parseInput(putPostmortemSchema, body);
  const intent = row.postmortemPublishedAt ? "revise" : "draft";
  await asApi(() => savePostmortem.run(actor, { incidentId: id, revision: row.revision, intent, body: input.body_draft }));
  return postmortemResponse(id);
}

/** PUT …/postmortem/publish: makes the saved draft public, telling subscribers when asked. */
export async function publishPostmortem(actor: ApiKeyActor, request: Request, id: string, body: Record<string, unknown>): Promise<Response> {
  const row = await findIncident(id);
  requireIfMatch(request, incidentEtag(row));
  const { postmortem: input } = parseInput(publishPostmortemSchema, body);
  if (row.postmortemPublishedAt) throw new ApiError(409, "This postmortem is already published. To change it, PUT its text to …/postmortem (postmortem[body_draft]); that tells no one.");
  if (!row.postmortemBody) throw new ApiError(422, "There is no postmortem to publish yet: PUT its text to …/postmortem (postmortem[body_draft]) first.");
  await asApi(() => savePostmortem.run(actor, { incidentId: id, revision: row.revision, intent: "publish", body: row.postmortemBody, notify: input.notify_subscribers ?? false }));
  return postmortemResponse(id);
}

/** PUT …/postmortem/revert: back to a private draft, its text kept. */
export async function revertPublishedPostmortem(actor: ApiKeyActor, request: Request, id: string): Promise<Response> {
  const row = await findIncident(id);
  requireIfMatch(request, incidentEtag(row));
  await revertPostmortem.run(actor, { incidentId: id, revision: row.revision });
  return postmortemResponse(id);
}
