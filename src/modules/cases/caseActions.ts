import type { FieldErrors } from '../../platform/views/forms.tsx';
import { addNote, assignCase, closeCase, routeCase, simpleTransition, type CaseDeps } from './commands.ts';
import { linkCases, mergeCase } from './linking.ts';
import { askSubmitter } from './submitterQuestion.ts';
import { placeholderError, unfilledPlaceholders } from '../answers/templates.ts';
import { CASE_NUMBER } from './formInput.ts';
import { OUTCOMES, type Outcome } from './lifecycle.ts';
import type { Lookups } from './lookups.ts';
import type { Actor, CaseAction } from './policy.ts';

/**
 * The forms on the case page, one per thing a person can do to a case. Each names the policy
 * action that decides whether it is offered (and accepted), the fields it posts, how they are
 * checked, and the command that does the work. Routes and views both read this table.
 */

export type ActionSlug = 'tilldela' | 'skicka' | 'paborja' | 'vanta' | 'ateruppta' | 'avsluta' | 'ateroppna' | 'anteckning' | 'lanka' | 'sla-ihop' | 'aterkalla';

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
  validate(values: Record<string, string>, ctx: ActionContext): FieldErrors;
  run(values: Record<string, string>, ctx: ActionContext): Promise<unknown>;
}

const MAX_TEXT = 10_000;
const tooLong = (v: string | undefined) => (v ?? '').length > MAX_TEXT;
const target = (ctx: ActionContext) => ({ actor: ctx.actor, number: ctx.number, expectedVersion: ctx.version });
const optionalComment = (label: string) => ({
  fields: { comment: label },
  validate: (v: Record<string, string>): FieldErrors => (tooLong(v.comment) ? { comment: 'Kommentaren får vara högst 10 000 tecken' } : {}),
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
    title: 'Tilldela handläggare',
    button: 'Tilldela',
    fields: { unitId: 'Enhet', handlerId: 'Handläggare' },
    doneKey: 'tilldelad',
    done: 'Ärendet är tilldelat. Handläggaren ser det under ”Mina ärenden”.',
    validate(v, ctx) {
      const errors: FieldErrors = {};
      if (v.unitId && !ctx.lookups.units.some((u) => u.id === v.unitId)) errors.unitId = 'Välj en enhet i listan';
      if (!v.handlerId) errors.handlerId = 'Välj en handläggare';
      else if (!ctx.lookups.handlers.some((h) => h.id === v.handlerId)) errors.handlerId = 'Välj en handläggare i listan';
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
    title: 'Skicka till annan förvaltning eller enhet',
    button: 'Skicka',
    fields: { unitId: 'Skicka till' },
    doneKey: 'skickat',
    done: 'Ärendet är skickat. Synpunktsansvarig där fördelar det till en handläggare.',
    validate(v, ctx): FieldErrors {
      if (!v.unitId) return { unitId: 'Välj vart ärendet ska skickas' };
      if (!ctx.lookups.units.some((u) => u.id === v.unitId)) return { unitId: 'Välj en förvaltning eller enhet i listan' };
      return {};
    },
    run: (v, ctx) => routeCase(ctx.deps, { ...target(ctx), unitId: v.unitId! }),
  },
  {
    slug: 'paborja',
    policy: 'start',
    title: 'Påbörja handläggningen',
    button: 'Påbörja',
    fields: {},
    doneKey: 'paborjat',
    done: 'Handläggningen är påbörjad.',
    validate: () => ({}),
    run: (_v, ctx) => simpleTransition(ctx.deps, { ...target(ctx), event: 'start' }),
  },
  {
    slug: 'vanta',
    policy: 'wait',
    title: 'Vänta på synpunktslämnaren',
    button: 'Vänta på synpunktslämnaren',
    fields: { question: 'Fråga till synpunktslämnaren' },
    doneKey: 'vantar',
    done: 'Frågan är skickad till synpunktslämnaren och visas på deras statussida, där de kan svara. Handläggningstiden står still tills de svarar eller du återupptar ärendet.',
    validate(v): FieldErrors {
      if (!v.question?.trim()) return { question: 'Skriv vad du vill fråga synpunktslämnaren' };
      if (tooLong(v.question)) return { question: 'Frågan får vara högst 10 000 tecken' };
      const holes = unfilledPlaceholders(v.question);
      return holes.length ? { question: placeholderError(holes) } : {};
    },
    run: (v, ctx) => askSubmitter(ctx.deps, { ...target(ctx), question: v.question!.trim() }),
  },
  {
    slug: 'ateruppta',
    policy: 'resume',
    title: 'Återuppta handläggningen',
    button: 'Återuppta',
    fields: {},
    doneKey: 'aterupptaget',
    done: 'Handläggningen är återupptagen och handläggningstiden räknas igen.',
    validate: () => ({}),
    run: (_v, ctx) => simpleTransition(ctx.deps, { ...target(ctx), event: 'resume' }),
  },
  {
    slug: 'avsluta',
    policy: 'close',
    title: 'Avsluta ärendet',
    button: 'Avsluta ärendet',
    fields: { outcome: 'Utfall', measures: 'Åtgärder' },
    doneKey: 'avslutat',
    done: 'Ärendet är avslutat.',
    validate(v) {
      const errors: FieldErrors = {};
      if (!(v.outcome! in OUTCOMES)) errors.outcome = 'Välj ett utfall';
      if (tooLong(v.measures)) errors.measures = 'Åtgärderna får vara högst 10 000 tecken';
      return errors;
    },
    run: (v, ctx) => closeCase(ctx.deps, { ...target(ctx), outcome: v.outcome as Outcome, measures: v.measures?.trim() || undefined }),
  },
  {
    slug: 'ateroppna',
    policy: 'reopen',
    title: 'Öppna ärendet igen',
    button: 'Öppna igen',
    ...optionalComment('Varför öppnas ärendet igen? (frivilligt)'),
    doneKey: 'ateroppnat',
    done: 'Ärendet är öppnat igen och handläggningen pågår.',
    run: (v, ctx) => simpleTransition(ctx.deps, { ...target(ctx), event: 'reopen', comment: comment(v) }),
  },
  {
    slug: 'anteckning',
    policy: 'note',
    title: 'Skriv en intern anteckning',
    button: 'Spara anteckningen',
    fields: { text: 'Anteckning' },
    doneKey: 'anteckning',
    done: 'Anteckningen är sparad.',
    validate(v): FieldErrors {
      if (!v.text?.trim()) return { text: 'Skriv anteckningen' };
      if (tooLong(v.text)) return { text: 'Anteckningen får vara högst 10 000 tecken' };
      return {};
    },
    // A note adds to the history without changing the case, so it never conflicts with another save.
    run: (v, ctx) => addNote(ctx.deps, { actor: ctx.actor, number: ctx.number, text: v.text!.trim() }),
  },
  {
    slug: 'lanka',
    policy: 'link',
    title: 'Länka till ett relaterat ärende',
    button: 'Länka',
    fields: { otherNumber: 'Ärendenummer att länka till' },
    doneKey: 'lankat',
    done: 'Ärendena är länkade till varandra.',
    validate: (v) => numberErrors(v, 'otherNumber'),
    run: (v, ctx) => linkCases(ctx.deps, { actor: ctx.actor, number: ctx.number, otherNumber: normalizeNumber(v.otherNumber!) }),
  },
  {
    slug: 'sla-ihop',
    policy: 'merge',
    title: 'Slå ihop med ett annat ärende (dubblett)',
    button: 'Slå ihop',
    fields: { intoNumber: 'Ärendet som det här slås ihop med' },
    doneKey: 'sammanslaget',
    done: 'Ärendet är sammanslaget. Handläggningen fortsätter i det andra ärendet.',
    validate: (v) => numberErrors(v, 'intoNumber'),
    run: (v, ctx) => mergeCase(ctx.deps, { ...target(ctx), intoNumber: normalizeNumber(v.intoNumber!) }),
  },
  {
    slug: 'aterkalla',
    policy: 'withdraw',
    title: 'Återkalla ärendet',
    button: 'Återkalla',
    ...optionalComment('Varför återkallas ärendet? (frivilligt)'),
    doneKey: 'aterkallat',
    done: 'Ärendet är återkallat.',
    run: (v, ctx) => simpleTransition(ctx.deps, { ...target(ctx), event: 'withdraw', comment: comment(v) }),
  },
];

const normalizeNumber = (s: string) => s.trim().toUpperCase();

function numberErrors(v: Record<string, string>, field: string): FieldErrors {
  const n = normalizeNumber(v[field] ?? '');
  if (!n) return { [field]: 'Skriv ärendenumret' };
  if (!CASE_NUMBER.test(n)) return { [field]: 'Skriv ärendenumret som SYN-ÅÅÅÅ-NNNNN, till exempel SYN-2026-00042' };
  return {};
}

export const actionBySlug = (slug: string) => CASE_ACTIONS.find((a) => a.slug === slug);

/** What the page says after a redirect, by the ?klart= key. Keys from other modules' pages are welcome here. */
export const DONE_MESSAGES: Record<string, string> = {
  ...Object.fromEntries(CASE_ACTIONS.map((a) => [a.doneKey, a.done])),
  registrerad: 'Ärendet är registrerat och skickat till förvaltningen.',
  'epost-last': 'Meddelandet är markerat som läst. Ärendet förblir avslutat.',
  hanvisat: 'Ärendet är hänvisat och avslutat.',
  'inte-handlagt': 'Ärendet är avslutat som inte handlagt.',
  skrap: 'Ärendet är markerat som skräp och avslutat utan svar. Det räknas inte med i statistiken.',
  // The answer page (answers module) comes back here with this key.
  besvarad: 'Svaret är sparat och finns under ”Konversation med synpunktslämnaren”.',
  // Records (modules/legalHold, modules/retention).
  bevarandestopp: 'Bevarandestoppet är lagt. Ärendet gallras inte och levereras inte förrän stoppet hävs.',
  'bevarandestopp-havt': 'Bevarandestoppet är hävt. Gallringsplanen gäller ärendet igen.',
  betydelse: 'Betydelsen är ändrad.',
  // The delay notice (modules/deadlines), by how the submitter is told.
  'forlangt-email': 'Svarsdatumet är ändrat. Synpunktslämnaren får besked med e-post om det nya datumet och varför.',
  'forlangt-letter': 'Svarsdatumet är ändrat. Beskedet till synpunktslämnaren är sparat som brev: skriv ut det och skicka det.',
  'forlangt-phone': 'Svarsdatumet är ändrat. Ring synpunktslämnaren och berätta om det nya datumet och varför; beskedet är sparat i ärendet.',
  // Forwarding to another organization (modules/forwarding), by how the submitter is told.
  'vidarebefordrat-email': 'Ärendet är vidarebefordrat och avslutat här. Synpunktslämnaren får besked med e-post om vart det gick och dess nya nummer.',
  'vidarebefordrat-letter': 'Ärendet är vidarebefordrat och avslutat här. Beskedet till synpunktslämnaren är sparat som brev: skriv ut det och skicka det.',
  'vidarebefordrat-phone': 'Ärendet är vidarebefordrat och avslutat här. Ring synpunktslämnaren och berätta vart det gick och dess nya nummer; beskedet är sparat i ärendet.',
  'vidarebefordrat-none': 'Ärendet är vidarebefordrat och avslutat här. Synpunktslämnaren är anonym och kan se vart det gick på sin statussida.',
  'forlangt-none': 'Svarsdatumet är ändrat. Synpunktslämnaren är anonym eller vill inte ha svar och får inget besked.',
};
