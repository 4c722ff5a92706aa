import type { ServiceStatus } from "@/lib/constants";
import type { Locale } from "@/lib/i18n/locales";

// What pages, feeds and the API are handed about services: visible ones only
// (server/services.ts maps the rows).

export interface ServiceView {
  id: string;
  slug: string;
  name: string;
  description: string;
  status: ServiceStatus;
  groupId: string | null;
  groupName: string | null;
  position: number;
  createdAt: Date;
  updatedAt: Date;
  /** The language name and description are in, when read for one (server/services.ts). */
  lang?: Locale;
}

/** A named group of services, or (name null) one service that stands alone. */
export interface ServiceGroupView {
  id: string | null;
  name: string | null;
  description: string;
  /** The language name and description are in, when read for one. */
  lang?: Locale;
  position: number;
  createdAt: Date;
  updatedAt: Date;
  services: ServiceView[];
}

export interface ServiceDetailView extends ServiceView {
  /** When the current status began, from the status history. */
  statusSince: Date | null;
}

/** A service a reader may choose to hear about. */
export interface ServiceOption {
  id: string;
  name: string;
  group: string | null;
}
