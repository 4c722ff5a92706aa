-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Notification" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "updateId" TEXT,
    "postmortemOfId" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "subscriberCursor" TEXT NOT NULL DEFAULT '',
    "endpointsAdded" BOOLEAN NOT NULL DEFAULT false,
    "expandedAt" DATETIME,
    CONSTRAINT "Notification_updateId_fkey" FOREIGN KEY ("updateId") REFERENCES "IncidentUpdate" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Notification_postmortemOfId_fkey" FOREIGN KEY ("postmortemOfId") REFERENCES "Incident" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    -- Added by hand (Prisma has no CHECK): a notification tells one update or one postmortem.
    CONSTRAINT "Notification_one_subject_check" CHECK (("updateId" IS NULL) <> ("postmortemOfId" IS NULL))
);
INSERT INTO "new_Notification" ("createdAt", "endpointsAdded", "expandedAt", "id", "subscriberCursor", "updateId") SELECT "createdAt", "endpointsAdded", "expandedAt", "id", "subscriberCursor", "updateId" FROM "Notification";
DROP TABLE "Notification";
ALTER TABLE "new_Notification" RENAME TO "Notification";
CREATE UNIQUE INDEX "Notification_updateId_key" ON "Notification"("updateId");
CREATE UNIQUE INDEX "Notification_postmortemOfId_key" ON "Notification"("postmortemOfId");
CREATE INDEX "Notification_expandedAt_idx" ON "Notification"("expandedAt");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

