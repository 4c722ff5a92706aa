-- AlterTable
ALTER TABLE "Notification" ADD COLUMN     "postmortemOfId" TEXT,
ALTER COLUMN "updateId" DROP NOT NULL;

-- CreateIndex
CREATE UNIQUE INDEX "Notification_postmortemOfId_key" ON "Notification"("postmortemOfId");

-- AddForeignKey
ALTER TABLE "Notification" ADD CONSTRAINT "Notification_postmortemOfId_fkey" FOREIGN KEY ("postmortemOfId") REFERENCES "Incident"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddCheckConstraint (by hand: Prisma has no CHECK): a notification tells one update or one postmortem.
ALTER TABLE "Notification" ADD CONSTRAINT "Notification_one_subject_check" CHECK (("updateId" IS NULL) <> ("postmortemOfId" IS NULL));

