import type { Executor } from '../../db/database.ts';
import type { CaseKind, ReplyChannel } from '../../db/schema.ts';
import { cachedForOrg } from '../../platform/orgCache.ts';
import { KIND_LABEL, KINDS } from '../cases/labels.ts';
import { loadActiveStructure } from '../organizations/structure.ts';

/**
 * Open311 services: one per area (level 2) and subcategory (level 3, owned by a förvaltning),
 * plus one per area alone for when the person does not know which förvaltning it concerns.
 * The code is made of the categories' ids, so it stays the same when they are renamed.
 */
export interface Service {
  service_code: string;
  service_name: string;
  description: string;
  metadata: boolean;
  type: 'realtime';
  keywords: string;
  group: string;
  /** Not in the output: where a request for it goes. */
  areaId: string;
  subcategoryId: string | null;
  forvaltningId: string | null;
}

export const serviceCode = (areaId: string, subcategoryId: string | null) => (subcategoryId ? `${areaId}_${subcategoryId}` : areaId);

export async function loadServices(db: Executor, org: { id: string; config_version: number }): Promise<Service[]> {
  return cachedForOrg(org, 'open311-services', async () => {
    const { units, categories } = await loadActiveStructure(db, org.id);
    const areas = categories.filter((c) => c.level === 'area');
    const forvaltningar = units.filter((u) => u.kind === 'forvaltning');
    const services: Service[] = [];
    for (const f of forvaltningar) {
      for (const sub of categories.filter((c) => c.level === 'subcategory' && c.org_unit_id === f.id)) {
        for (const a of areas) {
          services.push({
            service_code: serviceCode(a.id, sub.id),
            service_name: `${sub.name}: ${a.name.toLowerCase()}`,
            description: `${a.name} inom ${sub.name.toLowerCase()} (${f.name}).`,
            metadata: true,
            type: 'realtime',
            keywords: [sub.name, a.name, f.name].join(', '),
            group: f.name,
            areaId: a.id,
            subcategoryId: sub.id,
            forvaltningId: f.id,
          });
        }
      }
    }
    for (const a of areas) {
      services.push({
        service_code: serviceCode(a.id, null),
        service_name: `${a.name}: annat`,
        description: `${a.name}, när du inte vet vilken verksamhet det gäller. Kommunen skickar det rätt.`,
        metadata: true,
        type: 'realtime',
        keywords: a.name,
        group: 'Annat',
        areaId: a.id,
        subcategoryId: null,
        forvaltningId: null,
      });
    }
    return services;
  });
}

/** The outward fields of a service, in the specification's order. */
export const serviceJson = (s: Service) => ({
  service_code: s.service_code,
  service_name: s.service_name,
  description: s.description,
  metadata: s.metadata,
  type: s.type,
  keywords: s.keywords,
  group: s.group,
});

export const REPLY_VALUES: Record<Exclude<ReplyChannel, 'letter'>, string> = {
  email: 'Svar med e-post',
  phone: 'Svar per telefon',
  none: 'Jag vill inte ha något svar',
};

/** The service definition: every service asks the same two things (attribute[kind], attribute[reply]). */
export function serviceDefinition(s: Service) {
  return {
    service_code: s.service_code,
    attributes: [
      {
        variable: true,
        code: 'kind',
        datatype: 'singlevaluelist',
        required: true,
        datatype_description: 'Välj ett av värdena.',
        order: 1,
        description: 'Vad vill du lämna: ett klagomål, en fråga, ett beröm eller ett förslag?',
        values: KINDS.map((k: CaseKind) => ({ key: k, name: KIND_LABEL[k] })),
      },
      {
        variable: true,
        code: 'reply',
        datatype: 'singlevaluelist',
        required: false,
        datatype_description: 'Utan värde: svar med e-post om du anger e-post, annars per telefon om du anger telefon, annars inget svar.',
        order: 2,
        description: 'Hur vill du få svar?',
        values: Object.entries(REPLY_VALUES).map(([key, name]) => ({ key, name })),
      },
    ],
  };
}
