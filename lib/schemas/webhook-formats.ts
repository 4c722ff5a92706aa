// The formats a webhook endpoint can be sent, dependency-free so that client forms,
// schemas and the pure message builders (lib/chat-messages.ts) agree.

/** What an endpoint is sent: Herald's signed JSON, or a chat service's own message format. */
export const WEBHOOK_FORMATS = ["herald", "slack", "discord", "teams"] as const;
export type WebhookFormat = (typeof WEBHOOK_FORMATS)[number];
export const CHAT_FORMATS = ["slack", "discord", "teams"] as const;
export type ChatFormat = (typeof CHAT_FORMATS)[number];

export const WEBHOOK_FORMAT_LABELS: Record<WebhookFormat, string> = {
  herald: "Herald JSON (signed)",
  slack: "Slack",
  discord: "Discord",
  teams: "Microsoft Teams",
};

export function isChatFormat(format: string): format is ChatFormat {
  return (CHAT_FORMATS as readonly string[]).includes(format);
}

/** A stored format, read defensively: anything unknown is Herald's own JSON. */
export function webhookFormat(value: string): WebhookFormat {
  return (WEBHOOK_FORMATS as readonly string[]).includes(value) ? (value as WebhookFormat) : "herald";
}

/** Where each service's incoming webhooks live, for the hint below. */
const SERVICE_HOSTS: Record<ChatFormat, { looksRight: (url: URL) => boolean; where: string }> = {
  slack: { looksRight: (url) => url.hostname === "hooks.slack.com", where: "https://hooks.slack.com/services/…" },
  discord: {
    looksRight: (url) => /^(?:(?:canary|ptb)\.)?discord(?:app)?\.com$/.test(url.hostname) && url.pathname.startsWith("/api/webhooks/"),
    where: "https://discord.com/api/webhooks/…",
  },
  teams: {
    looksRight: (url) => /(?:^|\.)(?:webhook\.office\.com|logic\.azure\.com|powerplatform\.com)$/.test(url.hostname),
    where: "a Workflows address on logic.azure.com or powerplatform.com",
  },
};

/**
 * A warning, not a refusal, when a chat channel's URL is not on its service's host:
 * relays and self-hosted gateways (Mattermost and Rocket.Chat take Slack's format) are
 * legitimate, but a Slack URL chosen as "Discord" is a slip worth pointing out.
 */
export function formatHostHint(format: WebhookFormat, url: string): string | null {
  if (!isChatFormat(format)) return null;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  const service = SERVICE_HOSTS[format];
  if (service.looksRight(parsed)) return null;
  const other = CHAT_FORMATS.find((candidate) => candidate !== format && SERVICE_HOSTS[candidate].looksRight(parsed));
  if (other) return `That looks like a ${WEBHOOK_FORMAT_LABELS[other]} address, but ${WEBHOOK_FORMAT_LABELS[format]} was chosen: messages will be in ${WEBHOOK_FORMAT_LABELS[format]}'s format.`;
  return `${WEBHOOK_FORMAT_LABELS[format]} webhook addresses usually look like ${service.where}; this one will get ${WEBHOOK_FORMAT_LABELS[format]}'s format anyway (a relay may expect it).`;
}
