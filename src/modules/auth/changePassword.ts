import type { Db } from '../../db/database.ts';
import { sv } from '../../platform/i18n/catalogue.ts';
import type { FieldErrors } from '../../platform/views/forms.tsx';
import { logAdminChange } from '../admin/log.ts';
import { hashPassword, MIN_PASSWORD_LENGTH, verifyPassword } from './passwords.ts';
import { hashSessionId } from './sessions.ts';

export interface PasswordChange {
  current: string;
  password: string;
  confirm: string;
}

/** What can be checked without the database: every field, in the order a person fills them in. */
export function passwordChangeErrors(input: PasswordChange): FieldErrors {
  const errors: FieldErrors = {};
  if (!input.current) errors.current = sv('auth.changePassword.currentMissing');
  if ([...input.password].length < MIN_PASSWORD_LENGTH) errors.password = sv('auth.changePassword.tooShort', { n: MIN_PASSWORD_LENGTH });
  else if (input.password !== input.confirm) errors.confirm = sv('auth.changePassword.mismatch');
  return errors;
}

/**
 * Sets a signed-in user's own password and clears the must-change flag, with its log row, in one
 * transaction. The user row is locked, so two submits cannot both pass the check against the old hash.
 * Every other session of the user ends: whoever signed in with the old password (a lost laptop, the
 * published demo password) is out; the session that made the change goes on.
 */
export async function changeOwnPassword(
  db: Db,
  user: { id: string; name: string; organizationId: string; sessionId: string | null },
  input: PasswordChange,
  now: Date,
): Promise<{ ok: true } | { ok: false; errors: FieldErrors }> {
  const newHash = await hashPassword(input.password);
  return db.transaction().execute(async (tx): Promise<{ ok: true } | { ok: false; errors: FieldErrors }> => {
    const row = await tx.selectFrom('users').select('password_hash').where('id', '=', user.id).forUpdate().executeTakeFirst();
    if (!row?.password_hash || !(await verifyPassword(row.password_hash, input.current))) {
      return { ok: false, errors: { current: sv('auth.changePassword.currentWrong') } };
    }
    if (await verifyPassword(row.password_hash, input.password)) {
      return { ok: false, errors: { password: sv('auth.changePassword.same') } };
    }
    await tx.updateTable('users').set({ password_hash: newHash, must_change_password: false, failed_logins: 0 }).where('id', '=', user.id).execute();
    let others = tx.deleteFrom('sessions').where('user_id', '=', user.id);
    if (user.sessionId) others = others.where('id_hash', '<>', hashSessionId(user.sessionId));
    await others.execute();
    await logAdminChange(tx, {
      organizationId: user.organizationId,
      actor: { id: user.id, name: user.name },
      action: 'update',
      entityType: 'user',
      entityId: user.id,
      summary: `${user.name} bytte sitt lösenord`,
      now,
    });
    return { ok: true };
  });
}
