-- CreateTable
CREATE TABLE "ApiKey" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "prefix" TEXT NOT NULL,
    "hash" TEXT NOT NULL,
    "createdById" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" DATETIME,
    "revokedAt" DATETIME,
    "lastUsedAt" DATETIME,
    "lastUsedFrom" TEXT NOT NULL DEFAULT '',
    CONSTRAINT "ApiKey_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "IdempotentRequest" (
    "apiKeyId" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "fingerprint" TEXT NOT NULL,
    "status" INTEGER NOT NULL,
    "body" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,

    PRIMARY KEY ("apiKeyId", "key"),
    CONSTRAINT "IdempotentRequest_apiKeyId_fkey" FOREIGN KEY ("apiKeyId") REFERENCES "ApiKey" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "IncidentTemplate" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'investigating',
    "impact" TEXT NOT NULL DEFAULT 'minor',
    "notify" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "IncidentTemplateService" (
    "templateId" TEXT NOT NULL,
    "serviceId" TEXT NOT NULL,
    "status" TEXT NOT NULL,

    PRIMARY KEY ("templateId", "serviceId"),
    CONSTRAINT "IncidentTemplateService_templateId_fkey" FOREIGN KEY ("templateId") REFERENCES "IncidentTemplate" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "IncidentTemplateService_serviceId_fkey" FOREIGN KEY ("serviceId") REFERENCES "Service" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "AlertGroup" (
    "key" TEXT NOT NULL PRIMARY KEY,
    "receiver" TEXT NOT NULL DEFAULT '',
    "status" TEXT NOT NULL,
    "labels" TEXT NOT NULL DEFAULT '{}',
    "incidentId" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "AlertGroup_incidentId_fkey" FOREIGN KEY ("incidentId") REFERENCES "Incident" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Alert" (
    "groupKey" TEXT NOT NULL,
    "fingerprint" TEXT NOT NULL,
    "serviceId" TEXT,
    "status" TEXT NOT NULL,
    "severity" TEXT NOT NULL DEFAULT '',
    "labels" TEXT NOT NULL DEFAULT '{}',
    "startsAt" DATETIME NOT NULL,
    "endsAt" DATETIME,
    "updatedAt" DATETIME NOT NULL,

    PRIMARY KEY ("groupKey", "fingerprint"),
    CONSTRAINT "Alert_groupKey_fkey" FOREIGN KEY ("groupKey") REFERENCES "AlertGroup" ("key") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Alert_serviceId_fkey" FOREIGN KEY ("serviceId") REFERENCES "Service" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_PageSettings" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT DEFAULT 1,
    "name" TEXT NOT NULL,
    "url" TEXT NOT NULL,
    "timeZone" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "asOf" DATETIME,
    "version" INTEGER NOT NULL DEFAULT 0,
    "requireTwoFactor" BOOLEAN NOT NULL DEFAULT false,
    "alertServiceLabel" TEXT NOT NULL DEFAULT 'component',
    "alertSeverityLabel" TEXT NOT NULL DEFAULT 'severity',
    "alertSeverities" TEXT NOT NULL DEFAULT '{"critical":"major_outage","warning":"degraded_performance"}',
    "updatedAt" DATETIME NOT NULL
);
INSERT INTO "new_PageSettings" ("asOf", "description", "id", "name", "requireTwoFactor", "timeZone", "updatedAt", "url", "version") SELECT "asOf", "description", "id", "name", "requireTwoFactor", "timeZone", "updatedAt", "url", "version" FROM "PageSettings";
DROP TABLE "PageSettings";
ALTER TABLE "new_PageSettings" RENAME TO "PageSettings";
CREATE TABLE "new_Service" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "slug" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "status" TEXT NOT NULL DEFAULT 'operational',
    "position" INTEGER NOT NULL DEFAULT 0,
    "hidden" BOOLEAN NOT NULL DEFAULT false,
    "groupId" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    "alertMode" TEXT NOT NULL DEFAULT 'apply',
    "suggestedStatus" TEXT,
    "suggestedAt" DATETIME,
    "alertTemplateId" TEXT,
    CONSTRAINT "Service_groupId_fkey" FOREIGN KEY ("groupId") REFERENCES "ServiceGroup" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Service_alertTemplateId_fkey" FOREIGN KEY ("alertTemplateId") REFERENCES "IncidentTemplate" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Service" ("createdAt", "description", "groupId", "hidden", "id", "name", "position", "slug", "status", "updatedAt") SELECT "createdAt", "description", "groupId", "hidden", "id", "name", "position", "slug", "status", "updatedAt" FROM "Service";
DROP TABLE "Service";
ALTER TABLE "new_Service" RENAME TO "Service";
CREATE UNIQUE INDEX "Service_slug_key" ON "Service"("slug");
CREATE INDEX "Service_groupId_position_idx" ON "Service"("groupId", "position");
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
    "suggestion" TEXT
);
INSERT INTO "new_Incident" ("createdAt", "id", "impact", "kind", "publishedAt", "resolvedAt", "revision", "scheduledEnd", "scheduledStart", "startedAt", "status", "title", "updatedAt") SELECT "createdAt", "id", "impact", "kind", "publishedAt", "resolvedAt", "revision", "scheduledEnd", "scheduledStart", "startedAt", "status", "title", "updatedAt" FROM "Incident";
DROP TABLE "Incident";
ALTER TABLE "new_Incident" RENAME TO "Incident";
CREATE INDEX "Incident_publishedAt_resolvedAt_idx" ON "Incident"("publishedAt", "resolvedAt");
CREATE INDEX "Incident_kind_startedAt_idx" ON "Incident"("kind", "startedAt");
CREATE TABLE "new_AuditLog" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "userId" TEXT,
    "apiKeyId" TEXT,
    "action" TEXT NOT NULL,
    "entityType" TEXT NOT NULL,
    "entityId" TEXT NOT NULL,
    "before" TEXT,
    "after" TEXT,
    CONSTRAINT "AuditLog_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "AuditLog_apiKeyId_fkey" FOREIGN KEY ("apiKeyId") REFERENCES "ApiKey" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_AuditLog" ("action", "after", "at", "before", "entityId", "entityType", "id", "userId") SELECT "action", "after", "at", "before", "entityId", "entityType", "id", "userId" FROM "AuditLog";
DROP TABLE "AuditLog";
ALTER TABLE "new_AuditLog" RENAME TO "AuditLog";
CREATE INDEX "AuditLog_at_idx" ON "AuditLog"("at");
CREATE INDEX "AuditLog_userId_at_idx" ON "AuditLog"("userId", "at");
CREATE INDEX "AuditLog_apiKeyId_at_idx" ON "AuditLog"("apiKeyId", "at");
CREATE INDEX "AuditLog_entityType_entityId_idx" ON "AuditLog"("entityType", "entityId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE UNIQUE INDEX "ApiKey_hash_key" ON "ApiKey"("hash");

-- CreateIndex
CREATE INDEX "ApiKey_name_idx" ON "ApiKey"("name");

-- CreateIndex
CREATE INDEX "IdempotentRequest_createdAt_idx" ON "IdempotentRequest"("createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "IncidentTemplate_name_key" ON "IncidentTemplate"("name");

-- CreateIndex
CREATE INDEX "IncidentTemplateService_serviceId_idx" ON "IncidentTemplateService"("serviceId");

-- CreateIndex
CREATE INDEX "AlertGroup_incidentId_idx" ON "AlertGroup"("incidentId");

-- CreateIndex
CREATE INDEX "Alert_serviceId_status_idx" ON "Alert"("serviceId", "status");

