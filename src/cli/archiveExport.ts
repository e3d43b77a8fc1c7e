import type { Db } from '../db/database.ts';
import { DomainError } from '../platform/errors.ts';
import type { Actor } from '../modules/cases/policy.ts';
import { buildPackage } from '../modules/earchive/build.ts';
import { confirmReceipt } from '../modules/earchive/confirm.ts';
import { writePackage } from '../modules/earchive/write.ts';
import { CliError, findOrganization, required, type Output } from './common.ts';
import { countOf } from '../platform/i18n/countOf.ts';

export const ARCHIVE_EXPORT_USAGE = `archive-export --org <slug> --closed-year <åååå> --out <katalog>
      Skapar ett leveranspaket till e-arkivet (FGS 2.0 / E-ARK SIP) med de bevarade ärenden som
      avslutades året, i <katalog>/<paketets id>/, och markerar ärendena som levererade.

  archive-receipt --org <slug> --package <paketets id> --receipt "<arkivets referens>"
      Sparar arkivets kvittens på ett levererat paket. Först då kan paketets ärenden gallras.`;

export interface ArchiveExportInput {
  org: string;
  year: number;
  out: string;
}

export function archiveExportInput(values: Record<string, string | boolean | undefined>, now: Date): ArchiveExportInput {
  const org = required(values.org as string | undefined, 'org');
  const yearRaw = required(values['closed-year'] as string | undefined, 'closed-year');
  const out = required(values.out as string | undefined, 'out');
  const year = /^\d{4}$/.test(yearRaw) ? Number(yearRaw) : Number.NaN;
  if (!(year >= 1990 && year <= now.getUTCFullYear())) throw new CliError(`--closed-year ska vara ett år mellan 1990 och ${now.getUTCFullYear()}.`, '--closed-year must be a year.', 2);
  return { org, year, out };
}

/** The command line as the one who asked: named in the log, never a person's account. */
const cliActor = (organizationId: string, command: string): Actor => ({ kind: 'api_key', id: '00000000-0000-0000-0000-000000000000', name: `Kommandoraden (npm run cli -- ${command})`, organizationId, grants: [{ role: 'archivist', unitId: null }] });

export async function archiveExportCommand(db: Db, input: ArchiveExportInput, out: Output, now: () => Date): Promise<void> {
  const org = await findOrganization(db, input.org);
  const r = await buildPackage(db, cliActor(org.id, 'archive-export'), { id: org.id, name: org.name }, input.year, now());
  if (r.kind === 'empty') {
    const why = r.waiting.length
      ? `de bevarade ärendena i ${org.name} som avslutades ${input.year} finns redan i paket som väntar på arkivets kvittens (${r.waiting.join(', ')}); ett ärende levereras bara i ett paket.`
      : `inga bevarade ärenden i ${org.name} avslutades ${input.year}, eller så är alla redan levererade och kvitterade.`;
    out.result(`Inget att leverera: ${why}${r.held.length ? ` Med bevarandestopp: ${r.held.join(', ')}.` : ''}`);
    return;
  }
  const dir = await writePackage(input.out, r.id, r.files);
  if (r.held.length) out.info(`Levereras inte (bevarandestopp): ${r.held.join(', ')}`);
  out.result(`Leveranspaket ${r.id} med ${countOf(r.caseCount, 'ärende', 'ärenden')}: ${dir}`);
}

export interface ArchiveReceiptInput {
  org: string;
  packageId: string;
  receipt: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function archiveReceiptInput(values: Record<string, string | boolean | undefined>): ArchiveReceiptInput {
  const org = required(values.org as string | undefined, 'org');
  const packageId = required(values.package as string | undefined, 'package');
  const receipt = required(values.receipt as string | undefined, 'receipt');
  if (!UUID.test(packageId)) throw new CliError('--package ska vara paketets id (det står i METS.xml som OBJID och i paketets mappnamn).', '--package must be the package id.', 2);
  return { org, packageId, receipt };
}

export async function archiveReceiptCommand(db: Db, input: ArchiveReceiptInput, out: Output, now: () => Date): Promise<void> {
  const org = await findOrganization(db, input.org);
  try {
    await confirmReceipt(db, cliActor(org.id, 'archive-receipt'), org.id, input.packageId, input.receipt, now());
  } catch (err) {
    if (err instanceof DomainError) throw new CliError(`${err.message}${err.details?.receipt ? ` ${err.details.receipt}.` : ''}`, err.code);
    throw err;
  }
  out.result(`Kvittensen ${input.receipt.trim()} är sparad för paket ${input.packageId}. Paketets ärenden kan nu gallras.`);
}
