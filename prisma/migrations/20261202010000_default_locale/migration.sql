-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_PageSettings" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT DEFAULT 1,
    "name" TEXT NOT NULL,
    "url" TEXT NOT NULL,
    "timeZone" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "defaultLocale" TEXT NOT NULL DEFAULT 'en',
    "asOf" DATETIME,
    "version" INTEGER NOT NULL DEFAULT 0,
    "requireTwoFactor" BOOLEAN NOT NULL DEFAULT false,
    "alertServiceLabel" TEXT NOT NULL DEFAULT 'component',
    "alertSeverityLabel" TEXT NOT NULL DEFAULT 'severity',
    "alertSeverities" TEXT NOT NULL DEFAULT '{"critical":"major_outage","warning":"degraded_performance"}',
    "updatedAt" DATETIME NOT NULL
);
INSERT INTO "new_PageSettings" ("alertServiceLabel", "alertSeverities", "alertSeverityLabel", "asOf", "description", "id", "name", "requireTwoFactor", "timeZone", "updatedAt", "url", "version") SELECT "alertServiceLabel", "alertSeverities", "alertSeverityLabel", "asOf", "description", "id", "name", "requireTwoFactor", "timeZone", "updatedAt", "url", "version" FROM "PageSettings";
DROP TABLE "PageSettings";
ALTER TABLE "new_PageSettings" RENAME TO "PageSettings";
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

