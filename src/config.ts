import path from 'node:path';

export interface Config {
  port: number;
  host: string;
  /** External PostgreSQL; when absent an embedded PostgreSQL runs in dataDir. */
  databaseUrl: string | undefined;
  dataDir: string;
  embeddedPgPort: number;
  /** Demo mode: embedded database, seeded with Exempelkommun, demo sign-in shown. */
  demo: boolean;
  /** Cookies get the Secure flag unless explicitly running plain HTTP locally. */
  secureCookies: boolean;
  logLevel: string;
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

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const databaseUrl = env.DATABASE_URL || undefined;
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new ConfigError('DATABASE_URL must start with postgres:// or postgresql://');
  }
  return {
    port: intFrom(env, 'PORT', 3000),
    host: env.HOST || '0.0.0.0',
    databaseUrl,
    dataDir: path.resolve(env.DATA_DIR || 'data'),
    embeddedPgPort: intFrom(env, 'EMBEDDED_PG_PORT', 54329),
    demo: !databaseUrl,
    secureCookies: env.SECURE_COOKIES ? env.SECURE_COOKIES !== 'false' : Boolean(databaseUrl),
    logLevel: env.LOG_LEVEL || 'info',
  };
}

export { ConfigError };
