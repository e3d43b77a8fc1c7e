import { coversWholeOrganization, type Actor } from '../cases/policy.ts';
import type { AuditScope } from './queries.ts';

/** Whoever sees the admin log page may export it: organization admins all of it, unit admins their förvaltningar's part. */
export function mayReadAuditLog(scope: AuditScope): boolean {
  return scope.organization || scope.allUnits || scope.unitRoots.length > 0;
}

/** The API feed is the whole organization's log: for keys with the administrator role. */
export function mayReadAuditFeed(actor: Pick<Actor, 'kind' | 'grants'>): boolean {
  return actor.kind === 'api_key' && coversWholeOrganization(actor, 'admin');
}
