import pino from 'pino';
import { createRequire } from 'node:module';
import type PinoPretty from 'pino-pretty';

/**
 * The process's logger: JSON lines for a log shipper or SIEM (or readable lines with
 * LOG_FORMAT=pretty). Residents' data must never reach a log, so besides logging no bodies,
 * query strings or contact details on purpose, every line passes three nets:
 *  - keys that hold personal data or secrets are censored wherever a caller puts them;
 *  - error texts and messages lose e-mail addresses, long digit runs (personnummer, phone
 *    numbers) and quoted input values, and stack traces keep only their frames;
 *  - strings are cut at MAX_STRING and a line never exceeds MAX_LINE bytes.
 */
export type LogFormat = 'json' | 'pretty';
export type Logger = pino.Logger;

export const MAX_STRING = 1000;
export const MAX_LINE = 8 * 1024;
const CENSOR = '[dolt]';

const SENSITIVE_KEYS = ['authorization', 'cookie', 'cookies', 'set-cookie', 'password', 'token', 'email', 'phone', 'address', 'contact', 'name', 'description', 'body', 'text', 'subject', 'recipient', 'query', 'payload'];
const REDACT_PATHS = [
  // "name" only below the top level: pino's own "name" field is the logger's.
  ...SENSITIVE_KEYS.flatMap((k) => (k.includes('-') ? [`["${k}"]`, `*["${k}"]`] : k === 'name' ? [`*.${k}`] : [k, `*.${k}`])),
  'req.headers.authorization',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
  'headers.authorization',
  'headers.cookie',
  'headers["x-api-key"]',
];

const EMAIL = /[\p{L}\p{N}._%+'-]+@[\p{L}\p{N}.-]+\.[\p{L}]{2,}/gu;
/**
 * Six or more digits, possibly with spaces, dashes or a plus in between, standing alone:
 * personnummer, phone and account numbers (not the digits inside a UUID or an identifier).
 */
const DIGIT_RUN = /(?<![\p{L}\p{N}_-])\+?\d[\d\s-]{4,}\d(?![\p{L}\p{N}_-])/gu;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
/** A quoted value after a colon is input echoed back ('invalid input syntax for type uuid: "…"'). */
const QUOTED_INPUT = /:\s*"[^"]*"/g;

/** An error text or message with what could be personal data taken out. */
export function scrubText(text: string): string {
  return text
    .replace(EMAIL, '[e-post]')
    .replace(QUOTED_INPUT, ': "[…]"')
    .replace(DIGIT_RUN, (m) => (m.replace(/\D/g, '').length >= 6 && !ISO_DATE.test(m) ? '[siffror]' : m))
    .slice(0, MAX_STRING);
}

/** An error for the log: its kind, code, scrubbed text and the frames of its stack. */
export function safeError(err: unknown, depth = 0): Record<string, unknown> {
  if (!err || typeof err !== 'object') return { message: scrubText(String(err)) };
  const e = err as { name?: string; code?: unknown; message?: unknown; stack?: unknown; statusCode?: unknown };
  const frames =
    typeof e.stack === 'string'
      ? e.stack
          .split('\n')
          .filter((l) => l.startsWith('    at '))
          .slice(0, 15)
          .map((l) => l.trim())
      : undefined;
  return {
    type: e.name ?? (err as object).constructor?.name,
    code: typeof e.code === 'string' || typeof e.code === 'number' ? e.code : undefined,
    statusCode: typeof e.statusCode === 'number' ? e.statusCode : undefined,
    message: typeof e.message === 'string' ? scrubText(e.message) : undefined,
    stack: frames,
    cause: depth < 2 && (err as { cause?: unknown }).cause !== undefined ? safeError((err as { cause?: unknown }).cause, depth + 1) : undefined,
  };
}

/** Cuts long strings, takes out e-mail addresses, and stops at a depth: nothing logged is unbounded. */
function bounded(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return (value.length > MAX_STRING ? `${value.slice(0, MAX_STRING)}…` : value).replace(EMAIL, '[e-post]');
  if (value === null || typeof value !== 'object') return value;
  // Errors go to their serializer (safeError) whole; Object.entries would see none of their fields.
  if (value instanceof Date || value instanceof Error) return value;
  if (depth >= 4) return '[…]';
  if (Array.isArray(value)) return value.slice(0, 20).map((v) => bounded(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value).slice(0, 30)) out[k] = bounded(v, depth + 1);
  return out;
}

/** The last net: a line too long for a log shipper becomes a short one that says so. */
function boundLine(line: string): string {
  const scrubbed = line.replace(EMAIL, '[e-post]');
  if (Buffer.byteLength(scrubbed) <= MAX_LINE) return scrubbed;
  let head: Record<string, unknown> = {};
  try {
    const { level, time, pid, hostname, reqId, msg } = JSON.parse(scrubbed) as Record<string, unknown>;
    head = { level, time, pid, hostname, reqId, msg: typeof msg === 'string' ? msg.slice(0, 200) : undefined };
  } catch {
    // Not JSON (cannot happen with pino's output); keep the bare notice.
  }
  return `${JSON.stringify({ ...head, truncated: Buffer.byteLength(scrubbed) })}\n`;
}

/**
 * Status tokens, receipt ids and invitation tokens (which let whoever holds one set a staff
 * member's password) in paths are secrets; the logged path has them replaced.
 */
export const redactUrl = (url: string) => url.replace(/\/(arende|kvitto|inbjudan)\/[^/?]+/g, '/$1/[token]');

/** A request as any log line shows it (Fastify's own lines pass `req`): method and path, nothing else. */
function safeRequest(req: { method?: string; url?: string }): Record<string, unknown> {
  return { method: req.method, path: typeof req.url === 'string' ? redactUrl(req.url.split('?')[0]!) : undefined };
}

export interface LoggerOptions {
  level: string;
  format?: LogFormat;
  /** Where lines go; standard output when absent. Tests pass a stream to read the log. */
  destination?: pino.DestinationStream;
}

/**
 * pino-pretty (with its colour and date libraries, some 1 MB of heap) is loaded only when
 * LOG_FORMAT=pretty asks for it; production logs JSON. It is CommonJS, so require() loads it
 * synchronously and createLogger stays synchronous.
 */
const prettyStream = () => createRequire(import.meta.url)('pino-pretty') as typeof PinoPretty;

export function createLogger(opts: LoggerOptions): Logger {
  const destination = opts.destination ?? pino.destination({ fd: 1, sync: true });
  // For a person at a terminal: one line per entry, a request as "GET /path → 200 (3.1 ms)".
  const stream =
    opts.format === 'pretty'
      ? prettyStream()({
          destination,
          colorize: process.stdout.isTTY === true && !opts.destination,
          translateTime: 'SYS:HH:MM:ss',
          ignore: 'pid,hostname,method,path,status,ms',
          singleLine: true,
          messageFormat: (log, key) => (log[key] === 'request' && log.method ? `${String(log.method)} ${String(log.path)} → ${String(log.status)} (${String(log.ms)} ms)` : String(log[key] ?? '')),
          sync: true,
        })
      : destination;
  return pino(
    {
      level: opts.level,
      redact: { paths: REDACT_PATHS, censor: CENSOR },
      serializers: { err: (e) => safeError(e), error: (e) => safeError(e), req: safeRequest, res: (r: { statusCode?: number }) => ({ statusCode: r.statusCode }) },
      formatters: { log: (obj) => bounded(obj) as Record<string, unknown> },
      hooks: {
        logMethod(args, method) {
          // The message string (the last string argument) is scrubbed like an error text.
          const i = args.findIndex((a, n) => typeof a === 'string' && n === args.length - 1);
          if (i >= 0) (args as unknown[])[i] = scrubText(args[i] as string);
          return method.apply(this, args);
        },
        streamWrite: boundLine,
      },
    },
    stream,
  );
}

export function logFormatFrom(value: string | undefined): LogFormat {
  if (!value || value === 'json') return 'json';
  if (value === 'pretty') return 'pretty';
  throw new Error(`LOG_FORMAT must be json or pretty, got "${value}"`);
}
