-- AlterTable
ALTER TABLE "Incident" ADD COLUMN     "advice" TEXT,
ADD COLUMN     "adviceUpdatedAt" TIMESTAMP(3),
ADD COLUMN     "announceBeforeMinutes" INTEGER,
ADD COLUMN     "cancelledAt" TIMESTAMP(3),
ADD COLUMN     "postmortemBody" TEXT,
ADD COLUMN     "postmortemPublishedAt" TIMESTAMP(3),
ADD COLUMN     "postmortemUpdatedAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "WebhookEndpoint" ADD COLUMN     "addedByReader" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "confirmNonce" TEXT,
ADD COLUMN     "confirmedAt" TIMESTAMP(3),
ADD COLUMN     "format" TEXT NOT NULL DEFAULT 'herald',
ADD COLUMN     "manageNonce" TEXT;

