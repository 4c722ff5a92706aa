-- CreateIndex
CREATE INDEX "Subscriber_mailClaim_idx" ON "Subscriber"("mailClaim");

