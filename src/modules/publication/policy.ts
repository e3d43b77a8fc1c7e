import { sv } from '../../platform/i18n/catalogue.ts';
import type { StaffKey } from '../../platform/i18n/staffKeys.ts';
import { can, type Actor, type PolicyCase } from '../cases/policy.ts';
import type { Status } from '../cases/lifecycle.ts';

/**
 * DOMAIN rule 19 as pure functions: which cases may get a public version, who may write and
 * approve it. The routes and commands load the facts; nothing here touches the database.
 */

/** What decides whether a case may be published at all. */
export interface PublishableFacts {
  status: Status;
  anonymous: boolean;
  internal: boolean;
  confidential: boolean;
  optedOut: boolean;
}

const ENDED_ELSEWHERE: Partial<Record<Status, StaffKey>> = {
  referred: 'publication.refusal.referred',
  not_handled: 'publication.refusal.notHandled',
  merged: 'publication.refusal.merged',
  withdrawn: 'publication.refusal.withdrawn',
};

/**
 * Every reason this case may not be published, in Swedish, so the page can show them all at
 * once; an empty list means it may. Hjo's rules: never anonymous, internal or confidential
 * cases; only answered ones; and never when the submitter said no.
 */
export function publicationRefusals(f: PublishableFacts): string[] {
  const reasons: string[] = [];
  if (f.anonymous) reasons.push(sv('publication.refusal.anonymous'));
  if (f.internal) reasons.push(sv('publication.refusal.internal'));
  if (f.confidential) reasons.push(sv('publication.refusal.confidential'));
  if (f.optedOut) reasons.push(sv('publication.refusal.optedOut'));
  const ended = ENDED_ELSEWHERE[f.status];
  if (ended) reasons.push(sv(ended));
  else if (f.status !== 'answered' && f.status !== 'closed') reasons.push(sv('publication.refusal.notAnswered'));
  return reasons;
}

/**
 * Who writes, approves and withdraws a case's public version: the people who may change the case
 * (its handler, and registrars, coordinators and admins over its unit). Someone who may not is
 * told the case does not exist, as everywhere else.
 */
export function mayPublish(actor: Actor, c: PolicyCase): boolean {
  return can(actor, 'edit', c) && can(actor, 'view_contact', c);
}

/** One person or one API key. */
export interface ActorRef {
  kind: 'user' | 'api_key';
  id: string;
}

export const actorRef = (a: Actor): ActorRef => ({ kind: a.kind, id: a.id });
export const sameActor = (a: ActorRef, b: ActorRef) => a.kind === b.kind && a.id === b.id;

/**
 * May this actor approve the draft written by `author`? With four eyes (an organization setting)
 * the approver is someone else; without, the person who reviewed it publishes it.
 */
export function approvalRefusal(actor: Actor, author: ActorRef, fourEyes: boolean): string | null {
  if (fourEyes && sameActor(actorRef(actor), author)) {
    return sv('publication.refusal.fourEyes');
  }
  return null;
}
