import { z } from "zod";
import { LOCALES } from "@/lib/i18n/locales";
import { description, id } from "@/lib/schemas/forms";
import { CHAT_FORMATS, WEBHOOK_FORMATS } from "@/lib/schemas/webhook-formats";

// Subscriptions and webhooks: the same schemas check the browser's form and the server.

const serviceList = z
  .union([id, z.array(id).max(200, { error: "Choose fewer services." })])
  .optional()
  .transform((value) => (value === undefined ? [] : [...new Set(Array.isArray(value) ? value : [value])]));

/** "all" services (including ones added later) or the ones ticked. */
const scope = { scope: z.enum(["all", "some"], { error: "Choose all services or some." }).default("all"), services: serviceList };
const someTicked: [(value: { scope: "all" | "some"; services: string[] }) => boolean, { error: string; path: string[] }] = [
  (value) => value.scope === "all" || value.services.length > 0,
  { error: "Tick at least one service, or choose all services.", path: ["services"] },
];

export const emailAddress = z
  .string({ error: "Enter your email address." })
  .trim()
  .min(1, { error: "Enter your email address." })
  .max(254, { error: "That email address is too long." })
  .pipe(z.email({ error: "Enter an email address like name@example.com." }))
  .transform((value) => value.toLowerCase());

/** The language a subscriber's mails are written in: one Herald speaks. */
export const mailLanguage = z.enum(LOCALES, { error: "Choose one of the languages listed." });

/** Without a language (an older form, a script), the address follows the page's default language. */
export const subscribeSchema = z.object({ email: emailAddress, locale: mailLanguage.optional(), ...scope }).refine(...someTicked);

export const manageSchema = z.object({ token: z.string().max(200), ...scope }).refine(...someTicked);

/** A subscriber's new language, from their manage page. */
export const subscriberLanguageSchema = z.object({ token: z.string().max(200), locale: mailLanguage });

const webhookUrl = z
  .string({ error: "Enter the URL." })
  .trim()
  .max(2000, { error: "Keep the URL under 2,000 characters." })
  .pipe(z.url({ protocol: /^https?$/, error: "Enter a full http:// or https:// URL." }));

export const webhookSchema = z.object({
  url: webhookUrl,
  description: description(200),
  format: z.enum(WEBHOOK_FORMATS, { error: "Choose a format." }).default("herald"),
  ...scope,
}).refine(...someTicked);

/** A reader's chat channel: the incoming-webhook URL its service gave them, and the services. (Plain http is refused on the server unless WEBHOOK_ALLOW_PRIVATE.) */
export const chatChannelSchema = z.object({
  url: z
    .string({ error: "Paste the channel's incoming-webhook URL." })
    .trim()
    .min(1, { error: "Paste the channel's incoming-webhook URL." })
    .max(2000, { error: "Keep the URL under 2,000 characters." })
    .pipe(z.url({ protocol: /^https?$/, error: "Paste the full https:// address the chat service gave you." })),
  format: z.enum(CHAT_FORMATS, { error: "Choose Slack, Discord or Microsoft Teams." }),
  ...scope,
}).refine(...someTicked);

/** A chat channel's manage page: its services, or removing it ("remove"). */
export const chatManageSchema = manageSchema;
export const chatRemoveSchema = z.object({ token: z.string().max(200) });

export const webhookIdSchema = z.object({ endpointId: id });
export const subscriberIdSchema = z.object({ subscriberId: id });

/** A confirmation link's token, posted back by the page's "Confirm" button. */
export const confirmLinkSchema = z.object({ token: z.string().max(200).optional().catch(undefined) });
