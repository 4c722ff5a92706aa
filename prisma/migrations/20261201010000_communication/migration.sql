-- AlterTable
ALTER TABLE "Incident" ADD COLUMN "advice" TEXT;
ALTER TABLE "Incident" ADD COLUMN "adviceUpdatedAt" DATETIME;
ALTER TABLE "Incident" ADD COLUMN "announceBeforeMinutes" INTEGER;
ALTER TABLE "Incident" ADD COLUMN "cancelledAt" DATETIME;
ALTER TABLE "Incident" ADD COLUMN "postmortemBody" TEXT;
ALTER TABLE "Incident" ADD COLUMN "postmortemPublishedAt" DATETIME;
ALTER TABLE "Incident" ADD COLUMN "postmortemUpdatedAt" DATETIME;

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_WebhookEndpoint" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "url" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "secret" TEXT NOT NULL,
    "allServices" BOOLEAN NOT NULL DEFAULT true,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "disabledReason" TEXT,
    "consecutiveFailures" INTEGER NOT NULL DEFAULT 0,
    "format" TEXT NOT NULL DEFAULT 'herald',
    "addedByReader" BOOLEAN NOT NULL DEFAULT false,
    "confirmedAt" DATETIME,
    "confirmNonce" TEXT,
    "manageNonce" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);
INSERT INTO "new_WebhookEndpoint" ("allServices", "consecutiveFailures", "createdAt", "description", "disabledReason", "enabled", "id", "secret", "updatedAt", "url") SELECT "allServices", "consecutiveFailures", "createdAt", "description", "disabledReason", "enabled", "id", "secret", "updatedAt", "url" FROM "WebhookEndpoint";
DROP TABLE "WebhookEndpoint";
ALTER TABLE "new_WebhookEndpoint" RENAME TO "WebhookEndpoint";
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

