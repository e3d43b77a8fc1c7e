import type { Config } from '../../config.ts';
import type { Db } from '../../db/database.ts';
import type { Clock } from '../../platform/clock.ts';
import { installationSecret } from '../../platform/secrets.ts';
import type { InboundDeps } from './ingest.ts';

export interface RunningInbound {
  describe: string[];
  stop(): Promise<void>;
}

export async function inboundDeps(db: Db, clock: Clock, mail: Config['mail']): Promise<InboundDeps> {
  return { db, clock, tokenSecret: await installationSecret(db, 'status-token'), installation: { replyTo: mail.replyTo, from: mail.from }, publicUrl: mail.publicUrl };
}

/** Starts the ways mail comes in that the configuration asks for: the SMTP receiver, the IMAP mailbox, both or none. */
export async function startInbound(config: Pick<Config, 'inbound' | 'mail'>, db: Db, clock: Clock): Promise<RunningInbound> {
  const deps = await inboundDeps(db, clock, config.mail);
  const stops: (() => Promise<void>)[] = [];
  const describe: string[] = [];
  if (config.inbound.smtpPort !== undefined) {
    // Like the IMAP reader, loaded only when configured (smtp-server is not small).
    const { startSmtpReceiver } = await import('./smtp.ts');
    const smtp = await startSmtpReceiver(deps, { port: config.inbound.smtpPort, host: config.inbound.smtpHost });
    stops.push(smtp.close);
    describe.push(`E-post tas emot med SMTP på ${config.inbound.smtpHost}:${smtp.port}.`);
  }
  if (config.inbound.imapUrl) {
    const { startImapReader } = await import('./imap.ts');
    const imap = await startImapReader(deps, config.inbound);
    stops.push(imap.stop);
    describe.push(`E-post hämtas med IMAP från ${imap.describe}.`);
  }
  return {
    describe,
    async stop() {
      for (const stop of stops) await stop().catch(() => {});
    },
  };
}
