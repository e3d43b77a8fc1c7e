import type { Transporter } from 'nodemailer';
import type SMTPTransport from 'nodemailer/lib/smtp-transport';
import type StreamTransport from 'nodemailer/lib/stream-transport';

/** A message ready to go out: addresses, headers and plain text. */
export interface OutgoingMail {
  from: { name: string; address: string };
  to: string;
  replyTo?: string;
  subject: string;
  text: string;
  /** RFC 5322 Message-ID, angle brackets included. */
  messageId: string;
  /** The Date header: given, not left to the composer, so the send can record what it said. */
  date: Date;
  /** The mail this one answers (modules/mailin), so it threads under it. */
  inReplyTo?: string;
  /** Threads every message of a case together in the recipient's mail program. */
  references?: string;
}

export interface MailTransport {
  /** 'smtp' delivers; 'outbox' keeps mail in the database for admins to read (the embedded default). */
  kind: 'smtp' | 'outbox';
  /** Resolves with the server's reply; rejects with a SendError. */
  send(mail: OutgoingMail): Promise<{ response: string }>;
  close(): void;
}

/** Why a message could not be sent, in words for the person reading the case. */
export class SendError extends Error {
  constructor(
    message: string,
    /** A refusal that will not change by trying again (5xx for the recipient or message). */
    readonly permanent: boolean,
  ) {
    super(message);
  }
}

function toNodemailer(m: OutgoingMail) {
  return {
    from: m.from,
    to: m.to,
    replyTo: m.replyTo,
    subject: m.subject,
    text: m.text,
    messageId: m.messageId,
    date: m.date,
    inReplyTo: m.inReplyTo,
    references: m.references,
    headers: { 'Auto-Submitted': 'auto-generated' },
  };
}

/**
 * The message as the transports build it (same options, same composer), for a copy of a mail
 * that was sent: the e-archive's and the diarium's .eml (modules/earchive/documents.ts).
 */
export async function composeMail(m: OutgoingMail): Promise<Buffer> {
  // Loaded when a copy is made (rarely), not in every process at start; see lazyTransporter.
  const MailComposer = (await import('nodemailer/lib/mail-composer')).default;
  return new MailComposer(toNodemailer(m)).compile().build();
}

/** SMTP via nodemailer. Timeouts are short so a hung server becomes a retry, not a stuck job. */
export function smtpTransport(url: string): MailTransport {
  const transporter = lazyTransporter<SMTPTransport.Options>({ url, connectionTimeout: 15_000, greetingTimeout: 15_000, socketTimeout: 30_000 });
  return {
    kind: 'smtp',
    async send(mail) {
      try {
        const info = await (await transporter.get()).sendMail(toNodemailer(mail));
        return { response: String(info.response ?? '') };
      } catch (err) {
        throw classifySmtpError(err);
      }
    },
    close: transporter.close,
  };
}

/** No SMTP server configured: the message is built (so it is known to be valid) and kept. */
export function outboxTransport(): MailTransport {
  const transporter = lazyTransporter<StreamTransport.Options>({ streamTransport: true, buffer: true, newline: 'unix' });
  return {
    kind: 'outbox',
    async send(mail) {
      await (await transporter.get()).sendMail(toNodemailer(mail));
      return { response: 'Sparat i den lokala utkorgen (ingen e-postserver är inställd).' };
    },
    close: transporter.close,
  };
}

/**
 * nodemailer (some 5 MB of heap) is loaded when the first mail is sent, not by every process
 * that starts the job runner: an app process may go a long time without sending any.
 */
function lazyTransporter<O>(options: O) {
  let made: Promise<Transporter> | undefined;
  let closed = false;
  return {
    get: () => (made ??= import('nodemailer').then((m) => m.default.createTransport(options as never) as Transporter)),
    close() {
      if (closed) return;
      closed = true;
      void made?.then((t) => t.close());
    },
  };
}

export function classifySmtpError(err: unknown): SendError {
  const e = err as { code?: string; responseCode?: number; response?: string; message?: string; command?: string };
  const reply = (e.response ?? e.message ?? String(err)).trim();
  if (e.code === 'EENVELOPE' && e.command === 'RCPT TO' && (e.responseCode ?? 0) >= 500) {
    return new SendError(`Mottagarens adress togs inte emot av e-postservern: ${reply}`, true);
  }
  if ((e.code === 'EENVELOPE' || e.code === 'EMESSAGE') && (e.responseCode ?? 0) >= 500) {
    return new SendError(`E-postservern vägrade ta emot meddelandet: ${reply}`, true);
  }
  if (e.code === 'ECONNECTION' || e.code === 'ESOCKET' || e.code === 'ETIMEDOUT' || e.code === 'EDNS') {
    return new SendError(`Kunde inte nå e-postservern (${e.code}): ${reply}. Försöker igen senare.`, false);
  }
  if (e.code === 'EAUTH') return new SendError(`E-postservern godtog inte inloggningen: ${reply}. Försöker igen senare.`, false);
  return new SendError(`Sändningen misslyckades${e.responseCode ? ` (${e.responseCode})` : ''}: ${reply}. Försöker igen senare.`, false);
}

/** synpunkt@kommun.se + SYN-2026-00042 → synpunkt+SYN-2026-00042@kommun.se, for threading replies. */
export function plusAddress(base: string, tag: string): string {
  const at = base.lastIndexOf('@');
  if (at < 1) return base;
  return `${base.slice(0, at)}+${tag}${base.slice(at)}`;
}

export const domainOf = (address: string) => address.slice(address.lastIndexOf('@') + 1) || 'localhost';
