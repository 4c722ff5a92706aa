import { z } from "zod";
import { id, plainTitle } from "@/lib/schemas/forms";

// The API key forms (console) and the write API's key management share these.

/** A key acts as an editor or an admin; never as an owner, who manages people and settings. */
export const API_KEY_ROLES = ["editor", "admin"] as const;
export type ApiKeyRole = (typeof API_KEY_ROLES)[number];

export const API_KEY_NAME_MAX = 60;
export const API_KEY_EXPIRY_MAX_DAYS = 3650;

export const apiKeyName = plainTitle("a name for the key", API_KEY_NAME_MAX);
export const apiKeyRole = z.enum(API_KEY_ROLES, { error: "Choose editor or admin: a key cannot be an owner." });

const expiryProblem = `Enter a whole number of days from 1 to ${API_KEY_EXPIRY_MAX_DAYS.toLocaleString("en-GB")}, or leave it empty for a key that does not expire.`;

/** Days until the key expires: empty (a form) or null (JSON) for never. */
const expiresInDays = z.preprocess(
  (value) => (value === null || (typeof value === "string" && value.trim() === "") ? undefined : typeof value === "string" ? Number(value.trim()) : value),
  z.number({ error: expiryProblem }).int({ error: expiryProblem }).min(1, { error: expiryProblem }).max(API_KEY_EXPIRY_MAX_DAYS, { error: expiryProblem }).optional(),
);

export const issueApiKeySchema = z.object({ name: apiKeyName, role: apiKeyRole, expiresInDays });

export const revokeApiKeySchema = z.object({
  apiKeyId: id,
  confirm: z.literal("yes", { error: "Tick the box to confirm: whatever uses this key stops working at once." }),
});
