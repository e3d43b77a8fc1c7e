import { existsSync, readFileSync } from 'node:fs';
import type { Db } from '../../db/database.ts';
import { swedishDate } from '../../platform/clock.ts';
import { DomainError, notFound } from '../../platform/errors.ts';
import { sv } from '../../platform/i18n/catalogue.ts';
import { logAdminChange } from '../admin/log.ts';
import type { Actor } from '../cases/policy.ts';
import { logActor } from '../retention/policy.ts';
import { caseDocuments, packageFile } from './caseDocuments.ts';
import { ermsXml } from './erms.ts';
import { keptCasesClosedIn, loadCaseFiles, unconfirmedPackagesOf } from './load.ts';
import { representationMets, rootMets, type MetsContext } from './mets.ts';
import { premisXml, type PackageFile } from './premis.ts';
import { countOf } from '../../platform/i18n/countOf.ts';

/**
 * Builds a delivery to the e-archive (FGS 2.0 = E-ARK SIP) of the kept cases closed in a year that
 * are in no package yet, records it and marks the cases delivered, in one transaction. Returns the package's files (path
 * from the package root → content); the CLI writes them to a folder, the admin page zips them.
 */
export const SCHEMA_FILES = ['mets.xsd', 'xlink.xsd', 'DILCISExtensionMETS.xsd', 'DILCISExtensionSIPMETS.xsd', 'premis-v3-0.xsd', 'ERMS_v3.xsd', 'lyhord-case.xsd'];
const SOFTWARE = 'Lyhörd';
// From src/modules/earchive/ under tsx, from dist/src/modules/earchive/ when compiled.
const VERSION = ['../../../package.json', '../../../../package.json'].map((p) => new URL(p, import.meta.url)).filter((u) => existsSync(u)).map((u) => (JSON.parse(readFileSync(u, 'utf8')) as { version?: string }).version).find(Boolean) ?? 'okänd version';

export type BuildResult =
  | { kind: 'empty'; held: string[]; waiting: string[] }
  | { kind: 'built'; id: string; caseCount: number; held: string[]; files: PackageFile[] };

const file = packageFile;

interface Assembled {
  files: PackageFile[];
  rootSha256: string;
  caseCount: number;
}

/** The package's files for the given cases, as of `createdAt`: the same id and day give the same package again. */
async function assemble(db: Db, org: { id: string; name: string }, year: number, id: string, caseIds: string[], held: string[], createdAt: Date): Promise<Assembled> {
  const settings = await db.selectFrom('retention_settings').select('archive_name').where('organization_id', '=', org.id).executeTakeFirst();
  const ctx: MetsContext = { objid: id, label: `Synpunkter avslutade ${year}, ${org.name}`, createdAt, software: SOFTWARE, version: VERSION, org: org.name, archive: settings?.archive_name ?? null };
  const cases = await loadCaseFiles(db, caseIds);
  const data: PackageFile[] = [];
  const documents = new Map<string, { path: string; title: string }[]>();
  for (const c of cases) {
    const docs = await caseDocuments(c, org.name, createdAt, `representations/rep1/data/${c.number}/`);
    data.push(...docs);
    documents.set(c.id, docs.map((d) => ({ path: d.path, title: d.title })));
  }
  const repMets = file('representations/rep1/METS.xml', Buffer.from(representationMets(ctx, data)), 'application/xml');
  const preservation = file('metadata/preservation/premis.xml', Buffer.from(premisXml({ packageId: id, createdAt, org: org.name, software: SOFTWARE, version: VERSION, files: [...data, repMets] })), 'application/xml');
  const descriptive = file('metadata/descriptive/erms.xml', Buffer.from(ermsXml({ org: org.name, year, createdAt, software: SOFTWARE, cases, documents })), 'application/xml');
  const readme = file('documentation/LASMIG.txt', Buffer.from(readmeText(ctx, year, cases.length, cases.filter((c) => c.confidential).length, held)), 'text/plain');
  const schemas = SCHEMA_FILES.map((name) => file(`schemas/${name}`, readFileSync(new URL(`./schemas/${name}`, import.meta.url)), 'application/xml'));
  const root = file('METS.xml', Buffer.from(rootMets(ctx, { descriptive, preservation, documentation: [readme], schemas, repMets })), 'application/xml');
  return { files: [root, descriptive, preservation, readme, ...schemas, repMets, ...data], rootSha256: root.sha256, caseCount: cases.length };
}

export async function buildPackage(db: Db, actor: Actor, org: { id: string; name: string }, year: number, now: Date): Promise<BuildResult> {
  const { deliver, held } = await keptCasesClosedIn(db, org.id, year);
  if (deliver.length === 0) return { kind: 'empty', held, waiting: await unconfirmedPackagesOf(db, org.id, year) };
  const id = crypto.randomUUID();
  const p = await assemble(db, org, year, id, deliver, held, now);

  await db.transaction().execute(async (tx) => {
    await tx.insertInto('archive_packages').values({ id, organization_id: org.id, closed_year: year, case_count: p.caseCount, mets_sha256: p.rootSha256, created_by: actor.kind === 'user' ? actor.id : null, created_by_label: actor.name, created_at: now }).execute();
    await tx.insertInto('archive_package_cases').values(deliver.map((caseId) => ({ package_id: id, case_id: caseId }))).execute();
    // A case is in one package only (load.ts): never take a case over from the package it is in.
    await tx.updateTable('cases').set({ delivered_package_id: id, delivered_at: now }).where('id', 'in', deliver).where('delivered_package_id', 'is', null).execute();
    await logAdminChange(tx, { organizationId: org.id, actor: logActor(actor), action: 'create', entityType: 'archive_package', entityId: id, summary: `Leveranspaket till e-arkivet: ${countOf(p.caseCount, 'bevarat ärende avslutat', 'bevarade ärenden avslutade')} ${year}`, now });
  });
  return { kind: 'built', id, caseCount: p.caseCount, held, files: p.files };
}

/**
 * The same package again, for a download that was lost: its own id, date and cases, so the
 * archive's receipt for it still frees exactly those cases. Only while the archive has not
 * confirmed it; after the receipt the cases may already be disposed of in Lyhörd.
 */
export async function rebuildPackage(db: Db, actor: Actor, org: { id: string; name: string }, packageId: string, now: Date): Promise<{ id: string; files: PackageFile[] }> {
  const pkg = await db.selectFrom('archive_packages').select(['id', 'closed_year', 'created_at', 'confirmed_at']).where('id', '=', packageId).where('organization_id', '=', org.id).executeTakeFirst();
  if (!pkg) throw notFound('Paketet');
  if (pkg.confirmed_at) throw new DomainError('conflict', sv('earchive.download.confirmed'));
  const caseIds = (await db.selectFrom('archive_package_cases').select('case_id').where('package_id', '=', pkg.id).execute()).map((r) => r.case_id);
  const { held } = await keptCasesClosedIn(db, org.id, pkg.closed_year);
  const p = await assemble(db, org, pkg.closed_year, pkg.id, caseIds, held, pkg.created_at);
  await db.transaction().execute(async (tx) => {
    await tx.updateTable('archive_packages').set({ mets_sha256: p.rootSha256 }).where('id', '=', pkg.id).execute();
    await logAdminChange(tx, { organizationId: org.id, actor: logActor(actor), action: 'download', entityType: 'archive_package', entityId: pkg.id, summary: `Leveranspaketet ${pkg.id} (avslutade ${pkg.closed_year}) laddades ner igen`, now });
  });
  return { id: pkg.id, files: p.files };
}

function readmeText(c: MetsContext, year: number, count: number, confidential: number, held: string[]): string {
  return [
    `Leveranspaket ${c.objid}`,
    `${c.label}. Skapat ${swedishDate(c.createdAt)} av ${c.software} ${c.version}.`,
    '',
    `Paketet följer E-ARK SIP 2.2 (CSIP 2.2), som Riksarkivets FGS Paketstruktur 2.0 bygger på.`,
    `METS.xml beskriver paketet; metadata/descriptive/erms.xml beskriver ärendena enligt E-ARK CITS ERMS 3.0;`,
    `metadata/preservation/premis.xml har kontrollsummor (SHA-256) och format för varje fil (PREMIS 3.0).`,
    `Varje ärende finns i representations/rep1/data/<ärendenummer>/: arende.xml, arende.pdf (PDF/A-2b),`,
    `meddelanden och inkommande e-post som .eml och bilagor i sitt ursprungliga format.`,
    '',
    `${countOf(count, 'ärende', 'ärenden')}. ${confidential === 0 ? 'Inga ärenden är sekretessmarkerade.' : `${countOf(confidential, 'ärende är sekretessmarkerat', 'ärenden är sekretessmarkerade')} (se <sekretess> i arende.xml och restriction i erms.xml): pröva sekretessen innan något lämnas ut.`}`,
    held.length ? `Med bevarandestopp och därför inte levererade: ${held.join(', ')}.` : 'Inga ärenden hölls kvar för bevarandestopp.',
    '',
  ].join('\n');
}
