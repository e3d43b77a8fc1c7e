import type { PackageFile } from './premis.ts';
import { document, el, leaf } from './xml.ts';

/**
 * The METS files of an E-ARK SIP (CSIP 2.2, SIP 2.2; Riksarkivet's FGS Paketstruktur 2.0 is
 * this profile): the root METS.xml describing the package and pointing to the representation's
 * METS, and representations/rep1/METS.xml listing the data files. Every file carries its size,
 * creation time and SHA-256 checksum.
 */
export const SIP_PROFILE = 'https://earksip.dilcis.eu/profile/E-ARK-SIP-v2-2-0.xml';
const NS = {
  xmlns: 'http://www.loc.gov/METS/',
  'xmlns:xlink': 'http://www.w3.org/1999/xlink',
  'xmlns:csip': 'https://DILCIS.eu/XML/METS/CSIPExtensionMETS',
  'xmlns:sip': 'https://DILCIS.eu/XML/METS/SIPExtensionMETS',
  'xmlns:xsi': 'http://www.w3.org/2001/XMLSchema-instance',
};

export interface MetsContext {
  objid: string;
  label: string;
  createdAt: Date;
  software: string;
  version: string;
  org: string;
  archive: string | null;
}

export const xmlId = (path: string) => `ID-${path.replace(/[^A-Za-z0-9_.-]/g, '_')}`;

const created = (c: MetsContext) => c.createdAt.toISOString();

/** A file entry; hrefs are relative to the METS file that lists them. */
function fileEl(c: MetsContext, f: PackageFile, href: string) {
  return el(
    'file',
    { ID: xmlId(f.path), MIMETYPE: f.mimeType, SIZE: f.bytes.length, CREATED: created(c), CHECKSUM: f.sha256, CHECKSUMTYPE: 'SHA-256', 'sip:FILEFORMATNAME': f.formatName },
    el('FLocat', { LOCTYPE: 'URL', 'xlink:type': 'simple', 'xlink:href': href }),
  );
}

function header(c: MetsContext, root: boolean) {
  return el(
    'metsHdr',
    { CREATEDATE: created(c), RECORDSTATUS: root ? 'NEW' : null, 'csip:OAISPACKAGETYPE': 'SIP' },
    el('agent', { ROLE: 'CREATOR', TYPE: 'OTHER', OTHERTYPE: 'SOFTWARE' }, leaf('name', c.software), leaf('note', c.version, { 'csip:NOTETYPE': 'SOFTWARE VERSION' })),
    root ? el('agent', { ROLE: 'ARCHIVIST', TYPE: 'ORGANIZATION' }, leaf('name', c.org)) : null,
    root ? el('agent', { ROLE: 'CREATOR', TYPE: 'ORGANIZATION' }, leaf('name', c.org)) : null,
    root && c.archive ? el('agent', { ROLE: 'PRESERVATION', TYPE: 'ORGANIZATION' }, leaf('name', c.archive)) : null,
  );
}

const mdRef = (c: MetsContext, f: PackageFile, mdType: Record<string, string>) =>
  el('mdRef', { LOCTYPE: 'URL', 'xlink:type': 'simple', 'xlink:href': f.path, ...mdType, MIMETYPE: f.mimeType, SIZE: f.bytes.length, CREATED: created(c), CHECKSUM: f.sha256, CHECKSUMTYPE: 'SHA-256' });

const rootAttrs = (c: MetsContext, objid: string) => ({
  ...NS,
  OBJID: objid,
  LABEL: c.label,
  TYPE: 'OTHER',
  'csip:OTHERTYPE': 'Synpunkter',
  'csip:CONTENTINFORMATIONTYPE': 'citserms_v3_0',
  PROFILE: SIP_PROFILE,
});

export function representationMets(c: MetsContext, data: PackageFile[]): string {
  const rep = 'representations/rep1/';
  return document(
    el(
      'mets',
      rootAttrs(c, `${c.objid}-rep1`),
      header(c, false),
      el('fileSec', { ID: 'ID-rep1-fileSec' }, el('fileGrp', { ID: 'ID-rep1-data', USE: 'Data' }, data.map((f) => fileEl(c, f, f.path.slice(rep.length))))),
      el('structMap', { ID: 'ID-rep1-structMap', TYPE: 'PHYSICAL', LABEL: 'CSIP' }, el('div', { ID: 'ID-rep1-div', LABEL: 'rep1' }, el('div', { ID: 'ID-rep1-metadata', LABEL: 'Metadata' }), el('div', { ID: 'ID-rep1-data-div', LABEL: 'Data' }, el('fptr', { FILEID: 'ID-rep1-data' })))),
    ),
  );
}

export function rootMets(c: MetsContext, p: { descriptive: PackageFile; preservation: PackageFile; documentation: PackageFile[]; schemas: PackageFile[]; repMets: PackageFile }): string {
  return document(
    el(
      'mets',
      rootAttrs(c, c.objid),
      header(c, true),
      el('dmdSec', { ID: 'ID-dmd-erms', CREATED: created(c), STATUS: 'CURRENT' }, mdRef(c, p.descriptive, { MDTYPE: 'OTHER', OTHERMDTYPE: 'ERMS', MDTYPEVERSION: '3.0' })),
      el('amdSec', { ID: 'ID-amd' }, el('digiprovMD', { ID: 'ID-digiprov-premis', CREATED: created(c), STATUS: 'CURRENT' }, mdRef(c, p.preservation, { MDTYPE: 'PREMIS', MDTYPEVERSION: '3.0' }))),
      el(
        'fileSec',
        { ID: 'ID-fileSec' },
        el('fileGrp', { ID: 'ID-grp-documentation', USE: 'Documentation' }, p.documentation.map((f) => fileEl(c, f, f.path))),
        el('fileGrp', { ID: 'ID-grp-schemas', USE: 'Schemas' }, p.schemas.map((f) => fileEl(c, f, f.path))),
        el('fileGrp', { ID: 'ID-grp-rep1', USE: 'Representations/rep1', 'csip:CONTENTINFORMATIONTYPE': 'citserms_v3_0' }, fileEl(c, p.repMets, p.repMets.path)),
      ),
      el(
        'structMap',
        { ID: 'ID-structMap', TYPE: 'PHYSICAL', LABEL: 'CSIP' },
        el(
          'div',
          { ID: 'ID-div-root', LABEL: c.objid },
          el('div', { ID: 'ID-div-metadata', LABEL: 'Metadata', DMDID: 'ID-dmd-erms', ADMID: 'ID-digiprov-premis' }),
          el('div', { ID: 'ID-div-documentation', LABEL: 'Documentation' }, el('fptr', { FILEID: 'ID-grp-documentation' })),
          el('div', { ID: 'ID-div-schemas', LABEL: 'Schemas' }, el('fptr', { FILEID: 'ID-grp-schemas' })),
          el('div', { ID: 'ID-div-rep1', LABEL: 'Representations/rep1' }, el('mptr', { LOCTYPE: 'URL', 'xlink:type': 'simple', 'xlink:href': p.repMets.path }), el('fptr', { FILEID: 'ID-grp-rep1' })),
        ),
      ),
    ),
  );
}
