import { coversWholeOrganization, type Actor } from '../cases/policy.ts';

/** Registrars and admins for the whole organization: the people whose inbox mail lands in. */
export const mayTriageMail = (actor: Actor) => coversWholeOrganization(actor, 'registrar', 'admin');
