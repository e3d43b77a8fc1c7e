import { ImapFlow } from 'imapflow';
import type { InboundConfig } from '../../config.ts';
import { resolveRecipient, type Recipient } from './addresses.ts';
import { deliver, type InboundDeps } from './ingest.ts';
import { recordOversize } from './oversize.ts';
import { MAX_MESSAGE_BYTES } from './smtp.ts';
import { imapAuth } from './imapAuth.ts';

/** Set on each message once its case is committed (when no done-folder is configured). */
export const HANDLED_KEYWORD = '$Lyhord';

export interface ImapReader {
  describe: string;
  /** One pass over the mailbox now (also what IDLE and the poll timer call). */
  pass(): Promise<number>;
  stop(): Promise<void>;
}

/** Addresses a mail was delivered to, as the mailbox's server recorded them, then as written. */
const RECIPIENT_HEADERS = ['delivered-to', 'x-original-to', 'envelope-to', 'to', 'cc'];
const ADDRESS = /[^\s<>",;:()]+@[^\s<>",;:()]+/g;

function headerAddresses(raw: Buffer): string[] {
  let end = raw.indexOf('\r\n\r\n');
  if (end < 0) end = raw.indexOf('\n\n');
  const head = raw.subarray(0, end < 0 ? Math.min(raw.length, 65536) : end).toString('utf8').replace(/\r?\n[ \t]+/g, ' ');
  const found: string[] = [];
  for (const name of RECIPIENT_HEADERS) {
    for (const m of head.matchAll(new RegExp(`^${name}:(.*)$`, 'gim'))) found.push(...(m[1]!.match(ADDRESS) ?? []));
  }
  return [...new Set(found.map((a) => a.toLowerCase()))].slice(0, 200);
}

/**
 * Reads an IMAP mailbox: IDLE where the server has it (imapflow falls back to polling where it
 * has not), and a poll every IMAP_POLL_SECONDS as a safety net. Each message is fetched with
 * BODY.PEEK (so it stays unread), delivered, and only after its case is committed moved to the
 * done folder or flagged. A crash in between reads it again; its Message-ID makes that a no-op.
 * A database that cannot be reached leaves the message as it was for the next pass.
 */
export async function startImapReader(deps: InboundDeps, config: InboundConfig): Promise<ImapReader> {
  const url = new URL(config.imapUrl!);
  const mailbox = decodeURIComponent(url.pathname.replace(/^\//, '')) || 'INBOX';
  const secure = url.protocol === 'imaps:';
  const host = url.hostname;
  const port = Number(url.port || (secure ? 993 : 143));
  let client: ImapFlow | undefined;
  let stopped = false;
  let running: Promise<number> | undefined;
  let again = false;
  let retry: NodeJS.Timeout | undefined;

  async function connect(): Promise<ImapFlow> {
    if (client?.usable) return client;
    const c = new ImapFlow({ host, port, secure, auth: await imapAuth(url, config), logger: false, maxIdleTime: config.imapPollSeconds * 1000, autoIdleDelay: 1000 });
    c.on('error', (err: Error) => console.warn(`[e-post in] IMAP: ${err.message}`));
    c.on('exists', () => void trigger());
    c.on('close', () => {
      if (client === c) client = undefined;
      if (!stopped) retry ??= setTimeout(() => ((retry = undefined), void trigger()), 5000);
    });
    await c.connect();
    // The done folder is made on first use, so configuring it is enough.
    if (config.imapDoneFolder) await c.mailboxCreate(config.imapDoneFolder).catch(() => {});
    await c.mailboxOpen(mailbox);
    client = c;
    return c;
  }

  async function handled(c: ImapFlow, uid: number, flagOnly: boolean) {
    if (config.imapDoneFolder && !flagOnly) await c.messageMove(String(uid), config.imapDoneFolder, { uid: true });
    else await c.messageFlagsAdd(String(uid), ['\\Seen', HANDLED_KEYWORD], { uid: true });
  }

  /** Everything not yet handled: in the done-folder set-up all that is left in the mailbox; otherwise what lacks the keyword. */
  async function pending(c: ImapFlow): Promise<number[]> {
    const canKeyword = c.mailbox && (c.mailbox.permanentFlags?.has('\\*') ?? false);
    const query = config.imapDoneFolder ? { all: true } : canKeyword ? { unKeyword: HANDLED_KEYWORD } : { seen: false };
    const uids = await c.search(query, { uid: true });
    return (uids || []).sort((a, b) => a - b);
  }

  async function onePass(): Promise<number> {
    const c = await connect();
    let delivered = 0;
    for (const uid of await pending(c)) {
      if (stopped) break;
      const meta = await c.fetchOne(String(uid), { uid: true, size: true, envelope: true }, { uid: true });
      if (!meta) continue;
      if ((meta.size ?? 0) > MAX_MESSAGE_BYTES) {
        await recordOversize(deps, { uid, size: meta.size!, envelope: meta.envelope, source: 'imap' });
        await handled(c, uid, true);
        continue;
      }
      const msg = await c.fetchOne(String(uid), { uid: true, source: true }, { uid: true });
      if (!msg || !msg.source) continue;
      const recipients = (await Promise.all(headerAddresses(msg.source).map((a) => resolveRecipient(deps.db, a, deps.installation)))).filter((r): r is Recipient => r !== null);
      // The mailbox is the installation's: a mail to none of our addresses (Bcc, a list) still belongs to the default organization.
      if (recipients.length === 0) {
        const fallback = await resolveRecipient(deps.db, deps.installation.replyTo, deps.installation);
        if (fallback) recipients.push(fallback);
      }
      if (recipients.length === 0) continue;
      // Throws when the database is away: the message stays unhandled for the next pass.
      await deliver(deps, { raw: msg.source, envelopeFrom: null, recipients, source: 'imap' });
      await handled(c, uid, false);
      delivered++;
    }
    return delivered;
  }

  /** One pass at a time; a trigger during a pass runs one more after it. */
  function trigger(): Promise<number> {
    if (stopped) return Promise.resolve(0);
    if (running) {
      again = true;
      return running;
    }
    running = onePass()
      .catch((err: unknown) => {
        console.warn(`[e-post in] IMAP-hämtningen avbröts och görs om: ${(err as { code?: string }).code ?? (err as Error).message}`);
        return 0;
      })
      .finally(() => {
        running = undefined;
        if (again && !stopped) {
          again = false;
          void trigger();
        }
      });
    return running;
  }

  const timer = setInterval(() => void trigger(), config.imapPollSeconds * 1000);
  timer.unref();
  await trigger();
  return {
    describe: `${host}:${port}/${mailbox}`,
    pass: async () => {
      await running;
      return trigger();
    },
    async stop() {
      stopped = true;
      clearInterval(timer);
      if (retry) clearTimeout(retry);
      await running?.catch(() => {});
      await client?.logout().catch(() => {});
    },
  };
}
