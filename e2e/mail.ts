import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { expect } from "@playwright/test";
import { simpleParser, type ParsedMail } from "mailparser";

// The e2e server has no SMTP_URL, so Herald writes each mail to MAIL_DIR as an .eml
// file (what a fresh install does); the specs read them as a mailbox.

export const MAIL_DIR = path.join(process.cwd(), ".herald", "e2e-mail");

export interface Mail {
  parsed: ParsedMail;
  raw: string;
  /** The header block with folded lines joined. */
  headers: string;
}

async function mailbox(): Promise<Mail[]> {
  let names: string[] = [];
  try {
    names = readdirSync(MAIL_DIR).filter((name) => name.endsWith(".eml")).sort();
  } catch {
    return [];
  }
  return Promise.all(
    names.map(async (name) => {
      const raw = readFileSync(path.join(MAIL_DIR, name), "utf8");
      return { raw, parsed: await simpleParser(raw), headers: raw.split(/\r?\n\r?\n/)[0].replace(/\r?\n[ \t]+/g, " ") };
    }),
  );
}

/** Every mail to `address` whose subject matches, waiting until there are `count`. */
export async function waitForMail(address: string, subject: RegExp, count = 1): Promise<Mail[]> {
  let found: Mail[] = [];
  await expect
    .poll(
      async () => {
        found = (await mailbox()).filter((mail) => mail.parsed.to && [mail.parsed.to].flat().some((to) => to.text === address) && subject.test(mail.parsed.subject ?? ""));
        return found.length;
      },
      { timeout: 15_000, message: `a mail to ${address} matching ${subject}` },
    )
    .toBeGreaterThanOrEqual(count);
  return found;
}

/** The first link in a mail's text that goes to `pathName`. */
export function linkTo(mail: Mail, pathName: string): string {
  const link = new RegExp(`https?://\\S+${pathName}\\?token=[\\w.-]+`).exec(mail.parsed.text ?? "")?.[0];
  expect(link, `a ${pathName} link in the mail`).toBeTruthy();
  return link!;
}
