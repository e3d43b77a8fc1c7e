import { sv } from '../../platform/i18n/catalogue.ts';
import type { Db, Executor } from '../../db/database.ts';
import type { CaseKind } from '../../db/schema.ts';
import { DomainError } from '../../platform/errors.ts';
import { logAdminChange } from '../admin/log.ts';
import type { Actor } from '../cases/policy.ts';
import { logActor } from './policy.ts';
import { describeRule, HJO_SCHEDULE, type Rule, type RuleAction, type Significance } from './schedule.ts';

/** The organization's retention schedule, most specific rules first. */
export async function loadRules(db: Executor, organizationId: string): Promise<Rule[]> {
  const rows = await db.selectFrom('retention_rules').selectAll().where('organization_id', '=', organizationId).orderBy('significance').orderBy('created_at').execute();
  return rows.map((r) => ({ id: r.id, significance: r.significance, kind: r.kind, areaId: r.area_id, action: r.action, years: r.years, decisionRef: r.decision_ref }));
}

/** Hjo's plan as the schedule of a new (demo) organization, in the caller's transaction. */
export async function insertHjoSchedule(tx: Executor, organizationId: string): Promise<void> {
  await tx
    .insertInto('retention_rules')
    .values(HJO_SCHEDULE.map((r) => ({ organization_id: organizationId, significance: r.significance, kind: r.kind, area_id: r.areaId, action: r.action, years: r.years, decision_ref: r.decisionRef })))
    .execute();
}

export interface RuleInput {
  significance: string;
  kind: string;
  areaId: string;
  action: string;
  years: string;
  decisionRef: string;
}

export const MAX_DECISION_REF = 300;
const SIGNIFICANCES = ['important', 'routine'];
const KINDS = ['klagomal', 'fraga', 'berom', 'forslag'];

/** Checks a rule from the form; field errors in Swedish, or the rule. */
export async function parseRule(db: Executor, organizationId: string, v: RuleInput): Promise<Omit<Rule, 'id'>> {
  const errors: Record<string, string> = {};
  if (!SIGNIFICANCES.includes(v.significance)) errors.significance = sv('retention.rules.significance');
  if (v.kind && !KINDS.includes(v.kind)) errors.kind = sv('retention.rules.kind');
  if (v.areaId) {
    const area = await db.selectFrom('categories').select('id').where('id', '=', v.areaId).where('organization_id', '=', organizationId).where('level', '=', 'area').executeTakeFirst().catch(() => undefined);
    if (!area) errors.areaId = sv('retention.rules.area');
  }
  if (v.action !== 'dispose' && v.action !== 'keep') errors.action = sv('retention.rules.action');
  const years = /^\d{1,3}$/.test(v.years.trim()) ? Number(v.years.trim()) : Number.NaN;
  if (!Number.isInteger(years) || years < 0 || years > 100) errors.years = sv('retention.rules.years');
  const ref = v.decisionRef.trim();
  if (!ref) errors.decisionRef = sv('retention.rules.decisionRef');
  else if (ref.length > MAX_DECISION_REF) errors.decisionRef = sv('retention.rules.decisionRefTooLong', { max: String(MAX_DECISION_REF) });
  if (Object.keys(errors).length) throw new DomainError('invalid', 'Regeln kunde inte sparas.', errors);
  return { significance: v.significance as Significance, kind: (v.kind || null) as CaseKind | null, areaId: v.areaId || null, action: v.action as RuleAction, years, decisionRef: ref };
}

/** Adds a rule, or replaces the rule with the same scope (significance, kind, area). */
export async function saveRule(db: Db, actor: Actor, organizationId: string, rule: Omit<Rule, 'id'>, now: Date): Promise<string> {
  return db.transaction().execute(async (tx) => {
    const before = (await loadRules(tx, organizationId)).find((r) => r.significance === rule.significance && r.kind === rule.kind && r.areaId === rule.areaId);
    const values = { significance: rule.significance, kind: rule.kind, area_id: rule.areaId, action: rule.action, years: rule.years, decision_ref: rule.decisionRef, updated_at: now };
    const id = before
      ? (await tx.updateTable('retention_rules').set(values).where('id', '=', before.id).returning('id').executeTakeFirstOrThrow()).id
      : (await tx.insertInto('retention_rules').values({ ...values, organization_id: organizationId, created_by: actor.kind === 'user' ? actor.id : null, created_at: now }).returning('id').executeTakeFirstOrThrow()).id;
    await logAdminChange(tx, {
      organizationId,
      actor: logActor(actor),
      action: before ? 'update' : 'create',
      entityType: 'retention_rule',
      entityId: id,
      summary: `Gallringsplanen: ${describeRule(rule)} (${rule.decisionRef})`,
      before,
      after: rule,
      now,
    });
    return id;
  });
}

export async function deleteRule(db: Db, actor: Actor, organizationId: string, id: string, now: Date): Promise<boolean> {
  return db.transaction().execute(async (tx) => {
    const rule = (await loadRules(tx, organizationId)).find((r) => r.id === id);
    if (!rule) return false;
    await tx.deleteFrom('retention_rules').where('id', '=', id).execute();
    await logAdminChange(tx, { organizationId, actor: logActor(actor), action: 'delete', entityType: 'retention_rule', entityId: id, summary: `Gallringsplanen: regeln togs bort: ${describeRule(rule)}`, before: rule, now });
    return true;
  });
}
