-- AlterTable
ALTER TABLE "Incident" ADD COLUMN     "sourceLocale" TEXT NOT NULL DEFAULT 'en';

-- CreateTable
CREATE TABLE "ServiceGroupTranslation" (
    "groupId" TEXT NOT NULL,
    "locale" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',

    CONSTRAINT "ServiceGroupTranslation_pkey" PRIMARY KEY ("groupId","locale")
);

-- CreateTable
CREATE TABLE "ServiceTranslation" (
    "serviceId" TEXT NOT NULL,
    "locale" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',

    CONSTRAINT "ServiceTranslation_pkey" PRIMARY KEY ("serviceId","locale")
);

-- CreateTable
CREATE TABLE "IncidentTranslation" (
    "incidentId" TEXT NOT NULL,
    "locale" TEXT NOT NULL,
    "title" TEXT,
    "advice" TEXT,
    "postmortemBody" TEXT,
    "titleUpdatedAt" TIMESTAMP(3),
    "adviceUpdatedAt" TIMESTAMP(3),
    "postmortemUpdatedAt" TIMESTAMP(3),
    "revision" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "IncidentTranslation_pkey" PRIMARY KEY ("incidentId","locale")
);

-- CreateTable
CREATE TABLE "IncidentUpdateTranslation" (
    "updateId" TEXT NOT NULL,
    "locale" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "revision" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "IncidentUpdateTranslation_pkey" PRIMARY KEY ("updateId","locale")
);

-- CreateIndex
CREATE INDEX "IncidentUpdateTranslation_locale_updatedAt_idx" ON "IncidentUpdateTranslation"("locale", "updatedAt");

-- AddForeignKey
ALTER TABLE "ServiceGroupTranslation" ADD CONSTRAINT "ServiceGroupTranslation_groupId_fkey" FOREIGN KEY ("groupId") REFERENCES "ServiceGroup"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ServiceTranslation" ADD CONSTRAINT "ServiceTranslation_serviceId_fkey" FOREIGN KEY ("serviceId") REFERENCES "Service"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "IncidentTranslation" ADD CONSTRAINT "IncidentTranslation_incidentId_fkey" FOREIGN KEY ("incidentId") REFERENCES "Incident"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "IncidentUpdateTranslation" ADD CONSTRAINT "IncidentUpdateTranslation_updateId_fkey" FOREIGN KEY ("updateId") REFERENCES "IncidentUpdate"("id") ON DELETE CASCADE ON UPDATE CASCADE;

