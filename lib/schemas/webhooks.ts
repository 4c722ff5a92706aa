import { z } from "zod";
import { webhookIdSchema } from "@/lib/schemas/subscriptions";

// The buttons beside a webhook endpoint: each posts the endpoint's id and what to do.
// (The form that adds an endpoint uses webhookSchema, beside the subscribe form's schema
// whose choice of services it shares.)

export const WEBHOOK_INTENTS = ["enable", "disable", "rotate", "delete", "test"] as const;
export type WebhookIntent = (typeof WEBHOOK_INTENTS)[number];

export const webhookIntentSchema = z.object({ intent: z.enum(WEBHOOK_INTENTS, { error: "Choose what to do." }) });

/** Switch on ("enable") or off ("disable"). */
export const webhookSwitchSchema = webhookIdSchema.extend({ intent: z.enum(["enable", "disable"], { error: "Choose what to do." }) });
