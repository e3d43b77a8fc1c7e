import { answerCase, assignCase, closeCase, referCase, registerCase, rejectCase, markAsSpam, routeCase, simpleTransition, type CaseDeps } from '../cases/commands.ts';
import { mergeCase } from '../cases/linking.ts';
import type { Actor } from '../cases/policy.ts';
import type { ApiEvent, TransitionBody } from './schemas.ts';

/**
 * One API transition to the command that performs it. Each command is one transaction that
 * checks the policy, the lifecycle table, the guard and the version; nothing is checked twice here.
 */
export async function performTransition(deps: CaseDeps, actor: Actor, number: string, body: TransitionBody): Promise<void> {
  const target = { actor, number, expectedVersion: body.version };
  switch (body.event) {
    case 'register':
      await registerCase(deps, {
        ...target,
        classification: {
          kind: body.kind,
          areaId: body.areaId,
          subcategoryId: body.subcategoryId ?? null,
          significance: body.significance,
          confidential: body.confidential ?? false,
          confidentialityRef: body.confidentialityRef?.trim() || null,
          unitId: body.unitId,
        },
      });
      return;
    case 'route':
      await routeCase(deps, { ...target, unitId: body.unitId });
      return;
    case 'assign':
      await assignCase(deps, { ...target, handlerId: body.handlerId, unitId: body.unitId });
      return;
    case 'start':
    case 'wait':
    case 'resume':
    case 'reopen':
    case 'withdraw':
      await simpleTransition(deps, { ...target, event: body.event, comment: body.comment });
      return;
    case 'answer':
      await answerCase(deps, { ...target, message: { channel: body.channel, subject: body.subject, body: body.body, occurredOn: body.occurredOn } });
      return;
    case 'close':
      await closeCase(deps, { ...target, outcome: body.outcome, measures: body.measures });
      return;
    case 'refer':
      await referCase(deps, { ...target, referralType: body.referralType, reply: body.reply });
      return;
    case 'reject':
      await rejectCase(deps, { ...target, reason: body.reason, reply: body.reply });
      return;
    case 'spam':
      await markAsSpam(deps, target);
      return;
    case 'merge':
      await mergeCase(deps, { ...target, intoNumber: body.intoNumber });
      return;
    default: {
      const never: never = body;
      throw new Error(`Unhandled event ${(never as { event: ApiEvent }).event}`);
    }
  }
}
