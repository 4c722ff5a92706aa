import { describe, expect, it } from "vitest";
import { summariseMigrations } from "./database";

// `npm start` prints one line for the Prisma CLI's migration report (it printed ~40).
describe("summariseMigrations", () => {
  it("names the migrations applied now", () => {
    const output = `Loaded Prisma config from prisma.config.ts.
WARNING: Your schema specifies the following datasource properties but you are using a Driver Adapter via prisma.config.ts:
7 migrations found in prisma/migrations

The following migration(s) have been applied:

migrations/
  └─ 20261125010000_subscriber_mail_claim_index/
    └─ migration.sql
  └─ 20261201000000_write_api/
    └─ migration.sql

All migrations have been successfully applied.`;
    expect(summariseMigrations(output)).toBe("Database migrated: applied 2 of 7 migrations now (20261125010000_subscriber_mail_claim_index, 20261201000000_write_api).");
  });

  it("says the database is up to date when nothing was pending", () => {
    expect(summariseMigrations("7 migrations found in prisma/migrations\n\nNo pending migrations to apply.")).toBe("Database is up to date (7 migrations applied).");
  });
});
