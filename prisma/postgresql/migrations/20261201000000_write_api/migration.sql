-- AlterTable
ALTER TABLE "PageSettings" ADD COLUMN     "alertServiceLabel" TEXT NOT NULL DEFAULT 'component',
ADD COLUMN     "alertSeverities" TEXT NOT NULL DEFAULT '{"critical":"major_outage","warning":"degraded_performance"}',
ADD COLUMN     "alertSeverityLabel" TEXT NOT NULL DEFAULT 'severity';

-- AlterTable
ALTER TABLE "Service" ADD COLUMN     "alertMode" TEXT NOT NULL DEFAULT 'apply',
ADD COLUMN     "alertTemplateId" TEXT,
ADD COLUMN     "suggestedAt" TIMESTAMP(3),
ADD COLUMN     "suggestedStatus" TEXT;

-- AlterTable
ALTER TABLE "Incident" ADD COLUMN     "autoComplete" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "autoStart" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "backfilled" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "notify" BOOLEAN NOT NULL DEFAULT true,
ADD COLUMN     "remindBeforeMinutes" INTEGER,
ADD COLUMN     "remindedAt" TIMESTAMP(3),
ADD COLUMN     "suggestion" TEXT;

-- AlterTable
ALTER TABLE "AuditLog" ADD COLUMN     "apiKeyId" TEXT;

-- CreateTable
CREATE TABLE "ApiKey" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "prefix" TEXT NOT NULL,
    "hash" TEXT NOT NULL,
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMP(3),
    "revokedAt" TIMESTAMP(3),
    "lastUsedAt" TIMESTAMP(3),
    "lastUsedFrom" TEXT NOT NULL DEFAULT '',

    CONSTRAINT "ApiKey_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "IdempotentRequest" (
    "apiKeyId" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "fingerprint" TEXT NOT NULL,
    "status" INTEGER NOT NULL,
    "body" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "IdempotentRequest_pkey" PRIMARY KEY ("apiKeyId","key")
);

-- CreateTable
CREATE TABLE "IncidentTemplate" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'investigating',
    "impact" TEXT NOT NULL DEFAULT 'minor',
    "notify" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "IncidentTemplate_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "IncidentTemplateService" (
    "templateId" TEXT NOT NULL,
    "serviceId" TEXT NOT NULL,
    "status" TEXT NOT NULL,

    CONSTRAINT "IncidentTemplateService_pkey" PRIMARY KEY ("templateId","serviceId")
);

-- CreateTable
CREATE TABLE "AlertGroup" (
    "key" TEXT NOT NULL,
    "receiver" TEXT NOT NULL DEFAULT '',
    "status" TEXT NOT NULL,
    "labels" TEXT NOT NULL DEFAULT '{}',
    "incidentId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "AlertGroup_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "Alert" (
    "groupKey" TEXT NOT NULL,
    "fingerprint" TEXT NOT NULL,
    "serviceId" TEXT,
    "status" TEXT NOT NULL,
    "severity" TEXT NOT NULL DEFAULT '',
    "labels" TEXT NOT NULL DEFAULT '{}',
    "startsAt" TIMESTAMP(3) NOT NULL,
    "endsAt" TIMESTAMP(3),
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Alert_pkey" PRIMARY KEY ("groupKey","fingerprint")
);

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

-- CreateIndex
CREATE INDEX "AuditLog_apiKeyId_at_idx" ON "AuditLog"("apiKeyId", "at");

-- AddForeignKey
ALTER TABLE "Service" ADD CONSTRAINT "Service_alertTemplateId_fkey" FOREIGN KEY ("alertTemplateId") REFERENCES "IncidentTemplate"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AuditLog" ADD CONSTRAINT "AuditLog_apiKeyId_fkey" FOREIGN KEY ("apiKeyId") REFERENCES "ApiKey"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ApiKey" ADD CONSTRAINT "ApiKey_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "IdempotentRequest" ADD CONSTRAINT "IdempotentRequest_apiKeyId_fkey" FOREIGN KEY ("apiKeyId") REFERENCES "ApiKey"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "IncidentTemplateService" ADD CONSTRAINT "IncidentTemplateService_templateId_fkey" FOREIGN KEY ("templateId") REFERENCES "IncidentTemplate"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "IncidentTemplateService" ADD CONSTRAINT "IncidentTemplateService_serviceId_fkey" FOREIGN KEY ("serviceId") REFERENCES "Service"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AlertGroup" ADD CONSTRAINT "AlertGroup_incidentId_fkey" FOREIGN KEY ("incidentId") REFERENCES "Incident"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Alert" ADD CONSTRAINT "Alert_groupKey_fkey" FOREIGN KEY ("groupKey") REFERENCES "AlertGroup"("key") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Alert" ADD CONSTRAINT "Alert_serviceId_fkey" FOREIGN KEY ("serviceId") REFERENCES "Service"("id") ON DELETE SET NULL ON UPDATE CASCADE;

