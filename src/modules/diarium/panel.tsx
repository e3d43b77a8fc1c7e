import type { Executor } from '../../db/database.ts';
import { formatLongDate } from '../../platform/clock.ts';
import type { CaseDetail } from '../cases/detailQueries.ts';
import type { Actor } from '../cases/policy.ts';
import { lastExport } from './commands.ts';
import { mayExport } from './policy.ts';
import { DiariumPanel } from './views/DiariumPanel.tsx';
import { sv } from '../../platform/i18n/catalogue.ts';

/** The case page's "Diariet" section, for those who may hand the case over; nothing for others. */
export async function diariumPanel(db: Executor, actor: Actor, detail: CaseDetail, csrf: string) {
  if (!mayExport(actor, detail.policy)) return null;
  const last = await lastExport(db, detail.case.id);
  return <DiariumPanel number={detail.case.number} csrf={csrf} last={last ? { at: formatLongDate(last.occurred_at), by: last.actor_label ?? sv('diarium.panel.unknown') } : null} />;
}
