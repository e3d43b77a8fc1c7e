import { sql } from 'kysely';
import type { Executor } from '../../db/database.ts';
import type { AdminScope } from '../admin/policy.ts';

export interface AuditRow {
  id: number;
  occurred_at: Date;
  actor_user_id: string | null;
  actor_label: string;
  action: string;
  entity_type: string;
  entity_id: string | null;
  forvaltning_id: string | null;
  forvaltning_name: string | null;
  summary: string;
  before: unknown;
  after: unknown;
}

/** What part of an organization's admin log someone may read (as the log page shows it). */
export type AuditScope = Pick<AdminScope, 'organization' | 'allUnits' | 'unitRoots'>;

const NONE = '00000000-0000-0000-0000-000000000000';

/**
 * A page of the admin log in id order (the order changes were made), after a given id: the feed
 * a SIEM tails, and the batches of the CSV export. Reads the admin_log_org index.
 */
export async function auditPage(db: Executor, organizationId: string, scope: AuditScope, opts: { afterId: number; limit: number; since?: Date }): Promise<AuditRow[]> {
  let q = db
    .selectFrom('admin_log as l')
    .leftJoin('org_units as f', 'f.id', 'l.forvaltning_id')
    .select([
      sql<number>`l.id`.as('id'),
      'l.occurred_at',
      'l.actor_user_id',
      'l.actor_label',
      'l.action',
      'l.entity_type',
      'l.entity_id',
      'l.forvaltning_id',
      'f.name as forvaltning_name',
      'l.summary',
      'l.before',
      'l.after',
    ])
    .where('l.organization_id', '=', organizationId)
    .where(sql`l.id`, '>', opts.afterId);
  if (opts.since) q = q.where('l.occurred_at', '>=', opts.since);
  if (!scope.organization) {
    q = scope.allUnits ? q.where('l.forvaltning_id', 'is not', null) : q.where('l.forvaltning_id', 'in', scope.unitRoots.length ? [...scope.unitRoots] : [NONE]);
  }
  return (await q.orderBy('l.id', 'asc').limit(opts.limit).execute()) as AuditRow[];
}

/** Every row in scope, in batches (the CSV export streams them). */
export async function* auditRows(db: Executor, organizationId: string, scope: AuditScope, batch = 1000): AsyncGenerator<AuditRow[]> {
  let afterId = 0;
  for (;;) {
    const rows = await auditPage(db, organizationId, scope, { afterId, limit: batch });
    if (rows.length === 0) return;
    yield rows;
    afterId = rows.at(-1)!.id;
  }
}
