import "server-only";
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import nodemailer from "nodemailer";
import type Mail from "nodemailer/lib/mailer";
import { env } from "@/lib/env";

// Mail goes out over SMTP (nodemailer, pooled connections) to SMTP_URL. Without
// SMTP_URL each message is written as an .eml file to MAIL_DIR, so nothing is
// silently dropped on a machine with no mail server.

export type MailMessage = Mail.Options;

export interface Mailer {
  /** Resolves once the server accepted the message; rejects with `permanent` set for 5xx answers. */
  send(message: MailMessage): Promise<void>;
  /** Where mail goes, for logs. */
  describe(): string;
  close(): void;
}

export class MailError extends Error {
  constructor(
    message: string,
    readonly permanent: boolean,
  ) {
    super(message);
    this.name = "MailError";
  }
}

function mailError(error: unknown): MailError {
  const failure = error as { responseCode?: number; response?: string; code?: string; message?: string };
  const code = failure.responseCode;
  // Servers often quote the recipient; what is stored is shown to editors, who must not see addresses.
  const reason = (failure.response ?? failure.message ?? String(error)).replace(/<?[^\s<>@]+@[^\s<>@]+>?/g, "<recipient>");
  return new MailError(code ? `${code} ${reason}`.slice(0, 500) : `${failure.code ?? "error"}: ${reason}`.slice(0, 500), code !== undefined && code >= 500);
}

export function smtpMailer(url: string, { maxConnections = 8 } = {}): Mailer {
  // A silent server must not hold a send (and the delivery's lease) for nodemailer's default 10 minutes.
  const options = `pool=true&maxConnections=${maxConnections}&maxMessages=Infinity&connectionTimeout=10000&greetingTimeout=10000&socketTimeout=30000`;
  const transport = nodemailer.createTransport(url + (url.includes("?") ? "&" : "?") + options);
  const where = new URL(url);
  return {
    async send(message) {
      try {
        await transport.sendMail(message);
      } catch (error) {
        throw mailError(error);
      }
    },
    describe: () => `SMTP ${where.hostname}:${where.port || (where.protocol === "smtps:" ? 465 : 587)}`,
    close: () => transport.close(),
  };
}

export function folderMailer(folder: string): Mailer {
  const transport = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: "unix" });
  const target = path.resolve(folder);
  let sequence = 0;
  return {
    async send(message) {
      const info = await transport.sendMail(message);
      await mkdir(target, { recursive: true });
      const name = `${new Date().toISOString().replace(/[:.]/g, "-")}-${process.pid}-${++sequence}.eml`;
      await writeFile(path.join(target, name), info.message as Buffer);
    },
    describe: () => `files in ${target}`,
    close: () => transport.close(),
  };
}

const globalForMail = globalThis as unknown as { heraldMailer?: Mailer };

/** The process-wide mailer, from SMTP_URL or MAIL_DIR. */
export function mailer(): Mailer {
  const { SMTP_URL, MAIL_DIR } = env();
  globalForMail.heraldMailer ??= SMTP_URL ? smtpMailer(SMTP_URL) : folderMailer(MAIL_DIR);
  return globalForMail.heraldMailer;
}
