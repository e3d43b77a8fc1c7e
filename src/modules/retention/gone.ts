import type { Executor } from '../../db/database.ts';
import { formatLongDate } from '../../platform/clock.ts';
import { DomainError } from '../../platform/errors.ts';
import { disposalOf } from './log.ts';

/** The answer for a disposed case: 410, with when and under which decision (the API passes both on). */
export async function disposedError(db: Executor, organizationId: string, number: string, disposedAt: Date): Promise<DomainError> {
  const entry = await disposalOf(db, organizationId, number);
  const decision = entry?.decision_ref ?? '';
  return new DomainError('gone', `Ärende ${number} gallrades ${formatLongDate(disposedAt)}${decision ? ` enligt beslut ${decision}` : ''}. Det som finns kvar står i gallringsloggen.`, {
    disposedAt: disposedAt.toISOString(),
    decision,
  });
}
