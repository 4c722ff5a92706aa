import type { ChatFormat } from "@/lib/schemas/webhook-formats";

// A reader's chat channel, as its confirm and manage pages show it: never the full
// URL, which is itself the key to post into the channel.

export interface ChatChannelView {
  id: string;
  /** Where the URL leads ("hooks.slack.com"). */
  host: string;
  format: ChatFormat;
  formatLabel: string;
  confirmed: boolean;
  allServices: boolean;
  serviceIds: string[];
}
