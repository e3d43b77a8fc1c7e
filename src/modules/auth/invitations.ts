import type { Executor, Db, Tx } from '../../db/database.ts';
import { enqueueSends } from '../../platform/jobs.ts';
import { randomToken, sha256 } from '../../platform/secrets.ts';
import { logAdminChange } from '../admin/log.ts';
import { hashPassword } from './passwords.ts';
import { sv } from '../../platform/i18n/catalogue.ts';

export const INVITATION_DAYS = 7;
const TOKEN = /^[A-Za-z0-9_-]{43}$/;
const hashToken = (token: string) => sha256(`invitation:${token}`);

export interface NewInvitation {
  organizationId: string;
  userId: string;
  email: string;
  name: string;
  orgName: string;
  invitedBy: { id: string | null; name: string };
  /** Absolute URL of the organization's invitation page without the token: ".../inbjudan/". */
  linkBase: string;
  now: Date;
}

/**
 * Makes a one-time link for a person and the mail that carries it. Only the token's hash is
 * stored; the link is returned once, for the mail and for the admin to pass on by hand when no
 * mail transport is set up. Earlier open invitations of the person stop working.
 */
export async function createInvitation(tx: Tx, inv: NewInvitation): Promise<{ id: string; link: string; expiresAt: Date; subject: string; body: string }> {
  const token = randomToken(32);
  const link = `${inv.linkBase}${token}`;
  const expiresAt = new Date(inv.now.getTime() + INVITATION_DAYS * 24 * 3600_000);
  const subject = sv('auth.invitationMail.subject', { org: inv.orgName });
  const body = [
    sv('auth.invitationMail.greeting', { name: inv.name }),
    '',
    sv('auth.invitationMail.invited', { inviter: inv.invitedBy.name, org: inv.orgName }),
    sv('auth.invitationMail.follow', { days: INVITATION_DAYS }),
    '',
    link,
    '',
    sv('auth.invitationMail.ignore'),
  ].join('\n');
  await tx.updateTable('user_invitations').set({ revoked_at: inv.now }).where('user_id', '=', inv.userId).where('accepted_at', 'is', null).where('revoked_at', 'is', null).execute();
  const row = await tx
    .insertInto('user_invitations')
    .values({
      organization_id: inv.organizationId,
      user_id: inv.userId,
      token_hash: hashToken(token),
      email: inv.email,
      mail_subject: subject,
      mail_body: body,
      expires_at: expiresAt,
      created_by: inv.invitedBy.id,
      created_at: inv.now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  // The mail goes out like every other message (local outbox or SMTP), queued in this transaction.
  const message = await tx
    .insertInto('messages')
    .values({ organization_id: inv.organizationId, purpose: 'invitation', channel: 'email', recipient: inv.email, subject, body, status: 'queued', created_by: inv.invitedBy.id, created_at: inv.now })
    .returning('id')
    .executeTakeFirstOrThrow();
  await tx.updateTable('user_invitations').set({ message_id: message.id }).where('id', '=', row.id).execute();
  await enqueueSends(tx, [message.id]);
  return { id: row.id, link, expiresAt, subject, body };
}

export async function findOpenInvitation(db: Executor, organizationId: string, token: string, now: Date) {
  if (!TOKEN.test(token)) return undefined;
  return db
    .selectFrom('user_invitations as i')
    .innerJoin('users as u', 'u.id', 'i.user_id')
    .select(['i.id', 'i.email', 'u.name', 'i.expires_at'])
    .where('i.organization_id', '=', organizationId)
    .where('i.token_hash', '=', hashToken(token))
    .where('i.accepted_at', 'is', null)
    .where('i.revoked_at', 'is', null)
    .where('i.expires_at', '>', now)
    .where('u.active', '=', true)
    .executeTakeFirst();
}

/** Uses the link: sets the password (when the organization uses passwords) and closes the invitation. */
export async function acceptInvitation(db: Db, organizationId: string, token: string, password: string | null, now: Date): Promise<boolean> {
  const passwordHash = password ? await hashPassword(password) : null;
  return db.transaction().execute(async (tx) => {
    const inv = await tx
      .updateTable('user_invitations')
      .set({ accepted_at: now })
      .where('organization_id', '=', organizationId)
      .where('token_hash', '=', hashToken(token))
      .where('accepted_at', 'is', null)
      .where('revoked_at', 'is', null)
      .where('expires_at', '>', now)
      .returning(['id', 'user_id', 'email'])
      .executeTakeFirst();
    if (!inv) return false;
    if (passwordHash) await tx.updateTable('users').set({ password_hash: passwordHash }).where('id', '=', inv.user_id).execute();
    await logAdminChange(tx, {
      organizationId,
      actor: { id: inv.user_id, name: inv.email },
      action: 'accept',
      entityType: 'invitation',
      entityId: inv.id,
      summary: sv(passwordHash ? 'auth.invitation.logAcceptedWithPassword' : 'auth.invitation.logAccepted', { email: inv.email }),
      now,
    });
    return true;
  });
}
