import { z } from "zod";

// Filters read from a page's query string: anything else is ignored or answered with 404.

/** The audit log's filters: a user's id and a kind of record. */
export const auditFilterSchema = z.object({
  user: z.string().max(64).regex(/^[\w-]*$/).optional(),
  entity: z.string().max(40).regex(/^[\w-]*$/).optional(),
});

/** The history page's newest month, "2011-06". */
export const historySearchSchema = z.object({
  month: z
    .string()
    .regex(/^\d{4}-(0[1-9]|1[0-2])$/)
    .optional(),
});
