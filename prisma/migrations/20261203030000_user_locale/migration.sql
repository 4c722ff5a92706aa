-- The console's language per person (null: the page's default language).
ALTER TABLE "User" ADD COLUMN "locale" TEXT;
