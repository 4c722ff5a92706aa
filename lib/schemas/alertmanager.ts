import { z } from "zod";
import { ALERT_MODES, ALERT_STATUSES, LABEL_NAME, type AlertStatus } from "@/lib/alerts";
import { SERVICE_STATUSES } from "@/lib/constants";
import { id } from "@/lib/schemas/forms";
import type { ApiOperation } from "@/lib/schemas/manage-api/operation";

// What Prometheus Alertmanager's webhook (payload version "4") and Grafana alerting's
// webhook (the same shape, version "1", plus orgId, title, state, message and per-alert
// values and URLs) send, and the console's forms for what Herald does with it. Strict in
// the fields Herald reads, liberal in everything else: unknown fields pass through.

/** No NUL: no database stores it in text (PostgreSQL refuses the whole write). */
const NO_NUL = /^[^\u0000]*$/;
const text = (what: string) => z.string({ error: `Every ${what} must be a string.` }).regex(NO_NUL, { error: `A ${what} contains a NUL character.` });

const labelSet = (what: string) => z.record(text(`${what} name`), text(`${what} value`), { error: `Expected ${what}s as an object of strings.` });

/** The group's id is kept and indexed as it is: bounded in bytes, not characters. */
const GROUP_KEY_BYTES = 2_000;

const timestamp = (what: string) =>
  z
    .string({ error: `Expected ${what} as an RFC 3339 time, e.g. "2024-05-01T12:00:00Z".` })
    .max(64)
    // Four-digit years only: both databases refuse dates far outside them.
    .regex(/^\d{4}-\d\d-\d\dT/, { error: `Expected ${what} as an RFC 3339 time with a four-digit year, e.g. "2024-05-01T12:00:00Z".` })
    .refine((value) => !Number.isNaN(new Date(value).getTime()), { error: `Expected ${what} as an RFC 3339 time, e.g. "2024-05-01T12:00:00Z".` });

const alertState = z.enum(["firing", "resolved"], { error: 'Expected "firing" or "resolved".' });

export const alertSchema = z.looseObject({
  status: alertState,
  labels: labelSet("label"),
  annotations: labelSet("annotation").default({}),
  startsAt: timestamp("startsAt"),
  /** "0001-01-01T00:00:00Z" while firing (Go's zero time). */
  endsAt: timestamp("endsAt").optional(),
  generatorURL: z.string().max(4_000).optional(),
  /** Sent since Alertmanager 0.19 and by Grafana; without it Herald hashes the labels. */
  fingerprint: text("fingerprint").trim().min(1).max(128).optional(),
  // Grafana's additions, described for the document; never read.
  values: z.record(z.string(), z.unknown()).nullish(),
  valueString: z.string().optional(),
  dashboardURL: z.string().optional(),
  panelURL: z.string().optional(),
  silenceURL: z.string().optional(),
  imageURL: z.string().optional(),
});

export const alertmanagerPayloadSchema = z.looseObject({
  /** "4" from Alertmanager, "1" from Grafana: not checked, the shape is. */
  version: z.string().optional(),
  groupKey: z
    .string({ error: "Missing groupKey: the webhook's id of the alert group (Alertmanager and Grafana always send it)." })
    .min(1, { error: "groupKey is empty." })
    .regex(NO_NUL, { error: "groupKey contains a NUL character." })
    .refine((value) => new TextEncoder().encode(value).length <= GROUP_KEY_BYTES, { error: `groupKey is too long (at most ${GROUP_KEY_BYTES} bytes).` }),
  truncatedAlerts: z.number().int().min(0).default(0),
  status: alertState,
  receiver: text("receiver").max(500).default(""),
  alerts: z
    .array(alertSchema, { error: "Missing alerts: a list of the group's alerts." })
    .min(1, { error: "alerts is empty: send at least one alert." })
    .max(1_000, { error: "Send at most 1,000 alerts at once (Alertmanager's max_alerts)." }),
  groupLabels: labelSet("group label").default({}),
  commonLabels: labelSet("common label").default({}),
  commonAnnotations: labelSet("common annotation").default({}),
  externalURL: z.string().max(4_000).optional(),
  // Grafana's additions.
  orgId: z.number().optional(),
  title: z.string().optional(),
  state: z.string().optional(),
  message: z.string().optional(),
});
export type AlertmanagerPayload = z.output<typeof alertmanagerPayloadSchema>;

/** Said when a body is not such a payload; the fields name what is missing or wrong. */
export const NOT_A_WEBHOOK = "This is not a Prometheus Alertmanager or Grafana alerting webhook payload; `fields` says which field is missing or wrong.";

// --- the answer ---------------------------------------------------------------------

export const ALERT_OUTCOMES = ["applied", "suggested", "unchanged", "ignored"] as const;
export type AlertOutcome = (typeof ALERT_OUTCOMES)[number];

export const alertResultSchema = z.object({
  fingerprint: z.string(),
  alertname: z.string().nullable(),
  status: alertState,
  /** The service's slug as the label named it; null when the label is missing. */
  service: z.string().nullable(),
  severity: z.string(),
  /** applied: the service's status changed; suggested: proposed for a person to apply; unchanged; ignored: no such service. */
  outcome: z.enum(ALERT_OUTCOMES),
  /** The service's status after this delivery (or the one suggested). */
  serviceStatus: z.enum(SERVICE_STATUSES).nullable(),
  reason: z.string().optional(),
});

export const alertDeliveryResultSchema = z.object({
  groupKey: z.string(),
  status: alertState,
  alerts: z.array(alertResultSchema),
  /** The draft (or, once a person published it, the incident) this group prepared. */
  incident: z.object({ id: z.string(), draft: z.boolean(), url: z.string(), suggestion: z.enum(["resolved", "spread"]).nullable() }).nullable(),
  truncatedAlerts: z.number().int(),
});
export type AlertDeliveryResult = z.infer<typeof alertDeliveryResultSchema>;

// --- the console's forms --------------------------------------------------------------

const labelName = (what: string) =>
  z
    .string({ error: `Enter ${what}.` })
    .trim()
    .min(1, { error: `Enter ${what}.` })
    .max(100, { error: `Keep ${what} under 100 characters.` })
    .regex(LABEL_NAME, { error: "A label name has letters, digits and underscores, and does not start with a digit." });

const SEVERITY = /^[a-z0-9_.:-]{1,64}$/;

/** "critical, page" → ["critical", "page"]; severities are matched lower-cased. */
const severityList = z
  .string()
  .default("")
  .transform((value) => [...new Set(value.split(/[\s,]+/).map((item) => item.trim().toLowerCase()).filter(Boolean))])
  .refine((items) => items.every((item) => SEVERITY.test(item)), { error: "List severities separated by commas: letters, digits, _ . : - only." });

export const severityField = (status: AlertStatus) => `severity_${status}` as const;

export const alertSettingsSchema = z
  .object({
    serviceLabel: labelName("the label that names the service"),
    severityLabel: labelName("the label that names the severity"),
    ...(Object.fromEntries(ALERT_STATUSES.map((status) => [severityField(status), severityList])) as Record<`severity_${AlertStatus}`, typeof severityList>),
  })
  .superRefine((value, context) => {
    const seen = new Map<string, AlertStatus>();
    for (const status of ALERT_STATUSES) {
      for (const severity of value[severityField(status)]) {
        if (seen.has(severity)) context.addIssue({ code: "custom", path: [severityField(status)], message: `“${severity}” is listed for two statuses: keep it in one.` });
        seen.set(severity, status);
      }
    }
  })
  .transform((value) => ({
    serviceLabel: value.serviceLabel,
    severityLabel: value.severityLabel,
    severities: Object.fromEntries(ALERT_STATUSES.flatMap((status) => value[severityField(status)].map((severity) => [severity, status]))) as Record<string, AlertStatus>,
  }));

export const alertRuleSchema = z.object({
  serviceId: id,
  mode: z.enum(ALERT_MODES, { error: "Choose whether alerts apply the status or only suggest it." }),
  templateId: z.union([id, z.literal("")]).default("").transform((value) => value || null),
});

export const statusSuggestionSchema = z.object({
  serviceId: id,
  intent: z.enum(["apply", "dismiss"], { error: "Unknown change." }),
});

/** A person posted the update monitoring suggested, or dismissed it. */
export const updateSuggestionSchema = z.object({ incidentId: id, outcome: z.enum(["posted", "dismissed"]).default("dismissed") });

// --- the document ---------------------------------------------------------------------

export const ALERT_OPERATIONS: ApiOperation[] = [
  {
    method: "post",
    path: "/api/v1/integrations/alertmanager",
    operationId: "receiveAlertmanagerWebhook",
    summary: "Receive alerts from Prometheus Alertmanager or Grafana",
    description:
      "Point an Alertmanager webhook receiver (or a Grafana webhook contact point) here, with `send_resolved: true` and the key as a Bearer token. " +
      "Each alert names its service by a label (default `component`, the service's slug) and its severity by another (default `severity`: critical → major outage, warning → degraded performance); both are set in the console under Alerts. " +
      "A firing alert sets the service's status at once, or only suggests it when the service's rule says so, and prepares one draft incident per alert group for a person to review and publish. " +
      "When every alert of a service resolves, the service returns to operational (unless a person changed it since), and the group's incident gets a suggested “resolved” update. " +
      "Alerts naming no known service are recorded and reported, and change nothing.",
    tag: "Integrations",
    role: "editor",
    body: alertmanagerPayloadSchema,
    responses: {
      200: { description: "What was done for each alert.", schema: alertDeliveryResultSchema },
      401: { description: "No key, or a key that is wrong, revoked or expired." },
      403: { description: "The key's role is below editor." },
      422: { description: "Not an Alertmanager or Grafana webhook payload; `fields` names the field." },
    },
    heraldExtension: true,
  },
];
