-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Subscriber" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "email" TEXT NOT NULL,
    "allServices" BOOLEAN NOT NULL DEFAULT true,
    "confirmedAt" DATETIME,
    "confirmNonce" TEXT,
    "manageNonce" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "mailKind" TEXT,
    "mailDueAt" DATETIME,
    "mailAttempts" INTEGER NOT NULL DEFAULT 0,
    "mailClaim" TEXT
);
INSERT INTO "new_Subscriber" ("allServices", "confirmNonce", "confirmedAt", "createdAt", "email", "id", "manageNonce") SELECT "allServices", "confirmNonce", "confirmedAt", "createdAt", "email", "id", "manageNonce" FROM "Subscriber";
DROP TABLE "Subscriber";
ALTER TABLE "new_Subscriber" RENAME TO "Subscriber";
CREATE UNIQUE INDEX "Subscriber_email_key" ON "Subscriber"("email");
CREATE INDEX "Subscriber_confirmedAt_idx" ON "Subscriber"("confirmedAt");
CREATE INDEX "Subscriber_mailDueAt_idx" ON "Subscriber"("mailDueAt");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

