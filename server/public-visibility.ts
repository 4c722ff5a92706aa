import "server-only";
import type { Prisma } from "@/server/generated/sqlite/client";

// What the public may see: published incidents, and services not hidden. Every public
// read (pages, feeds, badges, the API, uptime) filters through these two, so a draft or a
// hidden service cannot reach a reader through a query that spelled the rule differently.

export const publishedIncident = { publishedAt: { not: null } } satisfies Prisma.IncidentWhereInput;

export const visibleService = { hidden: false } satisfies Prisma.ServiceWhereInput;
