import { apiJson, apiRoute } from "@/server/manage-api/http";
import { integrationActor, receiveAlerts } from "@/server/alerts";

export const dynamic = "force-dynamic";

// Prometheus Alertmanager's webhook receiver (and Grafana's webhook contact point): the
// key in `Authorization: Bearer`, the payload as they send it, a summary per alert back.
export const POST = apiRoute<Record<string, never>>({ role: "editor", page: false }, async ({ actor, body }) => apiJson(await receiveAlerts.run(integrationActor(actor), body)));
