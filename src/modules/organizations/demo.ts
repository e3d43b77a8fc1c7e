import type { Db, Executor } from '../../db/database.ts';
import type { OrgUnit } from '../../db/schema.ts';
import { insertDemoTemplates } from './demoTemplates.ts';
import { insertHjoSchedule } from '../retention/rules.ts';

/** The four level-2 areas from DOMAIN.md; organizations may rename or add. */
export const DEFAULT_AREAS = ['Bemötande', 'Tjänster', 'Fysisk miljö', 'Information'];

interface UnitSpec {
  name: string;
  committee?: string;
  subcategoryRequired?: boolean;
  subcategories?: string[];
  children?: UnitSpec[];
}

const EXEMPELKOMMUN: UnitSpec[] = [
  {
    name: 'Barn och utbildning',
    committee: 'Barn- och utbildningsnämnden',
    subcategoryRequired: true,
    subcategories: ['Förskola', 'Grundskola', 'Skolskjuts', 'Skolmåltider'],
    children: [
      { name: 'Förskoleavdelningen', children: [{ name: 'Solrosens förskola' }, { name: 'Ekbackens förskola' }] },
      { name: 'Grundskoleavdelningen', children: [{ name: 'Centralskolan' }, { name: 'Björkskolan' }] },
    ],
  },
  {
    name: 'Vård och omsorg',
    committee: 'Vård- och omsorgsnämnden',
    subcategoryRequired: true,
    subcategories: ['Hemtjänst', 'Särskilt boende', 'LSS', 'Färdtjänst'],
    children: [
      { name: 'Hemtjänsten', children: [{ name: 'Hemtjänst norr' }, { name: 'Hemtjänst söder' }] },
      { name: 'Särskilt boende', children: [{ name: 'Lindgårdens äldreboende' }] },
    ],
  },
  {
    name: 'Samhällsbyggnad',
    committee: 'Samhällsbyggnadsnämnden',
    subcategories: ['Gator och vägar', 'Parker och grönytor', 'Bygglov', 'Avfall och återvinning'],
    children: [{ name: 'Gata och park' }, { name: 'Plan och bygg' }, { name: 'Miljö och hälsoskydd' }],
  },
  {
    name: 'Kultur och fritid',
    committee: 'Kultur- och fritidsnämnden',
    subcategories: ['Bibliotek', 'Idrottsanläggningar', 'Badhus', 'Evenemang'],
    children: [{ name: 'Biblioteket' }, { name: 'Fritidsgårdar' }, { name: 'Simhallen' }],
  },
  {
    name: 'Kommunledningskontoret',
    committee: 'Kommunstyrelsen',
    subcategories: ['Kontaktcenter', 'Webbplats', 'Näringsliv'],
    children: [{ name: 'Kontaktcenter' }, { name: 'Kommunikation' }],
  },
];

async function insertUnits(db: Executor, organizationId: string, specs: UnitSpec[], parent: OrgUnit | null, level: number): Promise<void> {
  const kinds = ['forvaltning', 'avdelning', 'enhet'] as const;
  for (const [i, spec] of specs.entries()) {
    const id = crypto.randomUUID();
    const unit = await db
      .insertInto('org_units')
      .values({
        id,
        organization_id: organizationId,
        parent_id: parent?.id ?? null,
        ancestor_ids: [...(parent?.ancestor_ids ?? []), id],
        kind: kinds[Math.min(level, 2)]!,
        name: spec.name,
        committee: spec.committee ?? null,
        subcategory_required: spec.subcategoryRequired ?? false,
        sort_order: i,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    for (const [j, name] of (spec.subcategories ?? []).entries()) {
      await db
        .insertInto('categories')
        .values({ organization_id: organizationId, level: 'subcategory', org_unit_id: unit.id, name, sort_order: j })
        .execute();
    }
    await insertUnits(db, organizationId, spec.children ?? [], unit, level + 1);
  }
}

/** Seeds the demo organization "Exempelkommun" in one transaction. Returns its id. */
export async function seedDemoOrganization(db: Db, opts: { slug?: string; name?: string; isDefault?: boolean } = {}): Promise<string> {
  return db.transaction().execute(async (tx) => {
    const org = await tx
      .insertInto('organizations')
      .values({
        slug: opts.slug ?? 'exempelkommun',
        name: opts.name ?? 'Exempelkommun',
        kind: 'municipality',
        is_default: opts.isDefault ?? true,
        settings: JSON.stringify({
          answerWorkingDays: 10,
          contactEmail: 'kontaktcenter@exempelkommun.se',
          contactPhone: '0123-45 67 00',
          postalAddress: 'Exempelkommun, Kontaktcenter, Storgatan 1, 123 45 Exempelstad',
          referralLinks: {
            faultReport: 'https://www.exempelkommun.se/felanmalan',
            appeal: 'https://www.exempelkommun.se/overklaga',
            deviation: 'https://www.exempelkommun.se/avvikelse',
          },
        }),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    for (const [i, name] of DEFAULT_AREAS.entries()) {
      await tx.insertInto('categories').values({ organization_id: org.id, level: 'area', name, sort_order: i }).execute();
    }
    await insertUnits(tx, org.id, EXEMPELKOMMUN, null, 0);
    await insertDemoTemplates(tx, org.id);
    // Hjo's dokumenthanteringsplan: routine cases disposed of after 2 years, important ones kept.
    await insertHjoSchedule(tx, org.id);
    return org.id;
  });
}
