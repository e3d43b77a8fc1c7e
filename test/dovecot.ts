import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile, chmod, mkdir } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { ImapFlow } from 'imapflow';
import { freePort } from '../src/db/embedded.ts';

/**
 * A real IMAP server for tests: Debian's dovecot-imapd on a free loopback port, with a
 * throw-away configuration and maildir in a temporary directory, one user with a password.
 */
export interface Dovecot {
  port: number;
  user: string;
  password: string;
  url(mailbox?: string): string;
  /** A client of its own, for putting mail in and looking at flags. */
  client(): Promise<ImapFlow>;
  append(raw: string | Buffer, mailbox?: string): Promise<void>;
  /** Flags of every message in a mailbox, by Message-ID. */
  flags(mailbox?: string): Promise<Map<string, string[]>>;
  stop(): Promise<void>;
}

const DOVECOT = '/usr/sbin/dovecot';

export async function startDovecot(opts: { idle?: boolean } = {}): Promise<Dovecot> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'lyhord-dovecot-'));
  // The mail processes run as nobody; the login process as dovenull.
  await chmod(dir, 0o755);
  await mkdir(path.join(dir, 'mail'), { mode: 0o777 });
  await chmod(path.join(dir, 'mail'), 0o777);
  const port = await freePort();
  const user = 'synpunkt';
  const password = 'hemligt-lösenord';
  const conf = `
base_dir = ${dir}/run
state_dir = ${dir}/state
log_path = ${dir}/dovecot.log
protocols = imap
listen = 127.0.0.1
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
mail_location = maildir:${dir}/mail/%u
mail_uid = nobody
mail_gid = nogroup
first_valid_uid = 1
passdb {
  driver = static
  args = password=${password}
}
userdb {
  driver = static
  args = uid=nobody gid=nogroup home=${dir}/mail/%u
}
service imap-login {
  inet_listener imap {
    address = 127.0.0.1
    port = ${port}
  }
  inet_listener imaps {
    port = 0
  }
}
protocol imap {
  ${opts.idle === false ? 'imap_capability = IMAP4rev1 LITERAL+ SASL-IR LOGIN-REFERRALS ID ENABLE SORT UIDPLUS MOVE' : ''}
}
`;
  const confPath = path.join(dir, 'dovecot.conf');
  await writeFile(confPath, conf);
  const proc: ChildProcess = spawn(DOVECOT, ['-F', '-c', confPath], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  proc.stderr!.on('data', (d) => (stderr += String(d)));
  await waitForPort(port, 10_000).catch(async (err) => {
    const log = await readFile(path.join(dir, 'dovecot.log'), 'utf8').catch(() => '');
    proc.kill('SIGKILL');
    throw new Error(`dovecot did not start: ${stderr}\n${log}`, { cause: err });
  });
  const connect = async () => {
    const c = new ImapFlow({ host: '127.0.0.1', port, secure: false, auth: { user, pass: password }, logger: false, disableAutoIdle: true });
    await c.connect();
    return c;
  };
  return {
    port,
    user,
    password,
    url: (mailbox = 'INBOX') => `imap://${user}:${encodeURIComponent(password)}@127.0.0.1:${port}/${mailbox}`,
    client: connect,
    async append(raw, mailbox = 'INBOX') {
      const c = await connect();
      try {
        await c.append(mailbox, raw);
      } finally {
        await c.logout();
      }
    },
    async flags(mailbox = 'INBOX') {
      const c = await connect();
      const out = new Map<string, string[]>();
      try {
        const box = await c.mailboxOpen(mailbox);
        if (box.exists === 0) return out;
        for await (const m of c.fetch('1:*', { envelope: true, flags: true })) out.set(m.envelope?.messageId ?? `#${m.seq}`, [...(m.flags ?? [])].sort());
      } finally {
        await c.logout();
      }
      return out;
    },
    async stop() {
      proc.kill('SIGTERM');
      await new Promise((r) => (proc.exitCode !== null ? r(null) : proc.once('exit', r)));
      await rm(dir, { recursive: true, force: true });
    },
  };
}

async function waitForPort(port: number, timeoutMs: number) {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const ok = await new Promise<boolean>((resolve) => {
      const s = net.connect(port, '127.0.0.1', () => {
        s.end();
        resolve(true);
      });
      s.on('error', () => resolve(false));
    });
    if (ok) return;
    if (Date.now() > until) throw new Error(`nothing listens on ${port}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
