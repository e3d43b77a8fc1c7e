import type { FieldErrors } from '../../platform/views/forms.tsx';
import { sv } from '../../platform/i18n/catalogue.ts';
import { addNote, assignCase, closeCase, routeCase, simpleTransition, type CaseDeps } from './commands.ts';
import { linkCases, mergeCase } from './linking.ts';
import { askSubmitter } from './submitterQuestion.ts';
import { placeholderError, unfilledPlaceholders } from '../answers/templates.ts';
import { CASE_NUMBER } from './formInput.ts';
import { OUTCOMES, type Outcome } from './lifecycle.ts';
import type { Lookups } from './lookups.ts';
import type { Actor, CaseAction } from './policy.ts';
import type { CaseDetail } from './detailQueries.ts';
import { setPublicationOptOut } from '../publication/optOut.ts';

/**
 * The forms on the case page, one per thing a person can do to a case. Each names the policy
 * action that decides whether it is offered (and accepted), the fields it posts, how they are
 * checked, and the command that does the work. Routes and views both read this table.
 */

export type ActionSlug = 'tilldela' | 'skicka' | 'paborja' | 'vanta' | 'ateruppta' | 'avsluta' | 'ateroppna' | 'anteckning' | 'lanka' | 'sla-ihop' | 'aterkalla' | 'publicering';

export interface ActionContext {
  deps: CaseDeps;
  actor: Actor;
  number: string;
  version: number;
  lookups: Lookups;
  /** The case's current unit, for defaults. */
  unitId: string | null;
}

export interface CaseActionDef {
  slug: ActionSlug;
  policy: CaseAction;
  title: string;
  button: string;
  /** Field name → label, in form order; also what the conflict page shows back. */
  fields: Record<string, string>;
  /** Set in the query string after success (?klart=…) to show `done`. */
  doneKey: string;
  done: string;
  /** Whether the action applies to this case at all (besides the policy); offered everywhere when absent. */
  offered?(c: CaseDetail['case']): boolean;
  validate(values: Record<string, string>, ctx: ActionContext): FieldErrors;
  run(values: Record<string, string>, ctx: ActionContext): Promise<unknown>;
}

const MAX_TEXT = 10_000;
const tooLong = (v: string | undefined) => (v ?? '').length > MAX_TEXT;
const target = (ctx: ActionContext) => ({ actor: ctx.actor, number: ctx.number, expectedVersion: ctx.version });
const optionalComment = (label: string) => ({
  fields: { comment: label },
  validate: (v: Record<string, string>): FieldErrors => (tooLong(v.comment) ? { comment: sv('cases.actionError.commentTooLong') } : {}),
});
const comment = (v: Record<string, string>) => v.comment?.trim() || undefined;

/**
 * The unit a case is assigned to. When the chosen unit is above the handler's own (the
 * förvaltning, say, while the handler works at one of its enheter), the case goes to the
 * handler's unit: that is what the coordinator means, and what the command can accept.
 */
export function assignmentUnit(lookups: Lookups, chosenUnitId: string, handlerId: string): string {
  const chosen = lookups.units.find((u) => u.id === chosenUnitId);
  if (!chosen) return chosenUnitId;
  const grantUnits = lookups.handlers.filter((h) => h.id === handlerId).map((h) => h.unitId);
  if (grantUnits.some((g) => chosen.pathIds.includes(g))) return chosenUnitId;
  const below = grantUnits.filter((g) => lookups.units.find((u) => u.id === g)?.pathIds.includes(chosenUnitId));
  return below.length === 1 ? below[0]! : chosenUnitId;
}

export const CASE_ACTIONS: readonly CaseActionDef[] = [
  {
    slug: 'tilldela',
    policy: 'assign',
    title: sv('cases.action.tilldela.title'),
    button: sv('cases.action.tilldela.button'),
    fields: { unitId: sv('cases.actions.unitLabel'), handlerId: sv('cases.actions.handlerLabel') },
    doneKey: 'tilldelad',
    done: sv('cases.action.tilldela.done'),
    validate(v, ctx) {
      const errors: FieldErrors = {};
      if (v.unitId && !ctx.lookups.units.some((u) => u.id === v.unitId)) errors.unitId = sv('cases.actionError.unitNotInList');
      if (!v.handlerId) errors.handlerId = sv('cases.actionError.chooseHandler');
      else if (!ctx.lookups.handlers.some((h) => h.id === v.handlerId)) errors.handlerId = sv('cases.actionError.handlerNotInList');
      return errors;
    },
    run(v, ctx) {
      const chosen = v.unitId || ctx.unitId;
      const unitId = chosen ? assignmentUnit(ctx.lookups, chosen, v.handlerId!) : undefined;
      return assignCase(ctx.deps, { ...target(ctx), unitId, handlerId: v.handlerId! });
    },
  },
  {
    slug: 'skicka',
    policy: 'route',
    title: sv('cases.action.skicka.title'),
    button: sv('cases.action.skicka.button'),
    fields: { unitId: sv('cases.actions.sendToLabel') },
    doneKey: 'skickat',
    done: sv('cases.action.skicka.done'),
    validate(v, ctx): FieldErrors {
      if (!v.unitId) return { unitId: sv('cases.actionError.chooseDestination') };
      if (!ctx.lookups.units.some((u) => u.id === v.unitId)) return { unitId: sv('cases.actionError.destinationNotInList') };
      return {};
    },
    run: (v, ctx) => routeCase(ctx.deps, { ...target(ctx), unitId: v.unitId! }),
  },
  {
    slug: 'paborja',
    policy: 'start',
    title: sv('cases.action.paborja.title'),
    button: sv('cases.action.paborja.button'),
    fields: {},
    doneKey: 'paborjat',
    done: sv('cases.action.paborja.done'),
    validate: () => ({}),
    run: (_v, ctx) => simpleTransition(ctx.deps, { ...target(ctx), event: 'start' }),
  },
  {
    slug: 'vanta',
    policy: 'wait',
    title: sv('cases.action.vanta.title'),
    button: sv('cases.action.vanta.button'),
    fields: { question: sv('cases.actions.questionLabel') },
    doneKey: 'vantar',
    done: sv('cases.action.vanta.done'),
    validate(v): FieldErrors {
      if (!v.question?.trim()) return { question: sv('cases.actionError.questionMissing') };
      if (tooLong(v.question)) return { question: sv('cases.actionError.questionTooLong') };
      const holes = unfilledPlaceholders(v.question);
      return holes.length ? { question: placeholderError(holes) } : {};
    },
    run: (v, ctx) => askSubmitter(ctx.deps, { ...target(ctx), question: v.question!.trim() }),
  },
  {
    slug: 'ateruppta',
    policy: 'resume',
    title: sv('cases.action.ateruppta.title'),
    button: sv('cases.action.ateruppta.button'),
    fields: {},
    doneKey: 'aterupptaget',
    done: sv('cases.action.ateruppta.done'),
    validate: () => ({}),
    run: (_v, ctx) => simpleTransition(ctx.deps, { ...target(ctx), event: 'resume' }),
  },
  {
    slug: 'avsluta',
    policy: 'close',
    title: sv('cases.action.avsluta.title'),
    button: sv('cases.action.avsluta.button'),
    fields: { outcome: sv('cases.actions.outcomeLegend'), measures: sv('cases.actions.measuresLabel') },
    doneKey: 'avslutat',
    done: sv('cases.action.avsluta.done'),
    validate(v) {
      const errors: FieldErrors = {};
      if (!(v.outcome! in OUTCOMES)) errors.outcome = sv('cases.actionError.chooseOutcome');
      if (tooLong(v.measures)) errors.measures = sv('cases.actionError.measuresTooLong');
      return errors;
    },
    run: (v, ctx) => closeCase(ctx.deps, { ...target(ctx), outcome: v.outcome as Outcome, measures: v.measures?.trim() || undefined }),
  },
  {
    slug: 'ateroppna',
    policy: 'reopen',
    title: sv('cases.action.ateroppna.title'),
    button: sv('cases.action.ateroppna.button'),
    ...optionalComment(sv('cases.actions.reopenReason')),
    doneKey: 'ateroppnat',
    done: sv('cases.action.ateroppna.done'),
    run: (v, ctx) => simpleTransition(ctx.deps, { ...target(ctx), event: 'reopen', comment: comment(v) }),
  },
  {
    slug: 'anteckning',
    policy: 'note',
    title: sv('cases.action.anteckning.title'),
    button: sv('cases.action.anteckning.button'),
    fields: { text: sv('cases.actions.noteLabel') },
    doneKey: 'anteckning',
    done: sv('cases.action.anteckning.done'),
    validate(v): FieldErrors {
      if (!v.text?.trim()) return { text: sv('cases.actionError.noteMissing') };
      if (tooLong(v.text)) return { text: sv('cases.actionError.noteTooLong') };
      return {};
    },
    // A note adds to the history without changing the case, so it never conflicts with another save.
    run: (v, ctx) => addNote(ctx.deps, { actor: ctx.actor, number: ctx.number, text: v.text!.trim() }),
  },
  {
    slug: 'lanka',
    policy: 'link',
    title: sv('cases.action.lanka.title'),
    button: sv('cases.action.lanka.button'),
    fields: { otherNumber: sv('cases.actions.linkLabel') },
    doneKey: 'lankat',
    done: sv('cases.action.lanka.done'),
    validate: (v) => numberErrors(v, 'otherNumber'),
    run: (v, ctx) => linkCases(ctx.deps, { actor: ctx.actor, number: ctx.number, otherNumber: normalizeNumber(v.otherNumber!) }),
  },
  {
    slug: 'sla-ihop',
    policy: 'merge',
    title: sv('cases.action.slaIhop.title'),
    button: sv('cases.action.slaIhop.button'),
    fields: { intoNumber: sv('cases.actions.mergeLabel') },
    doneKey: 'sammanslaget',
    done: sv('cases.action.slaIhop.done'),
    validate: (v) => numberErrors(v, 'intoNumber'),
    run: (v, ctx) => mergeCase(ctx.deps, { ...target(ctx), intoNumber: normalizeNumber(v.intoNumber!) }),
  },
  {
    slug: 'aterkalla',
    policy: 'withdraw',
    title: sv('cases.action.aterkalla.title'),
    button: sv('cases.action.aterkalla.button'),
    ...optionalComment(sv('cases.actions.withdrawReason')),
    doneKey: 'aterkallat',
    done: sv('cases.action.aterkalla.done'),
    run: (v, ctx) => simpleTransition(ctx.deps, { ...target(ctx), event: 'withdraw', comment: comment(v) }),
  },
  {
    // The submitter's answer on publication (DOMAIN 19), for every channel: given on the phone, in a letter, or changed later.
    slug: 'publicering',
    policy: 'edit',
    title: sv('cases.action.publicering.title'),
    button: sv('cases.action.publicering.button'),
    fields: { decision: sv('cases.actions.publicationLegend'), comment: sv('cases.actions.publicationComment') },
    doneKey: 'publiceringsbesked',
    done: sv('cases.action.publicering.done'),
    offered: (c) => !c.anonymous && !c.is_internal,
    validate(v): FieldErrors {
      const errors: FieldErrors = {};
      if (v.decision !== PUBLISH_YES && v.decision !== PUBLISH_NO) errors.decision = sv('cases.actionError.choosePublication');
      if (tooLong(v.comment)) errors.comment = sv('cases.actionError.commentTooLong');
      return errors;
    },
    run: (v, ctx) => setPublicationOptOut(ctx.deps.db, { actor: ctx.actor, number: ctx.number, expectedVersion: ctx.version, optOut: v.decision === PUBLISH_NO, comment: comment(v), now: ctx.deps.clock.now() }),
  },
];

export const PUBLISH_YES = 'far-publiceras';
export const PUBLISH_NO = 'publiceras-inte';

const normalizeNumber = (s: string) => s.trim().toUpperCase();

function numberErrors(v: Record<string, string>, field: string): FieldErrors {
  const n = normalizeNumber(v[field] ?? '');
  if (!n) return { [field]: sv('cases.actionError.numberMissing') };
  if (!CASE_NUMBER.test(n)) return { [field]: sv('cases.actionError.numberFormat') };
  return {};
}

export const actionBySlug = (slug: string) => CASE_ACTIONS.find((a) => a.slug === slug);

/** What the page says after a redirect, by the ?klart= key. Keys from other modules' pages are welcome here. */
export const DONE_MESSAGES: Record<string, string> = {
  ...Object.fromEntries(CASE_ACTIONS.map((a) => [a.doneKey, a.done])),
  registrerad: sv('cases.done.registrerad'),
  'registrerad-enhet': sv('cases.done.registreradDirekt'),
  'epost-last': sv('cases.done.epostLast'),
  hanvisat: sv('cases.done.hanvisat'),
  'inte-handlagt': sv('cases.done.inteHandlagt'),
  skrap: sv('cases.done.skrap'),
  // The answer page (answers module) comes back here with this key.
  besvarad: sv('cases.done.besvarad'),
  // Records (modules/legalHold, modules/retention).
  bevarandestopp: sv('cases.done.bevarandestopp'),
  'bevarandestopp-havt': sv('cases.done.bevarandestoppHavt'),
  betydelse: sv('cases.done.betydelse'),
  // The delay notice (modules/deadlines), by how the submitter is told.
  'forlangt-email': sv('cases.done.forlangtEmail'),
  'forlangt-letter': sv('cases.done.forlangtLetter'),
  'forlangt-phone': sv('cases.done.forlangtPhone'),
  // Forwarding to another organization (modules/forwarding), by how the submitter is told.
  'vidarebefordrat-email': sv('cases.done.vidarebefordratEmail'),
  'vidarebefordrat-letter': sv('cases.done.vidarebefordratLetter'),
  'vidarebefordrat-phone': sv('cases.done.vidarebefordratPhone'),
  'vidarebefordrat-none': sv('cases.done.vidarebefordratNone'),
  'forlangt-none': sv('cases.done.forlangtNone'),
};
