import type { Impact, ServiceStatus, UpdateStatus } from "@/lib/constants";

// What the admin console is handed: everything, drafts and hidden services included.

export interface AdminService {
  id: string;
  name: string;
  slug: string;
  status: ServiceStatus;
  hidden: boolean;
  groupName: string | null;
}

export interface AdminIncident {
  id: string;
  title: string;
  impact: Impact;
  status: UpdateStatus;
  kind: string;
  revision: number;
  startedAt: Date;
  resolvedAt: Date | null;
  /** A maintenance window called off. */
  cancelledAt: Date | null;
  published: boolean;
  updates: { id: string; status: UpdateStatus; body: string; displayAt: Date }[];
}

/** One incident on its console page: each update also rendered as readers see it. */
export interface AdminIncidentDetail extends Omit<AdminIncident, "updates"> {
  updates: (AdminIncident["updates"][number] & { html: string })[];
}
