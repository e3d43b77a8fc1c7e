import type { Db } from '../db/database.ts';
import { swedishDate } from '../platform/clock.ts';
import { DomainError } from '../platform/errors.ts';
import type { Actor } from '../modules/cases/policy.ts';
import { processRun, rulesWithText, startRun } from '../modules/retention/disposal.ts';
import { dueByDelivery, dueByRule, dueSummary, type Page } from '../modules/retention/due.ts';
import { CliError, findOrganization, required, type Output } from './common.ts';
import { countOf } from '../platform/i18n/countOf.ts';

export const RETENTION_USAGE = `retention --org <slug> [--execute --decision "<beslut>"]
      Utan --execute: provkörning. Skriver numret på varje ärende som är att gallra i dag, ett
      per rad, och sedan en sammanfattning. Ändrar ingenting.
      Med --execute och --decision: gallrar det som är att gallra i dag enligt beslutet (krävs),
      i omgångar; avbryts det fortsätter nästa körning eller jobbet där det slutade.`;

export interface RetentionInput {
  org: string;
  execute: boolean;
  decision?: string;
}

export function retentionInput(values: Record<string, string | boolean | undefined>): RetentionInput {
  const org = required(values.org as string | undefined, 'org');
  const execute = values.execute === true;
  const decision = typeof values.decision === 'string' ? values.decision : undefined;
  if (execute && !decision?.trim()) throw new CliError('--decision krävs med --execute: gallring kräver ett beslut, till exempel --decision "KS 2030/17".', '--decision is required with --execute.', 2);
  if (!execute && decision !== undefined) throw new CliError('--decision används bara med --execute. Utan --execute görs en provkörning.', '--decision only goes with --execute.', 2);
  return { org, execute, decision };
}

/** The command line as the one who asked: named in the log, never a person's account. */
const cliActor = (organizationId: string): Actor => ({ kind: 'api_key', id: '00000000-0000-0000-0000-000000000000', name: 'Kommandoraden (npm run cli -- retention)', organizationId, grants: [{ role: 'archivist', unitId: null }] });

export async function retentionCommand(db: Db, input: RetentionInput, out: Output, now: () => Date): Promise<void> {
  const org = await findOrganization(db, input.org);
  const today = swedishDate(now());
  if (!input.execute) {
    const rules = await rulesWithText(db, org.id);
    // Numbers in pages, so a million cases never sit in memory at once.
    for (const list of [dueByRule, dueByDelivery]) {
      let after: Page['after'];
      for (;;) {
        const rows = await list(db, org.id, today, rules, { limit: 5000, after });
        for (const r of rows) out.result(r.number);
        if (rows.length < 5000) break;
        after = { closedAt: rows.at(-1)!.closed_at, id: rows.at(-1)!.id };
      }
    }
    const s = await dueSummary(db, org.id, today, rules);
    out.result('');
    out.result(`Provkörning ${today} för ${org.name}: ${countOf(s.total, 'ärende', 'ärenden')} att gallra (${s.total - s.delivered} enligt gallringsplanen, ${s.delivered} bevarade och kvitterade av arkivet).`);
    out.result(`Gallras inte: ${s.held} med bevarandestopp, ${countOf(s.unclassified, 'avslutat', 'avslutade')} utan betydelse. ${s.deliveryDue} ska levereras till e-arkivet.`);
    if (rules.length === 0) out.result('Organisationen har ingen gallringsplan: inget gallras.');
    return;
  }
  let run;
  try {
    run = await startRun(db, cliActor(org.id), org.id, input.decision!, now(), { enqueue: false });
  } catch (err) {
    if (err instanceof DomainError) throw new CliError(err.message, err.message, err.code === 'invalid' ? 2 : 1);
    throw err;
  }
  if (!run) {
    out.result(`Inget att gallra ${today} i ${org.name}.`);
    return;
  }
  out.info(`Gallrar ${countOf(run.expected, 'ärende', 'ärenden')} enligt beslut ${input.decision!.trim()} …`);
  const done = await processRun(db, run.id, { now, onBatch: (p) => out.info(`  ${p.disposed} av ${run.expected}`) });
  out.result(`Gallrade ${countOf(done.disposed, 'ärende', 'ärenden')} i ${org.name} enligt beslut ${input.decision!.trim()}.`);
}
