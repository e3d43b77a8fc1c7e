import { document, el, leaf } from './xml.ts';

/** One file of the package as PREMIS sees it. */
export interface PackageFile {
  /** Path from the package root. */
  path: string;
  bytes: Buffer;
  sha256: string;
  mimeType: string;
  /** PDF/A, XML, message/rfc822 … as a format name. */
  formatName: string;
}

export const PREMIS_NS = 'http://www.loc.gov/premis/v3';

/**
 * Preservation metadata (PREMIS 3.0): every data file with its size, SHA-256 fixity and format,
 * the event that made the package, and the agents (the software and the organization).
 */
export function premisXml(p: { packageId: string; createdAt: Date; org: string; software: string; version: string; files: PackageFile[] }): string {
  const agentSoftware = el('linkingAgentIdentifier', {}, leaf('linkingAgentIdentifierType', 'local'), leaf('linkingAgentIdentifierValue', 'lyhord'), leaf('linkingAgentRole', 'executing program'));
  const agentOrg = el('linkingAgentIdentifier', {}, leaf('linkingAgentIdentifierType', 'local'), leaf('linkingAgentIdentifierValue', 'organisation'), leaf('linkingAgentRole', 'authorizer'));
  return document(
    el(
      'premis',
      { xmlns: PREMIS_NS, 'xmlns:xsi': 'http://www.w3.org/2001/XMLSchema-instance', version: '3.0' },
      p.files.map((f) =>
        el(
          'object',
          { 'xsi:type': 'file' },
          el('objectIdentifier', {}, leaf('objectIdentifierType', 'local'), leaf('objectIdentifierValue', f.path)),
          el(
            'objectCharacteristics',
            {},
            leaf('compositionLevel', 0),
            el('fixity', {}, leaf('messageDigestAlgorithm', 'SHA-256'), leaf('messageDigest', f.sha256), leaf('messageDigestOriginator', p.software)),
            leaf('size', f.bytes.length),
            el('format', {}, el('formatDesignation', {}, leaf('formatName', f.formatName), leaf('formatVersion', f.mimeType))),
          ),
          el('originalName', {}, f.path.split('/').pop()!),
        ),
      ),
      el(
        'event',
        {},
        el('eventIdentifier', {}, leaf('eventIdentifierType', 'local'), leaf('eventIdentifierValue', `${p.packageId}-skapat`)),
        leaf('eventType', 'creation'),
        leaf('eventDateTime', p.createdAt.toISOString()),
        el('eventDetailInformation', {}, leaf('eventDetail', 'Leveranspaket skapat och kontrollsummor (SHA-256) beräknade för varje fil.')),
        agentSoftware,
        agentOrg,
      ),
      el('agent', {}, el('agentIdentifier', {}, leaf('agentIdentifierType', 'local'), leaf('agentIdentifierValue', 'lyhord')), leaf('agentName', p.software), leaf('agentType', 'software'), leaf('agentVersion', p.version)),
      el('agent', {}, el('agentIdentifier', {}, leaf('agentIdentifierType', 'local'), leaf('agentIdentifierValue', 'organisation')), leaf('agentName', p.org), leaf('agentType', 'organization')),
    ),
  );
}
