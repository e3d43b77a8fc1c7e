import { DomainError } from '../../platform/errors.ts';
import type { FieldErrors } from '../../platform/views/forms.tsx';
import { markAsSpam, registerCase, type CaseDeps } from '../cases/commands.ts';
import { CASE_NUMBER, isStale } from '../cases/formInput.ts';
import { scopeToActor } from '../cases/listQueries.ts';
import type { Lookups } from '../cases/lookups.ts';
import type { Actor } from '../cases/policy.ts';
import { catalogueLabels } from '../cases/catalogueLabels.ts';
import { sv } from '../../platform/i18n/catalogue.ts';
import type { BulkRefusal, BulkResult as GenericResult } from './bulkResult.ts';

/**
 * Bulk actions on the inbox: one form with a checkbox per case. Each chosen case is changed in a
 * transaction of its own, with its history entry, through the same commands as the single-case
 * pages; one refusal never undoes or stops the others, and the summary says which is which.
 */
export const BULK_ACTIONS = catalogueLabels('triage.bulkAction', ['registrera', 'skicka', 'skrap'] as const);
export type BulkAction = keyof typeof BULK_ACTIONS;

/** More than a page can show is not a choice someone made. */
const MAX_CASES = 200;

export interface BulkInput {
  action: string;
  /** "SYN-2026-00042:3": the case and the version the registrar saw. */
  cases: string[];
  areaId: string;
  unitId: string;
  significance: string;
}

export interface BulkRequest {
  action: BulkAction;
  cases: { number: string; version: number }[];
  areaId: string | null;
  unitId: string | null;
  significance: 'important' | 'routine' | null;
}

export type BulkResult = GenericResult<BulkAction>;

const strings = (v: unknown): string[] => (typeof v === 'string' ? [v] : Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

export function readBulkInput(body: unknown): BulkInput {
  const b = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>;
  const first = (k: string) => strings(b[k])[0]?.trim() ?? '';
  return { action: first('atgard'), cases: strings(b.arenden).slice(0, MAX_CASES + 1), areaId: first('omrade'), unitId: first('enhet'), significance: first('betydelse') };
}

export function validateBulk(input: BulkInput, lookups: Lookups): { ok: true; value: BulkRequest } | { ok: false; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const cases = input.cases.flatMap((v) => {
    const [number, version] = v.split(':');
    return number && CASE_NUMBER.test(number) && /^\d{1,9}$/.test(version ?? '') ? [{ number, version: Number(version) }] : [];
  });
  if (cases.length === 0) errors.arenden = sv('triage.error.noCases');
  else if (cases.length > MAX_CASES) errors.arenden = sv('triage.error.tooManyCases', { max: MAX_CASES });
  if (!(input.action in BULK_ACTIONS)) errors.atgard = sv('triage.error.action');
  const action = input.action as BulkAction;
  const registering = action === 'registrera' || action === 'skicka';
  if (registering) {
    if (input.areaId && !lookups.areas.some((a) => a.id === input.areaId)) errors.omrade = sv('triage.error.areaNotInList');
    if (action === 'skicka' && !input.unitId) errors.enhet = sv('triage.error.bulkUnit');
    else if (input.unitId && !lookups.units.some((u) => u.id === input.unitId)) errors.enhet = sv('triage.error.unitNotInList');
    if (input.significance !== 'important' && input.significance !== 'routine') errors.betydelse = sv('triage.error.bulkSignificance');
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return {
    ok: true,
    value: {
      action,
      cases,
      areaId: registering ? input.areaId || null : null,
      unitId: action === 'skicka' ? input.unitId : null,
      significance: registering ? (input.significance as 'important' | 'routine') : null,
    },
  };
}

/** The guards a bulk registration can meet (the others ask for what the bulk form always gives), by their catalogue key. */
const GUARD_REFUSALS: Partial<Record<string, BulkRefusal>> = { 'cases.guard.subcategory': 'underkategori', 'cases.guard.lagrum': 'sekretess' };

/** Why one case was refused, as a code: the summary travels in the redirect's query string (bulkResult.ts). */
function refusalOf(err: unknown): BulkRefusal {
  if (!(err instanceof DomainError)) throw err;
  if (err.code === 'not_found' || err.code === 'forbidden') return 'saknas';
  if (isStale(err)) return 'andrat';
  const d = err.details ?? {};
  if (d.reason === 'illegal_transition') return 'status';
  if (d.reason === 'not_permitted') return 'behorighet';
  if (d.reason === 'guard_failed') return GUARD_REFUSALS[d.guard ?? ''] ?? 'annat';
  if (err.code === 'invalid' && 'areaId' in d) return 'omrade';
  if (err.code === 'invalid' && 'unit' in d) return 'enhet';
  return 'annat';
}

export async function runBulk(deps: CaseDeps, actor: Actor, req: BulkRequest): Promise<BulkResult> {
  const numbers = req.cases.map((c) => c.number);
  // Only what this person may see is read; anything else is refused as "not found" by the command.
  const rows = await scopeToActor(deps.db.selectFrom('cases as c'), actor)
    .where('c.number', 'in', numbers)
    .select(['c.number', 'c.kind', 'c.area_id', 'c.suggested_unit_id', 'c.confidential', 'c.confidentiality_ref'])
    .execute();
  const byNumber = new Map(rows.map((r) => [r.number, r]));
  const result: BulkResult = { action: req.action, done: [], refused: [] };
  for (const { number, version } of req.cases) {
    const c = byNumber.get(number);
    const target = { actor, number, expectedVersion: version };
    const refuse = (reason: BulkRefusal) => result.refused.push({ number, reason });
    try {
      if (!c) {
        refuse('saknas');
        continue;
      }
      if (req.action === 'skrap') await markAsSpam(deps, target);
      else {
        const unitId = req.unitId ?? c.suggested_unit_id;
        const areaId = req.areaId ?? c.area_id;
        if (!unitId || !areaId) {
          refuse(!unitId ? 'ingen-forvaltning' : 'inget-omrade');
          continue;
        }
        const classification = { kind: c.kind, areaId, subcategoryId: null, significance: req.significance!, confidential: c.confidential, confidentialityRef: c.confidentiality_ref, unitId };
        await registerCase(deps, { ...target, classification });
      }
      result.done.push(number);
    } catch (err) {
      refuse(refusalOf(err));
    }
  }
  return result;
}
