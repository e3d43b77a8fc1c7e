import { isIP } from 'node:net';
import path from 'node:path';
import type { BackupSchedule } from './modules/backup/schedule.ts';
import { logFormatFrom, type LogFormat } from './platform/logging.ts';
import { networkPolicyOf, type NetworkPolicy } from './platform/internalNetwork.ts';

export interface Config {
  port: number;
  host: string;
  /** External PostgreSQL; when absent an embedded PostgreSQL runs in dataDir. */
  databaseUrl: string | undefined;
  dataDir: string;
  embeddedPgPort: number;
  /** Demo mode: embedded database, seeded with Exempelkommun, demo sign-in shown. */
  demo: boolean;
  /**
   * TRUST_PROXY: the reverse proxies (addresses, CIDR ranges or loopback/linklocal/uniquelocal)
   * whose X-Forwarded-For/-Proto are believed; undefined: none, the peer is the client.
   */
  trustProxy: string | undefined;
  /**
   * OIDC_ALLOW_PRIVATE_ISSUERS: "true", or the host names/addresses (comma-separated) of identity
   * providers that may be on this machine or an internal network; by default those are refused.
   */
  oidcIssuerNetwork: NetworkPolicy;
  /**
   * WEBHOOK_ALLOW_PRIVATE_TARGETS: the same for webhook receivers; by default a webhook to this
   * machine or an internal network is refused when saved and when delivered.
   */
  webhookNetwork: NetworkPolicy;
  /** Cookies get the Secure flag unless explicitly running plain HTTP locally. */
  secureCookies: boolean;
  logLevel: string;
  /** LOG_FORMAT: JSON lines (default) or readable lines for a terminal. */
  logFormat: LogFormat;
  /** METRICS_TOKEN: a bearer token that opens /metrics beyond loopback. */
  metricsToken: string | undefined;
  /** WORKER_PORT: where `npm run worker` answers /health/* and /metrics (off when absent). */
  workerPort: number | undefined;
  /** The daily backup (modules/backup/schedule.ts); undefined when off. */
  backup: BackupSchedule | undefined;
  /** Outgoing mail and background jobs (modules/notifications). */
  mail: MailConfig;
  /** Run the job worker inside the app process (default) or leave it to `npm run worker`. */
  runJobs: boolean;
  workerConcurrency: number;
  /** Mail in (modules/mailin): an SMTP receiver and/or an IMAP mailbox; both off by default. */
  inbound: InboundConfig;
  /** FORM_MIN_SECONDS: the least time between showing the citizen form and sending it (modules/spam); 0 turns the check off. */
  formMinSeconds: number;
  /**
   * FORM_LIMIT_PER_ADDRESS_MINUTE, FORM_LIMIT_PER_ADDRESS_HOUR, FORM_LIMIT_PER_ORGANIZATION_MINUTE:
   * the citizen form's rate limits (modules/spam/rateLimit.ts); 0 turns one off. An installation
   * where many residents share one address (a library, a citizen office) may raise them.
   */
  formRateLimits: { perAddressPerMinute: number; perAddressPerHour: number; perOrganizationPerMinute: number };
}

export interface InboundConfig {
  /** INBOUND_SMTP_PORT: the SMTP receiver listens here when set. */
  smtpPort: number | undefined;
  /** INBOUND_SMTP_HOST, 127.0.0.1 by default: the receiver is for the installation's own mail gateway. */
  smtpHost: string;
  /** IMAP_URL: imaps://user:password@host/INBOX (or imap:// for a server on the same machine). */
  imapUrl: string | undefined;
  /** IMAP_ACCESS_TOKEN: an OAuth2 access token instead of the password (Microsoft 365). */
  imapAccessToken: string | undefined;
  /** IMAP_OAUTH_TOKEN_URL + IMAP_OAUTH_CLIENT_ID + IMAP_OAUTH_CLIENT_SECRET (+ IMAP_OAUTH_SCOPE): fetch and renew tokens (client credentials). */
  imapOAuth: { tokenUrl: string; clientId: string; clientSecret: string; scope: string | undefined } | undefined;
  /** IMAP_DONE_FOLDER: move handled mail there; without it, handled mail is flagged (\Seen and $Lyhord). */
  imapDoneFolder: string | undefined;
  /** IMAP_POLL_SECONDS: how often to look when the server has no IDLE (and as a safety net when it has). */
  imapPollSeconds: number;
}

function inboundFrom(env: NodeJS.ProcessEnv): InboundConfig {
  const imapUrl = env.IMAP_URL || undefined;
  if (imapUrl && !/^imaps?:\/\/[^/]+/.test(imapUrl)) throw new ConfigError('IMAP_URL must look like imaps://user:password@host/INBOX');
  const oauth = env.IMAP_OAUTH_TOKEN_URL
    ? { tokenUrl: env.IMAP_OAUTH_TOKEN_URL, clientId: env.IMAP_OAUTH_CLIENT_ID ?? '', clientSecret: env.IMAP_OAUTH_CLIENT_SECRET ?? '', scope: env.IMAP_OAUTH_SCOPE || undefined }
    : undefined;
  if (oauth && (!oauth.clientId || !oauth.clientSecret)) throw new ConfigError('IMAP_OAUTH_TOKEN_URL needs IMAP_OAUTH_CLIENT_ID and IMAP_OAUTH_CLIENT_SECRET');
  const poll = intFrom(env, 'IMAP_POLL_SECONDS', 60);
  return {
    smtpPort: env.INBOUND_SMTP_PORT ? intFrom(env, 'INBOUND_SMTP_PORT', 0) : undefined,
    smtpHost: env.INBOUND_SMTP_HOST || '127.0.0.1',
    imapUrl,
    imapAccessToken: env.IMAP_ACCESS_TOKEN || undefined,
    imapOAuth: oauth,
    imapDoneFolder: env.IMAP_DONE_FOLDER || undefined,
    imapPollSeconds: Math.max(5, poll),
  };
}

export interface MailConfig {
  /** smtp:// or smtps:// URL; absent: mail is kept in the local outbox (/admin/utkorg). */
  smtpUrl: string | undefined;
  /** Sender address; the organization's name is the display name. */
  from: string;
  /** Base address for replies; each message gets synpunkt+<case number>@… so replies thread. */
  replyTo: string;
  /** Where links in messages point when the organization has no host name of its own. */
  publicUrl: string;
}

const EMAIL = /^[^\s@<>]+@[^\s@<>]+$/;

/**
 * Links in e-mail must reach the installation people use; without PUBLIC_URL they would point at
 * http://localhost, so a production start (an external database, or NODE_ENV=production as the
 * Containerfile and systemd units set) without it is refused. The demo keeps the localhost default.
 */
function publicUrlFrom(env: NodeJS.ProcessEnv, port: number, required: boolean): string {
  const production = env.DATABASE_URL ? 'DATABASE_URL is set' : env.NODE_ENV === 'production' ? 'NODE_ENV=production' : undefined;
  if (!env.PUBLIC_URL && production && required) {
    throw new ConfigError(
      `PUBLIC_URL must be set in production (${production}): the address people use, e.g. https://synpunkter.kommun.se. Links in e-mail, receipts and feeds start with it.`,
    );
  }
  const publicUrl = (env.PUBLIC_URL || `http://localhost:${port}`).replace(/\/+$/, '');
  if (!/^https?:\/\//.test(publicUrl)) throw new ConfigError('PUBLIC_URL must start with http:// or https://');
  return publicUrl;
}

function mailFrom(env: NodeJS.ProcessEnv, port: number, buildsLinks: boolean): MailConfig {
  const smtpUrl = env.SMTP_URL || undefined;
  if (smtpUrl && !/^smtps?:\/\//.test(smtpUrl)) throw new ConfigError('SMTP_URL must start with smtp:// or smtps://');
  const from = env.MAIL_FROM || 'synpunkter@localhost';
  if (!EMAIL.test(from)) throw new ConfigError(`MAIL_FROM must be an e-mail address, got "${from}"`);
  const replyTo = env.MAIL_REPLY_TO || from;
  if (!EMAIL.test(replyTo)) throw new ConfigError(`MAIL_REPLY_TO must be an e-mail address, got "${replyTo}"`);
  return { smtpUrl, from, replyTo, publicUrl: publicUrlFrom(env, port, buildsLinks) };
}

class ConfigError extends Error {}

function intFrom(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0 || n > 65535) {
    throw new ConfigError(`${name} must be a port number (0–65535), got "${raw}"`);
  }
  return n;
}

/** A limit: a whole number, 0 for none (Infinity, which the limiter skips). */
function limitFrom(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0) throw new ConfigError(`${name} must be a whole number (0: no limit), got "${raw}"`);
  return n === 0 ? Infinity : n;
}

function logFormatOf(value: string | undefined): LogFormat {
  try {
    return logFormatFrom(value);
  } catch (err) {
    throw new ConfigError((err as Error).message);
  }
}

const PROXY_RANGES = new Set(['loopback', 'linklocal', 'uniquelocal']);

/**
 * Trusting every peer's X-Forwarded-For would let anyone choose the address the rate limits and
 * lockouts count by, so only named proxies are trusted: "true" or "*" is refused.
 */
export function trustProxyOf(value: string | undefined): string | undefined {
  if (!value?.trim()) return undefined;
  const entries = value.split(',').map((e) => e.trim()).filter(Boolean);
  for (const e of entries) {
    const [address, bits, extra] = e.split('/');
    const ok = PROXY_RANGES.has(e) || (extra === undefined && isIP(address!) !== 0 && (bits === undefined || /^\d{1,3}$/.test(bits)));
    if (!ok) throw new ConfigError(`TRUST_PROXY must list the proxies' addresses (e.g. 127.0.0.1,10.0.0.0/8 or loopback), got "${e}"`);
  }
  return entries.join(',');
}

function metricsTokenOf(value: string | undefined): string | undefined {
  if (!value) return undefined;
  // A guessable token would open the metrics to anyone who can reach the port.
  if (value.length < 16) throw new ConfigError('METRICS_TOKEN must be at least 16 characters');
  return value;
}

/** `buildsLinks: false` for the command-line tool: it sends no mail, so it runs without PUBLIC_URL. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, { buildsLinks = true }: { buildsLinks?: boolean } = {}): Config {
  const databaseUrl = env.DATABASE_URL || undefined;
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new ConfigError('DATABASE_URL must start with postgres:// or postgresql://');
  }
  const port = intFrom(env, 'PORT', 3000);
  const concurrency = intFrom(env, 'WORKER_CONCURRENCY', 5);
  return {
    port,
    host: env.HOST || '0.0.0.0',
    databaseUrl,
    dataDir: path.resolve(env.DATA_DIR || 'data'),
    embeddedPgPort: intFrom(env, 'EMBEDDED_PG_PORT', 54329),
    demo: !databaseUrl,
    trustProxy: trustProxyOf(env.TRUST_PROXY),
    oidcIssuerNetwork: networkPolicyOf(env.OIDC_ALLOW_PRIVATE_ISSUERS),
    webhookNetwork: networkPolicyOf(env.WEBHOOK_ALLOW_PRIVATE_TARGETS),
    secureCookies: env.SECURE_COOKIES ? env.SECURE_COOKIES !== 'false' : Boolean(databaseUrl),
    logLevel: env.LOG_LEVEL || 'info',
    logFormat: logFormatOf(env.LOG_FORMAT),
    metricsToken: metricsTokenOf(env.METRICS_TOKEN),
    workerPort: env.WORKER_PORT ? intFrom(env, 'WORKER_PORT', 0) : undefined,
    mail: mailFrom(env, port, buildsLinks),
    runJobs: env.RUN_JOBS !== 'false',
    workerConcurrency: Math.max(1, concurrency),
    inbound: inboundFrom(env),
    backup: backupFrom(env, path.resolve(env.DATA_DIR || 'data'), Boolean(databaseUrl)),
    formMinSeconds: intFrom(env, 'FORM_MIN_SECONDS', 3),
    formRateLimits: {
      perAddressPerMinute: limitFrom(env, 'FORM_LIMIT_PER_ADDRESS_MINUTE', 10),
      perAddressPerHour: limitFrom(env, 'FORM_LIMIT_PER_ADDRESS_HOUR', 60),
      perOrganizationPerMinute: limitFrom(env, 'FORM_LIMIT_PER_ORGANIZATION_MINUTE', 120),
    },
  };
}

/**
 * Daily backups are on by default for the embedded database (keep 7, from 02:00, in
 * <DATA_DIR>-backups beside the data directory); with DATABASE_URL only when BACKUP_KEEP is set
 * (such installations usually have the database team's backups: see README).
 */
function backupFrom(env: NodeJS.ProcessEnv, dataDir: string, external: boolean): BackupSchedule | undefined {
  const raw = env.BACKUP_KEEP;
  const keep = raw === undefined || raw === '' ? (external ? 0 : 7) : Number(raw);
  if (!Number.isInteger(keep) || keep < 0 || keep > 1000) throw new ConfigError(`BACKUP_KEEP must be a whole number 0–1000 (0: no scheduled backups), got "${raw}"`);
  if (keep === 0) return undefined;
  const hour = env.BACKUP_HOUR ? Number(env.BACKUP_HOUR) : 2;
  if (!Number.isInteger(hour) || hour < 0 || hour > 23) throw new ConfigError(`BACKUP_HOUR must be an hour 0–23, got "${env.BACKUP_HOUR}"`);
  return { dir: path.resolve(env.BACKUP_DIR || `${dataDir}-backups`), keep, hour };
}

export { ConfigError };
