-- AlterTable
ALTER TABLE "Subscriber" ADD COLUMN     "mailAttempts" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "mailClaim" TEXT,
ADD COLUMN     "mailDueAt" TIMESTAMP(3),
ADD COLUMN     "mailKind" TEXT;

-- CreateIndex
CREATE INDEX "Subscriber_mailDueAt_idx" ON "Subscriber"("mailDueAt");

