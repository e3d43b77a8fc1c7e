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
  return lint(file, `${SCHEMA_DIR}${schema}`, `${SCHEMA_DIR}catalog.xml`);
}

/**
 * As an archive would check a package it received: against the schemas in the package's own
 * schemas/ folder, with no network and no catalog to resolve anything outside the package.
 */
export async function xmllintAsDelivered(file: string, schemaPath: string): Promise<{ ok: boolean; output: string }> {
  return lint(file, schemaPath, '');
}

async function lint(file: string, schemaPath: string, catalog: string): Promise<{ ok: boolean; output: string }> {
  try {
    const { stderr } = await run('xmllint', ['--noout', '--nonet', '--schema', schemaPath, file], { env: { ...process.env, XML_CATALOG_FILES: catalog } });
    return { ok: true, output: stderr };
  } catch (err) {
    return { ok: false, output: String((err as { stderr?: string }).stderr ?? err) };
  }
}
