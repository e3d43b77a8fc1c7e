import nodemailer from 'nodemailer';
import type Mail from 'nodemailer/lib/mailer';
import { startSmtpReceiver, type InboundSmtp } from '../src/modules/mailin/smtp.ts';
import type { InboundDeps } from '../src/modules/mailin/ingest.ts';
import { installationSecret } from '../src/platform/secrets.ts';
import { startTestApp, type TestContext } from './app.ts';

/** The installation's addresses in mail tests: the demo organization answers at synpunkt@exempelkommun.se. */
export const INSTALLATION = { replyTo: 'synpunkt@exempelkommun.se', from: 'noreply@exempelkommun.se' };

export interface InboundTest extends TestContext {
  deps: InboundDeps;
  smtp: InboundSmtp;
  /** Sends through the receiver as a mail gateway would; resolves with the server's reply or rejects with its refusal. */
  send(mail: Mail.Options): Promise<{ response: string; accepted: string[]; rejected: string[] }>;
  /** The inbound rows, oldest first. */
  inbound(): Promise<{ id: string; outcome: string; case_id: string | null; warnings: string[]; subject: string | null; needs_attention: boolean }[]>;
}

/** An app on its own database with staff, and the SMTP receiver in front of it on a free loopback port. */
export async function startInboundTest(opts: { now?: string } = {}): Promise<InboundTest> {
  // The app (the admin page's refusals) and the receiver agree on the installation's addresses.
  const t = await startTestApp({ staff: true, now: opts.now, config: { mail: { smtpUrl: undefined, ...INSTALLATION, publicUrl: 'http://localhost:3000' } } });
  const deps: InboundDeps = { db: t.db, clock: t.clock, tokenSecret: await installationSecret(t.db, 'status-token'), installation: INSTALLATION };
  const smtp = await startSmtpReceiver(deps, { port: 0, host: '127.0.0.1' });
  const transport = nodemailer.createTransport({ host: '127.0.0.1', port: smtp.port, secure: false, ignoreTLS: true, pool: false });
  return {
    ...t,
    deps,
    smtp,
    async send(mail) {
      // A second between mails, so they arrive in order as they would.
      t.clock.advance(1000);
      const info = await transport.sendMail(mail);
      return { response: String(info.response), accepted: info.accepted.map(String), rejected: info.rejected.map(String) };
    },
    inbound: () =>
      t.db.selectFrom('inbound_messages').select(['id', 'outcome', 'case_id', 'warnings', 'subject', 'needs_attention']).orderBy('received_at').orderBy('id').execute(),
    async close() {
      transport.close();
      await smtp.close();
      await t.close();
    },
  };
}

/** A small valid JPEG (8×8, no metadata, so it is stored byte for byte) for attachments. */
export const JPEG_FILE = Buffer.from(
  '/9j/2wBDABALDA4MChAODQ4SERATGCgaGBYWGDEjJR0oOjM9PDkzODdASFxOQERXRTc4UG1RV19iZ2hnPk1xeXBkeFxlZ2P/2wBDARESEhgVGC8aGi9jQjhCY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2P/wAARCAAIAAgDASIAAhEBAxEB/8QAFQABAQAAAAAAAAAAAAAAAAAAAAX/xAAUEAEAAAAAAAAAAAAAAAAAAAAA/8QAFQEBAQAAAAAAAAAAAAAAAAAABQb/xAAUEQEAAAAAAAAAAAAAAAAAAAAA/9oADAMBAAIRAxEAPwCwAkCb/9k=',
  'base64',
);
