import type { Executor } from '../../db/database.ts';
import { formatLongDate, swedishDate } from '../../platform/clock.ts';
import type { CaseDetail } from '../cases/detailQueries.ts';
import { can, type Actor } from '../cases/policy.ts';
import { activeHold } from '../legalHold/commands.ts';
import { rulesWithText } from './disposal.ts';
import { mayChangeSignificance, mayHold } from './policy.ts';
import { dueDay, ruleFor } from './schedule.ts';
import { RecordsPanel } from './views/RecordsPanel.tsx';

/** The case page's "Arkiv och gallring" section: what the schedule says, the hold, the delivery. */
export async function recordsPanel(db: Executor, actor: Actor, detail: CaseDetail) {
  const c = detail.case;
  const [rules, hold, pkg] = await Promise.all([
    rulesWithText(db, c.organization_id),
    c.legal_hold ? activeHold(db, c.id) : Promise.resolve(undefined),
    c.delivered_package_id ? db.selectFrom('archive_packages').select(['id', 'created_at', 'confirmed_at', 'receipt_ref']).where('id', '=', c.delivered_package_id).executeTakeFirst() : Promise.resolve(undefined),
  ]);
  const rule = ruleFor(rules, { significance: c.significance, kind: c.kind, areaId: c.area_id });
  const closedOn = c.closed_at && !['received', 'registered', 'assigned', 'in_progress', 'waiting', 'answered'].includes(c.status) ? c.closed_at : null;
  const due = rule && closedOn ? dueDay(swedishDate(closedOn), rule.years) : null;
  return (
    <RecordsPanel
      number={c.number}
      significance={c.significance}
      ruleText={rule ? (rules.find((r) => r.id === rule.id)?.text ?? null) : null}
      ruleAction={rule?.action ?? null}
      due={due}
      hold={hold ? { reason: can(actor, 'view_contact', detail.policy) ? hold.reason : null, by: hold.placed_by_label, at: formatLongDate(hold.placed_at) } : null}
      delivered={pkg ? { id: pkg.id, at: formatLongDate(pkg.created_at), confirmed: pkg.confirmed_at ? formatLongDate(pkg.confirmed_at) : null, receipt: pkg.receipt_ref } : null}
      mayHold={mayHold(actor, detail.policy)}
      mayChangeSignificance={mayChangeSignificance(actor, detail.policy)}
    />
  );
}
