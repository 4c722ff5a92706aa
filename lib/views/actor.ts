import type { Role } from "@/lib/constants";
import type { Locale } from "@/lib/i18n/locales";

// Who is making a request: a person signed in to the console today; from the write API
// on, an API key or an integration too. Every write and every admin read is checked
// against this shape (server/auth.ts authorize), whoever the caller is.

export type ActorKind = "user" | "api_key" | "integration";

interface ActorBase {
  /** The user's, key's or integration's id. */
  id: string;
  /** What the audit log and the console call it. */
  name: string;
  role: Role;
}

/** A person with a console session. */
export interface UserActor extends ActorBase {
  /** Optional for people only: every session is a person, and code written before API keys leaves it out. */
  kind?: "user";
  email: string;
  sessionId: string;
  /** Signed in with the password, but the two-factor code is still owed. */
  twoFactorPending?: boolean;
  /** The page requires two-factor and this user has not set it up yet. */
  mustSetUpTwoFactor?: boolean;
  hasTwoFactor?: boolean;
  /** The console's language they chose (null: the page's default language). */
  locale?: Locale | null;
}

/** A key the write API is called with; it acts with the role it was given. */
export interface ApiKeyActor extends ActorBase {
  kind: "api_key";
}

/** A monitoring integration (e.g. an uptime checker) reporting status through the API. */
export interface IntegrationActor extends ActorBase {
  kind: "integration";
}

export type Actor = UserActor | ApiKeyActor | IntegrationActor;

export function isUser(actor: Actor): actor is UserActor {
  return actor.kind === undefined || actor.kind === "user";
}
