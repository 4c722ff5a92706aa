-- CreateTable
CREATE TABLE "ServiceGroupTranslation" (
    "groupId" TEXT NOT NULL,
    "locale" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',

    PRIMARY KEY ("groupId", "locale"),
    CONSTRAINT "ServiceGroupTranslation_groupId_fkey" FOREIGN KEY ("groupId") REFERENCES "ServiceGroup" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ServiceTranslation" (
    "serviceId" TEXT NOT NULL,
    "locale" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',

    PRIMARY KEY ("serviceId", "locale"),
    CONSTRAINT "ServiceTranslation_serviceId_fkey" FOREIGN KEY ("serviceId") REFERENCES "Service" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "IncidentTranslation" (
    "incidentId" TEXT NOT NULL,
    "locale" TEXT NOT NULL,
    "title" TEXT,
    "advice" TEXT,
    "postmortemBody" TEXT,
    "titleUpdatedAt" DATETIME,
    "adviceUpdatedAt" DATETIME,
    "postmortemUpdatedAt" DATETIME,
    "revision" INTEGER NOT NULL DEFAULT 1,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,

    PRIMARY KEY ("incidentId", "locale"),
    CONSTRAINT "IncidentTranslation_incidentId_fkey" FOREIGN KEY ("incidentId") REFERENCES "Incident" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "IncidentUpdateTranslation" (
    "updateId" TEXT NOT NULL,
    "locale" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "revision" INTEGER NOT NULL DEFAULT 1,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,

    PRIMARY KEY ("updateId", "locale"),
    CONSTRAINT "IncidentUpdateTranslation_updateId_fkey" FOREIGN KEY ("updateId") REFERENCES "IncidentUpdate" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Incident" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "kind" TEXT NOT NULL DEFAULT 'incident',
    "title" TEXT NOT NULL,
    "impact" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "startedAt" DATETIME NOT NULL,
    "resolvedAt" DATETIME,
    "scheduledStart" DATETIME,
    "scheduledEnd" DATETIME,
    "publishedAt" DATETIME,
    "revision" INTEGER NOT NULL DEFAULT 1,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    "notify" BOOLEAN NOT NULL DEFAULT true,
    "backfilled" BOOLEAN NOT NULL DEFAULT false,
    "autoStart" BOOLEAN NOT NULL DEFAULT false,
    "autoComplete" BOOLEAN NOT NULL DEFAULT false,
    "remindBeforeMinutes" INTEGER,
    "remindedAt" DATETIME,
    "suggestion" TEXT,
    "advice" TEXT,
    "adviceUpdatedAt" DATETIME,
    "postmortemBody" TEXT,
    "postmortemPublishedAt" DATETIME,
    "postmortemUpdatedAt" DATETIME,
    "cancelledAt" DATETIME,
    "announceBeforeMinutes" INTEGER,
    "sourceLocale" TEXT NOT NULL DEFAULT 'en'
);
INSERT INTO "new_Incident" ("advice", "adviceUpdatedAt", "announceBeforeMinutes", "autoComplete", "autoStart", "backfilled", "cancelledAt", "createdAt", "id", "impact", "kind", "notify", "postmortemBody", "postmortemPublishedAt", "postmortemUpdatedAt", "publishedAt", "remindBeforeMinutes", "remindedAt", "resolvedAt", "revision", "scheduledEnd", "scheduledStart", "startedAt", "status", "suggestion", "title", "updatedAt") SELECT "advice", "adviceUpdatedAt", "announceBeforeMinutes", "autoComplete", "autoStart", "backfilled", "cancelledAt", "createdAt", "id", "impact", "kind", "notify", "postmortemBody", "postmortemPublishedAt", "postmortemUpdatedAt", "publishedAt", "remindBeforeMinutes", "remindedAt", "resolvedAt", "revision", "scheduledEnd", "scheduledStart", "startedAt", "status", "suggestion", "title", "updatedAt" FROM "Incident";
DROP TABLE "Incident";
ALTER TABLE "new_Incident" RENAME TO "Incident";
CREATE INDEX "Incident_publishedAt_resolvedAt_idx" ON "Incident"("publishedAt", "resolvedAt");
CREATE INDEX "Incident_kind_startedAt_idx" ON "Incident"("kind", "startedAt");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "IncidentUpdateTranslation_locale_updatedAt_idx" ON "IncidentUpdateTranslation"("locale", "updatedAt");

