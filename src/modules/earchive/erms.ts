import type { CaseFile } from './load.ts';
import { document, el, leaf } from './xml.ts';
import { KIND_LABEL } from '../cases/labels.ts';

export const ERMS_NS = 'https://DILCIS.eu/XML/ERMS';

/**
 * Descriptive metadata per E-ARK CITS ERMS v3 (the successor of Riksarkivet's FGS for
 * ärendehantering): one caseFile aggregation per case with its documents as records.
 * Confidential cases carry a restriction with the legal reference.
 */
export function ermsXml(p: { org: string; year: number; createdAt: Date; software: string; cases: CaseFile[]; documents: Map<string, { path: string; title: string }[]> }): string {
  const at = p.createdAt.toISOString();
  return document(
    el(
      'erms',
      { xmlns: ERMS_NS },
      el(
        'control',
        {},
        leaf('identification', `Synpunkter avslutade ${p.year}, ${p.org}`, { identificationType: 'deliveryName' }),
        el(
          'maintenanceInformation',
          {},
          el('maintenanceStatus', { value: 'new' }),
          el('maintenanceAgency', {}, leaf('agencyName', p.org)),
          el('maintenanceHistory', {}, el('maintenanceEvent', {}, el('eventType', { value: 'created' }), leaf('eventDateTime', at), el('agent', { agentType: 'creator' }, leaf('name', p.software)))),
        ),
      ),
      el(
        'aggregations',
        {},
        p.cases.map((c) =>
          el(
            'aggregation',
            { systemIdentifier: c.id, aggregationType: 'caseFile' },
            leaf('objectId', c.number),
            leaf('title', `${KIND_LABEL[c.kind as keyof typeof KIND_LABEL] ?? c.kind}${c.areaName ? ` – ${c.areaName}` : ''}`),
            c.confidential ? el('restriction', { restrictionType: 'confidential' }, leaf('explanatoryText', 'Sekretessmarkerad i Lyhörd: pröva sekretessen innan något lämnas ut.'), leaf('regulation', c.confidentialityRef ?? 'Lagrum ej angivet')) : null,
            el('dates', {}, leaf('date', c.receivedAt.toISOString(), { dateType: 'received' }), c.closedAt && leaf('date', c.closedAt.toISOString(), { dateType: 'closed' })),
            (p.documents.get(c.id) ?? []).map((d, i) => el('record', { systemIdentifier: `${c.id}-${i + 1}` }, leaf('objectId', d.path), leaf('title', d.title))),
          ),
        ),
      ),
    ),
  );
}
