import type { Db } from '../../db/database.ts';
import type { Status } from '../cases/lifecycle.ts';
import { buildCase, type BuiltCase } from '../../../test/factories.ts';

/**
 * Cases for retention tests, each in the state that decides whether it is due. With the clock at
 * 2029-03-01 and Hjo's plan (routine disposed of 2 years after closing, important kept 5 years):
 */
export interface RetentionCases {
  /** Routine, closed 2026-12-10: due since 2028-12-10. */
  routineOld: BuiltCase;
  /** Routine, referred (not a synpunkt) 2026-11-20: due. */
  referredOld: BuiltCase;
  /** Routine, closed 2027-06-15: due 2029-06-15, too young. */
  routineYoung: BuiltCase;
  /** Important, closed 2026-12-10: kept, not delivered. */
  importantOld: BuiltCase;
  /** Routine, still in progress (opened 2026). */
  open: BuiltCase;
  /** Routine, closed 2026-12-12, under legal hold. */
  held: BuiltCase;
  /** Closed 2026-12-12 without significance. */
  unclassified: BuiltCase;
}

export const SECRET_TEXT = 'Hemlig-text-om-grannen-Kjellberg';

export async function retentionCases(db: Db, org: { id: string; unitId: string; areaId: string }): Promise<RetentionCases> {
  const { unitId, areaId } = org;
  const closed = (status: Status, closedAt: string, significance: 'important' | 'routine' | null, extra: Record<string, unknown> = {}) =>
    buildCase(db, {
      organizationId: org.id,
      status,
      receivedAt: new Date(new Date(closedAt).getTime() - 20 * 86_400_000),
      closedAt: status === 'in_progress' ? null : new Date(closedAt),
      significance,
      unitId,
      areaId,
      outcome: status === 'closed' ? 'answered' : null,
      description: `${SECRET_TEXT} ${status} ${closedAt}`,
      ...extra,
    });
  const c: RetentionCases = {
    routineOld: await closed('closed', '2026-12-10T10:00:00Z', 'routine', { answerMessage: true }),
    referredOld: await closed('referred', '2026-11-20T10:00:00Z', 'routine', { referralType: 'fault_report' }),
    routineYoung: await closed('closed', '2027-06-15T10:00:00Z', 'routine'),
    importantOld: await closed('closed', '2026-12-10T10:00:00Z', 'important'),
    open: await closed('in_progress', '2026-12-10T10:00:00Z', 'routine'),
    held: await closed('closed', '2026-12-12T10:00:00Z', 'routine'),
    unclassified: await closed('closed', '2026-12-12T10:00:00Z', null),
  };
  await db.updateTable('cases').set({ legal_hold: true }).where('id', '=', c.held.id).execute();
  await db
    .insertInto('legal_holds')
    .values({ case_id: c.held.id, organization_id: org.id, reason: 'Anmält till JO', placed_by_label: 'Test', placed_at: new Date('2027-01-01T10:00:00Z') })
    .execute();
  return c;
}
