import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

/**
 * Validation with xmllint (Debian libxml2-utils) against the schemas in ./schemas, offline: the
 * catalog resolves what the official schemas import. Used by the tests; not needed at run time.
 */
const run = promisify(execFile);
export const SCHEMA_DIR = fileURLToPath(new URL('./schemas/', import.meta.url));

export async function xmllint(file: string, schema: string): Promise<{ ok: boolean; output: string }> {
  try {
    const { stderr } = await run('xmllint', ['--noout', '--nonet', '--schema', `${SCHEMA_DIR}${schema}`, file], { env: { ...process.env, XML_CATALOG_FILES: `${SCHEMA_DIR}catalog.xml` } });
    return { ok: true, output: stderr };
  } catch (err) {
    return { ok: false, output: String((err as { stderr?: string }).stderr ?? err) };
  }
}
