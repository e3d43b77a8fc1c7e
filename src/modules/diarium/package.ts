import { createHash } from 'node:crypto';
import type { Executor } from '../../db/database.ts';
import { caseDocuments } from '../earchive/caseDocuments.ts';
import { loadCaseFiles } from '../earchive/load.ts';
import type { PackageFile } from '../earchive/premis.ts';
import { zipPackage } from '../earchive/write.ts';

/**
 * The package a diarium imports, since the diarium products have no open API: one folder named
 * after the case number holding the case record as XML (the e-archive's lyhord-case.xsd) and as
 * PDF/A, mail as .eml, letters and calls as text, the attachments as they came (the same
 * documents a delivery to the e-archive holds: earchive/caseDocuments.ts), and SHA256SUMS for
 * `sha256sum -c`.
 */
export interface DiariumPackage {
  filename: string;
  zip: Buffer;
  /** SHA-256 of the zip, hex: recorded in the case's history and sent as Repr-Digest. */
  sha256: string;
  files: { path: string; sha256: string; size: number }[];
}

export async function buildDiariumPackage(db: Executor, caseId: string, orgName: string, now: Date): Promise<DiariumPackage> {
  const [c] = await loadCaseFiles(db, [caseId]);
  if (!c) throw new Error(`case ${caseId} not found`);
  const documents = await caseDocuments(c, orgName, now);
  const sums = documents.map((f) => `${f.sha256}  ${f.path}\n`).join('');
  const manifest: PackageFile = { path: 'SHA256SUMS', bytes: Buffer.from(sums), sha256: createHash('sha256').update(sums).digest('hex'), mimeType: 'text/plain', formatName: 'Plain text' };
  const files = [...documents, manifest];
  const zip = await zipPackage(c.number, files);
  return {
    filename: `${c.number}.zip`,
    zip,
    sha256: createHash('sha256').update(zip).digest('hex'),
    files: files.map((f) => ({ path: `${c.number}/${f.path}`, sha256: f.sha256, size: f.bytes.length })),
  };
}
