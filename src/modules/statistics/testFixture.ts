import type { Db } from '../../db/database.ts';
import type { Actor } from '../cases/policy.ts';
import { buildCase, type BuiltCase, type CaseOverrides } from '../../../test/factories.ts';

/**
 * The fixed data set the statistics tests count by hand (in the demo organization, "today" is
 * 2026-12-22). Dates are Swedish local times; the comments give the expected working days.
 * Easter 2026: långfredagen 3 April, annandag påsk 6 April. Midsommarafton: Friday 19 June.
 */
export interface Fixture {
  cases: Record<string, BuiltCase>;
}

export async function actorByEmail(db: Db, organizationId: string, email: string): Promise<Actor> {
  const user = await db.selectFrom('users').select(['id', 'name']).where('organization_id', '=', organizationId).where('email', '=', email).executeTakeFirstOrThrow();
  const grants = await db.selectFrom('role_grants').select(['role', 'org_unit_id']).where('user_id', '=', user.id).execute();
  return { kind: 'user', id: user.id, name: user.name, organizationId, grants: grants.map((g) => ({ role: g.role, unitId: g.org_unit_id })) };
}

async function unitId(db: Db, orgId: string, name: string): Promise<string> {
  return (await db.selectFrom('org_units').select('id').where('organization_id', '=', orgId).where('name', '=', name).executeTakeFirstOrThrow()).id;
}
async function categoryId(db: Db, orgId: string, name: string): Promise<string> {
  return (await db.selectFrom('categories').select('id').where('organization_id', '=', orgId).where('name', '=', name).executeTakeFirstOrThrow()).id;
}

export async function buildFixture(db: Db, orgId: string): Promise<Fixture> {
  const solros = await unitId(db, orgId, 'Solrosens förskola');
  const gata = await unitId(db, orgId, 'Gata och park');
  const bemotande = await categoryId(db, orgId, 'Bemötande');
  const tjanster = await categoryId(db, orgId, 'Tjänster');
  const fysisk = await categoryId(db, orgId, 'Fysisk miljö');
  const forskola = await categoryId(db, orgId, 'Förskola');
  const gator = await categoryId(db, orgId, 'Gator och vägar');
  const t = (s: string) => new Date(s);
  const make = async (o: Omit<CaseOverrides, 'organizationId'>, deadlines: { ack?: string; ackBy?: string; answerBy?: string } = {}) => {
    const c = await buildCase(db, { organizationId: orgId, ...o });
    if (deadlines.ack || deadlines.ackBy || deadlines.answerBy) {
      await db
        .updateTable('cases')
        .set({ acknowledged_at: deadlines.ack ? t(deadlines.ack) : null, acknowledge_by: deadlines.ackBy ?? null, answer_by: deadlines.answerBy ?? null })
        .where('id', '=', c.id)
        .execute();
    }
    return c;
  };
  const cases: Record<string, BuiltCase> = {};
  // A: across Easter. Received Thu 2 April, answered Tue 7 April: 1 working day, 5 calendar days.
  // Closed Wed 8 April: 2 working days, 6 calendar days. Acknowledged 7 April (due 8 April): in time.
  cases.A = await make(
    { status: 'closed', kind: 'klagomal', unitId: solros, areaId: bemotande, subcategoryId: forskola, receivedAt: t('2026-04-02T10:00:00+02:00'), firstAnsweredAt: t('2026-04-07T14:00:00+02:00'), closedAt: t('2026-04-08T09:00:00+02:00'), outcome: 'measure_taken' },
    { ack: '2026-04-07T10:00:00+02:00', ackBy: '2026-04-08', answerBy: '2026-04-17' },
  );
  // B: received on midsommarafton (a day off, still day 0), answered and closed Wed 24 June:
  // 3 working days (22, 23, 24 June); 5 calendar days. The answer acknowledges it in time.
  cases.B = await make(
    { status: 'closed', kind: 'fraga', channel: 'email', unitId: gata, areaId: tjanster, subcategoryId: gator, receivedAt: t('2026-06-19T09:00:00+02:00'), firstAnsweredAt: t('2026-06-24T11:00:00+02:00'), closedAt: t('2026-06-24T11:30:00+02:00'), outcome: 'answered' },
    { ackBy: '2026-06-24', answerBy: '2026-07-06' },
  );
  // C: open since yesterday, nothing due yet.
  cases.C = await make({ status: 'in_progress', kind: 'klagomal', channel: 'phone', unitId: solros, areaId: bemotande, receivedAt: t('2026-12-21T09:00:00+01:00') }, { ackBy: '2026-12-23', answerBy: '2027-01-05' });
  // D: open since 1 October, acknowledged in time, answer overdue (due 15 October).
  cases.D = await make({ status: 'in_progress', kind: 'klagomal', unitId: solros, areaId: bemotande, receivedAt: t('2026-10-01T10:00:00+02:00') }, { ack: '2026-10-02T10:00:00+02:00', ackBy: '2026-10-05', answerBy: '2026-10-15' });
  // E: anonymous praise, closed the next day without an answer: 1 working day, 1 calendar day; no deadlines counted.
  cases.E = await make(
    { status: 'closed', kind: 'berom', contact: null, unitId: gata, areaId: fysisk, receivedAt: t('2026-05-05T10:00:00+02:00'), closedAt: t('2026-05-06T10:00:00+02:00'), outcome: 'noted' },
    { ackBy: '2026-05-07', answerBy: '2026-05-19' },
  );
  // F: a fault report, referred: kept apart.
  cases.F = await make({ status: 'referred', kind: 'klagomal', referralType: 'fault_report', receivedAt: t('2026-05-10T10:00:00+02:00'), closedAt: t('2026-05-10T11:00:00+02:00') });
  // G: a duplicate of A: not counted.
  cases.G = await make({ status: 'merged', kind: 'klagomal', unitId: solros, mergedIntoId: cases.A.id, receivedAt: t('2026-04-03T10:00:00+02:00'), closedAt: t('2026-04-07T10:00:00+02:00') });
  // H: internal, shown separately.
  cases.H = await make({ status: 'closed', kind: 'klagomal', isInternal: true, unitId: gata, areaId: tjanster, receivedAt: t('2026-03-10T10:00:00+01:00'), firstAnsweredAt: t('2026-03-11T10:00:00+01:00'), closedAt: t('2026-03-12T10:00:00+01:00'), outcome: 'answered' });
  // I: confidential. Received Tue 10 February, answered Mon 16 February: 4 working days, 6 calendar
  // days; closed Fri 20 February: 8 working days, 10 calendar days. Answered in time.
  cases.I = await make(
    { status: 'closed', kind: 'klagomal', unitId: solros, areaId: bemotande, confidential: true, confidentialityRef: 'OSL 26 kap. 1 §', receivedAt: t('2026-02-10T10:00:00+01:00'), firstAnsweredAt: t('2026-02-16T10:00:00+01:00'), closedAt: t('2026-02-20T10:00:00+01:00'), outcome: 'answered' },
    { answerBy: '2026-02-24' },
  );
  // J: last year, for the comparison. 1 working day.
  cases.J = await make(
    { status: 'closed', kind: 'klagomal', unitId: gata, areaId: tjanster, subcategoryId: gator, receivedAt: t('2025-04-15T10:00:00+02:00'), firstAnsweredAt: t('2025-04-16T10:00:00+02:00'), closedAt: t('2025-04-16T12:00:00+02:00'), outcome: 'answered' },
    { answerBy: '2025-04-29' },
  );
  // K: arrived this morning, not yet registered.
  cases.K = await make({ status: 'received', kind: 'fraga', receivedAt: t('2026-12-22T08:00:00+01:00') }, { ackBy: '2026-12-24', answerBy: '2027-01-07' });
  // L: offensive content, not handled; M: spam. Counted apart, never as synpunkter received.
  cases.L = await make({ status: 'not_handled', kind: 'klagomal', unitId: gata, outcome: 'not_handled', receivedAt: t('2026-07-01T10:00:00+02:00'), closedAt: t('2026-07-01T11:00:00+02:00') });
  cases.M = await make({ status: 'not_handled', kind: 'forslag', contact: null, outcome: 'spam' as never, receivedAt: t('2026-07-02T10:00:00+02:00'), closedAt: t('2026-07-02T10:05:00+02:00') });
  await db.insertInto('case_events').values({ case_id: cases.A.id, type: 'measure', actor_label: 'Fixture', occurred_at: t('2026-04-08T09:00:00+02:00'), data: JSON.stringify({ text: 'Rutinen för lämning och hämtning har setts över.' }) }).execute();
  return { cases };
}
