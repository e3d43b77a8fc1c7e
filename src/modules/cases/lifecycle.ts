import type { Role } from '../../db/schema.ts';
import { catalogueLabels } from './catalogueLabels.ts';
import type { StaffKey } from '../../platform/i18n/staffKeys.ts';

/**
 * The case lifecycle: every status change a case can make, in one table.
 * Commands, policies, pages and the API all go through `findTransition`; a test walks every row.
 */
export const STATUSES = ['received', 'registered', 'assigned', 'in_progress', 'waiting', 'answered', 'closed', 'referred', 'not_handled', 'merged', 'withdrawn'] as const;
export type Status = (typeof STATUSES)[number];

export const OPEN_STATUSES: readonly Status[] = ['received', 'registered', 'assigned', 'in_progress', 'waiting', 'answered'];
/** Statuses where the case has left the process for good (reopen aside). */
export const FINAL_STATUSES: readonly Status[] = ['closed', 'referred', 'not_handled', 'merged', 'withdrawn'];
/** The statuses in which a case is late once its answer date has passed (waiting pauses the clock; answered is done). */
export const OVERDUE_STATUSES: readonly Status[] = ['registered', 'assigned', 'in_progress'];

/** Past its answer date and not yet answered: the list's "försenade" filter, its tag and the case page. */
export function isOverdue(c: { status: string; answer_by: string | null }, today: string): boolean {
  return c.answer_by !== null && c.answer_by < today && OVERDUE_STATUSES.includes(c.status as Status);
}

export type CaseEvent =
  | 'register'
  | 'route'
  | 'assign'
  | 'start'
  | 'wait'
  | 'resume'
  | 'answer'
  | 'close'
  | 'reopen'
  | 'refer'
  | 'reject'
  | 'merge'
  | 'withdraw'
  | 'quick_close'
  | 'spam';

/** What a guard sees: the case after the event's changes are applied. */
export interface GuardInput {
  anonymous: boolean;
  wantsAnswer: boolean;
  answered: boolean;
  unitId: string | null;
  handlerId: string | null;
  areaId: string | null;
  subcategoryId: string | null;
  subcategoryRequired: boolean;
  significance: string | null;
  kind: string | null;
  outcome: string | null;
  referralType: string | null;
  mergedIntoId: string | null;
  confidential: boolean;
  confidentialityRef: string | null;
}

/** A guard returns null when the transition may happen, otherwise the reason in Swedish. */
/** The catalogue key of what is missing (transition.ts shows its text and passes the key on), or null. */
export type Guard = (c: GuardInput) => StaffKey | null;

export interface Transition {
  from: readonly Status[];
  event: CaseEvent;
  /** 'same' keeps the current status (reassigning a case in progress, for example). */
  to: Status | 'same';
  /** Roles that may perform it, within their units. 'assigned_handler' is the case's own handler. */
  who: readonly (Role | 'assigned_handler')[];
  guard?: Guard;
  /** Shown to the submitter on the status page. */
  visibleToSubmitter: boolean;
}

const all = (...guards: Guard[]): Guard => (c) => guards.map((g) => g(c)).find((r) => r !== null) ?? null;
const needs = (ok: (c: GuardInput) => boolean, reason: StaffKey): Guard => (c) => (ok(c) ? null : reason);

const classified: Guard = all(
  needs((c) => c.kind !== null, 'cases.guard.kind'),
  needs((c) => c.areaId !== null, 'cases.guard.area'),
  needs((c) => !c.subcategoryRequired || c.subcategoryId !== null, 'cases.guard.subcategory'),
  needs((c) => c.significance !== null, 'cases.guard.significance'),
  needs((c) => c.unitId !== null, 'cases.guard.unit'),
  needs((c) => !c.confidential || !!c.confidentialityRef?.trim(), 'cases.guard.lagrum'),
);
const hasHandler = needs((c) => c.handlerId !== null, 'cases.guard.handler');
const reachable = needs((c) => !c.anonymous, 'cases.guard.anonymous');
const answerable = all(reachable, needs((c) => c.wantsAnswer, 'cases.guard.noAnswerWanted'));
const hasOutcome = needs((c) => !!c.outcome?.trim(), 'cases.guard.outcome');
const answeredIfWanted = needs(
  (c) => c.anonymous || !c.wantsAnswer || c.answered,
  'cases.guard.answerFirst',
);
const hasReferral = needs((c) => !!c.referralType, 'cases.guard.referral');
const hasTarget = needs((c) => c.mergedIntoId !== null, 'cases.guard.mergeTarget');

const STAFF_WHO_DISTRIBUTE = ['registrar', 'coordinator', 'admin'] as const;
const HANDLING = ['assigned_handler', 'coordinator', 'admin'] as const;

export const TRANSITIONS: readonly Transition[] = [
  { from: ['received'], event: 'register', to: 'registered', who: ['registrar', 'admin'], guard: classified, visibleToSubmitter: true },
  { from: ['registered', 'assigned'], event: 'route', to: 'registered', who: STAFF_WHO_DISTRIBUTE, guard: needs((c) => c.unitId !== null, 'cases.guard.routeUnit'), visibleToSubmitter: false },
  { from: ['registered'], event: 'assign', to: 'assigned', who: STAFF_WHO_DISTRIBUTE, guard: hasHandler, visibleToSubmitter: true },
  { from: ['assigned', 'in_progress', 'waiting'], event: 'assign', to: 'same', who: STAFF_WHO_DISTRIBUTE, guard: hasHandler, visibleToSubmitter: false },
  { from: ['assigned'], event: 'start', to: 'in_progress', who: HANDLING, visibleToSubmitter: true },
  { from: ['assigned', 'in_progress'], event: 'wait', to: 'waiting', who: HANDLING, guard: reachable, visibleToSubmitter: true },
  { from: ['waiting'], event: 'resume', to: 'in_progress', who: HANDLING, visibleToSubmitter: true },
  { from: ['assigned', 'in_progress', 'waiting', 'answered'], event: 'answer', to: 'answered', who: HANDLING, guard: answerable, visibleToSubmitter: true },
  { from: ['assigned', 'in_progress', 'answered'], event: 'close', to: 'closed', who: HANDLING, guard: all(hasOutcome, answeredIfWanted), visibleToSubmitter: true },
  { from: ['closed', 'answered'], event: 'reopen', to: 'in_progress', who: HANDLING, guard: hasHandler, visibleToSubmitter: true },
  { from: ['received', 'registered', 'assigned'], event: 'refer', to: 'referred', who: ['registrar', 'coordinator', 'admin'], guard: hasReferral, visibleToSubmitter: true },
  { from: ['received', 'registered', 'assigned'], event: 'reject', to: 'not_handled', who: ['registrar', 'coordinator', 'admin'], visibleToSubmitter: true },
  // Spam (advertising, nonsense, a mail bomb): not handled and never answered, with the outcome
  // 'spam' so statistics leave it out of everything and count it apart. Nobody to tell, so not shown.
  { from: ['received', 'registered', 'assigned'], event: 'spam', to: 'not_handled', who: ['registrar', 'coordinator', 'admin'], visibleToSubmitter: false },
  { from: ['received', 'registered', 'assigned', 'in_progress', 'waiting'], event: 'merge', to: 'merged', who: ['registrar', 'coordinator', 'admin', 'assigned_handler'], guard: hasTarget, visibleToSubmitter: true },
  // Snabbsynpunkt: registered, answered on the spot and closed in one step by whoever dealt with it.
  { from: ['received'], event: 'quick_close', to: 'closed', who: ['registrar', 'coordinator', 'handler', 'admin'], guard: all(classified, hasOutcome), visibleToSubmitter: true },
  { from: ['received', 'registered', 'assigned', 'in_progress', 'waiting', 'answered'], event: 'withdraw', to: 'withdrawn', who: ['registrar', 'coordinator', 'admin', 'assigned_handler'], visibleToSubmitter: true },
];

export const EVENTS: readonly CaseEvent[] = [...new Set(TRANSITIONS.map((t) => t.event))];

export function findTransition(from: Status, event: CaseEvent): Transition | undefined {
  return TRANSITIONS.find((t) => t.event === event && t.from.includes(from));
}

export function targetStatus(t: Transition, from: Status): Status {
  return t.to === 'same' ? from : t.to;
}

/** Events possible from a status, for offering only the actions that make sense. */
export function eventsFrom(status: Status): CaseEvent[] {
  return TRANSITIONS.filter((t) => t.from.includes(status)).map((t) => t.event);
}

export const REFERRAL_TYPES = catalogueLabels('cases.referral', ['fault_report', 'appeal', 'deviation', 'school_harassment', 'other_authority', 'other_organization'] as const);
export type ReferralType = keyof typeof REFERRAL_TYPES;

export const OUTCOMES = catalogueLabels('cases.outcome', ['answered', 'measure_taken', 'no_measure', 'noted', 'forwarded'] as const);
export type Outcome = keyof typeof OUTCOMES;
/** The outcome of a case marked as spam (event 'spam'); not one a person picks when closing. */
export const SPAM_OUTCOME = 'spam';

export const EVENT_LABEL: Record<CaseEvent | 'received' | 'note' | 'measure' | 'link' | 'update' | 'message' | 'deadline' | 'mail_in' | 'mail_released' | 'submitter_reply' | 'submitter_addition' | `publication_${'draft' | 'published' | 'withdrawn' | 'discarded'}` | 'legal_hold' | 'legal_hold_lifted' | 'significance' | 'publication_declined' | 'publication_allowed' | 'exported' | 'contact_pseudonymised', string> = catalogueLabels('cases.event', ['received', 'register', 'route', 'assign', 'start', 'wait', 'resume', 'answer', 'close', 'reopen', 'refer', 'reject', 'merge', 'withdraw', 'quick_close', 'spam', 'note', 'measure', 'link', 'update', 'message', 'deadline', 'mail_in', 'mail_released', 'submitter_reply', 'submitter_addition', 'publication_draft', 'publication_published', 'publication_withdrawn', 'publication_discarded', 'legal_hold', 'legal_hold_lifted', 'significance', 'publication_declined', 'publication_allowed', 'exported', 'contact_pseudonymised'] as const);
