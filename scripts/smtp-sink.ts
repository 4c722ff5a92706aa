// A real SMTP server on a local socket for tests and the benchmark: it accepts
// every message (or refuses the addresses it is told to) and keeps what arrived.
import { SMTPServer } from "smtp-server";

export interface SinkMessage {
  to: string;
  messageId: string;
  raw: string;
}

export interface SmtpSink {
  url: string;
  port: number;
  messages: SinkMessage[];
  /** Answers 450 (try later) to these recipients, or 550 (never) for permanent ones. */
  refuse: Map<string, 450 | 550>;
  waitFor(count: number, timeoutMs?: number): Promise<SinkMessage[]>;
  close(): Promise<void>;
}

export async function startSmtpSink({ keepRaw = true } = {}): Promise<SmtpSink> {
  const messages: SinkMessage[] = [];
  const refuse = new Map<string, 450 | 550>();
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    size: 1024 * 1024,
    onRcptTo(address, _session, callback) {
      const code = refuse.get(address.address.toLowerCase());
      if (!code) return callback();
      const error = Object.assign(new Error(code === 450 ? "Mailbox busy, try later" : `No such user here: <${address.address}>`), { responseCode: code });
      callback(error);
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () => {
        const raw = Buffer.concat(chunks).toString("utf8");
        const messageId = /^Message-ID:\s*(<[^>]+>)/im.exec(raw)?.[1] ?? "";
        for (const recipient of session.envelope.rcptTo) messages.push({ to: recipient.address.toLowerCase(), messageId, raw: keepRaw ? raw : "" });
        callback();
      });
    },
  });
  // A client killed mid-session (the crash tests do that) resets its connection: not our error.
  server.on("error", () => {});
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.server.address() as { port: number }).port;
  return {
    url: `smtp://127.0.0.1:${port}`,
    port,
    messages,
    refuse,
    async waitFor(count, timeoutMs = 20_000) {
      const deadline = Date.now() + timeoutMs;
      while (messages.length < count) {
        if (Date.now() > deadline) throw new Error(`expected ${count} messages, got ${messages.length}`);
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
      return messages;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
