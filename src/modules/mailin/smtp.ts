import type { AddressInfo } from 'node:net';
import { SMTPServer, type SMTPServerAddress, type SMTPServerSession } from 'smtp-server';
import { resolveRecipient, type Recipient } from './addresses.ts';
import { deliver, TemporaryRefusal, type InboundDeps } from './ingest.ts';
import { reportInbound } from './metrics.ts';

/** The largest message taken (RFC 1870 SIZE is advertised, and checked again while the data streams). */
export const MAX_MESSAGE_BYTES = 25 * 1024 * 1024;
/** RFC 5321 4.5.3.1.8: a server must take at least 100 recipients; more get "452 too many", and the sender sends them again. */
export const MAX_RECIPIENTS = 100;

const smtpError = (code: number, message: string) => Object.assign(new Error(message), { responseCode: code });

type Session = SMTPServerSession & { recipients?: Recipient[] };

export interface InboundSmtp {
  port: number;
  close(): Promise<void>;
}

/**
 * The SMTP receiver for installations whose mail gateway forwards to Lyhörd. A mail is answered
 * 250 only after everything it brought is committed; a database that cannot be reached gets
 * "451 try later", never an accepted and dropped mail. Recipients that are not ours are refused
 * (550) at RCPT, and messages over 25 MB (552) before and while they stream.
 */
export async function startSmtpReceiver(deps: InboundDeps, opts: { port: number; host: string }): Promise<InboundSmtp> {
  const server = new SMTPServer({
    name: 'lyhord',
    // RFC 5321 reply text is ASCII: a UTF-8 "ö" shows as "Ã¶" in the gateway's log.
    banner: 'Lyhord receives mail for feedback handling',
    size: MAX_MESSAGE_BYTES,
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    logger: false,
    socketTimeout: 60_000,
    onRcptTo(address: SMTPServerAddress, session: Session, callback: (err?: Error | null) => void) {
      const refuse = (code: number, reason: Parameters<typeof reportInbound>[0] & { kind: 'refused' }, message: string) => {
        reportInbound(reason);
        callback(smtpError(code, message));
      };
      if (session.envelope.rcptTo.length >= MAX_RECIPIENTS) {
        return refuse(452, { kind: 'refused', source: 'smtp', code: 452, reason: 'too_many_recipients' }, '4.5.3 Too many recipients, send the rest in another transaction');
      }
      resolveRecipient(deps.db, address.address, deps.installation).then(
        (r) => {
          if (!r) return refuse(550, { kind: 'refused', source: 'smtp', code: 550, reason: 'unknown_recipient' }, `5.1.1 <${address.address}>: no such recipient here`);
          session.recipients = [...(session.recipients ?? []), r];
          callback();
        },
        () => refuse(451, { kind: 'refused', source: 'smtp', code: 451, reason: 'database' }, '4.3.0 Temporary failure, please try again later'),
      );
    },
    onData(stream, session: Session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        if (stream.sizeExceeded) {
          reportInbound({ kind: 'refused', source: 'smtp', code: 552, reason: 'too_large' });
          return callback(smtpError(552, `5.3.4 Message too big: at most ${MAX_MESSAGE_BYTES} bytes`));
        }
        const envelopeFrom = session.envelope.mailFrom === false ? '' : session.envelope.mailFrom.address;
        deliver(deps, { raw: Buffer.concat(chunks), envelopeFrom, recipients: session.recipients ?? [], source: 'smtp' }).then(
          (results) => {
            session.recipients = [];
            callback(null, `Received (${results.map((r) => r.outcome).join(', ')})`);
          },
          (err: unknown) => {
            session.recipients = [];
            if (err instanceof TemporaryRefusal) {
              reportInbound({ kind: 'refused', source: 'smtp', code: 451, reason: 'sender_flood' });
              return callback(smtpError(451, '4.7.1 Too many messages from this sender, please try again later'));
            }
            // The database or something else failed before the commit: nothing was kept, so the sender must try again.
            reportInbound({ kind: 'refused', source: 'smtp', code: 451, reason: 'database' });
            // Only the error's code: its message may quote the mail's contents.
            console.error(`[e-post in] Ett meddelande kunde inte sparas och avvisades tillfälligt (451): ${(err as { code?: string }).code ?? (err as Error).name}`);
            callback(smtpError(451, '4.3.0 Temporary failure, please try again later'));
          },
        );
      });
    },
  });
  // A client that vanishes mid-session is its own problem, never the process's.
  server.on('error', (err) => console.warn(`[e-post in] SMTP: ${err.message}`));
  await new Promise<void>((resolve, reject) => {
    server.server.once('error', reject);
    server.listen(opts.port, opts.host, () => resolve());
  });
  return {
    port: (server.server.address() as AddressInfo).port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
