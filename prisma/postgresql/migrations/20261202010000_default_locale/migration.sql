-- AlterTable
ALTER TABLE "PageSettings" ADD COLUMN     "defaultLocale" TEXT NOT NULL DEFAULT 'en';

