import type { Actor } from '../cases/policy.ts';

/** Registrars and admins for the whole organization: the people whose inbox mail lands in. */
export const mayTriageMail = (actor: Actor) => actor.grants.some((g) => (g.role === 'registrar' || g.role === 'admin') && g.unitId === null);
