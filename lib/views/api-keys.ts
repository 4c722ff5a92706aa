import type { ApiKeyRole } from "@/lib/schemas/api-keys";

/** Whether a key still works: it stops at its expiry or when revoked, whichever comes first. */
export type ApiKeyStatus = "active" | "expired" | "revoked";

/** One API key as the console and the command line list it; never the key itself. */
export interface ApiKeyView {
  id: string;
  name: string;
  role: ApiKeyRole;
  /** The key's first characters, to tell keys apart. */
  prefix: string;
  createdAt: Date;
  /** The creator's email; null when made on the command line or the person was deleted. */
  createdBy: string | null;
  expiresAt: Date | null;
  revokedAt: Date | null;
  /** Recorded at most once a minute, so it may lag a busy key by that much. */
  lastUsedAt: Date | null;
  /** The client address of that last use. */
  lastUsedFrom: string;
  status: ApiKeyStatus;
}
