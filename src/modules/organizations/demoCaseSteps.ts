import type { Db } from '../../db/database.ts';
import { addCalendarDays, WorkingCalendar } from '../../platform/calendar.ts';
import { fixedClock, parseSwedishDateTimeLocal, swedishDate } from '../../platform/clock.ts';
import { outboxTransport } from '../../platform/mail.ts';
import { installationSecret } from '../../platform/secrets.ts';
import { grantsOf } from '../auth/queries.ts';
import { answerCase, assignCase, closeCase, referCase, registerCase, simpleTransition, type CaseDeps } from '../cases/commands.ts';
import type { Actor } from '../cases/policy.ts';
import { askSubmitter, replyToQuestion } from '../cases/submitterQuestion.ts';
import { newFormId, submitCase } from '../intake/commands.ts';
import { createAcknowledgement } from '../notifications/acknowledgement.ts';
import { sendMessage } from '../notifications/send.ts';
import { quickCase, registerOnBehalf } from '../registration/commands.ts';
import { DEMO_CASES, DEMO_REGISTRAR, type DemoCase, type When } from './demoCases.ts';

export interface DemoMail {
  publicUrl: string;
  from: string;
  replyTo: string;
}

const DEFAULT_MAIL: DemoMail = { publicUrl: 'http://localhost:3000', from: 'synpunkter@localhost', replyTo: 'synpunkter@localhost' };

/**
 * Replays DEMO_CASES through the commands the pages call, each step on a clock set to when it
 * happened, and does at that moment what the job runner would have done then: the acknowledgement
 * after an assignment, and "sending" each queued e-mail. The sample mail always goes to the local
 * outbox, never over SMTP, even when SMTP_URL is set: the submitters are made up. The send jobs
 * the commands enqueued then find their messages sent and do nothing. Returns the number of cases.
 */
export async function seedDemoCases(db: Db, organizationId: string, now: Date, mail: DemoMail = DEFAULT_MAIL): Promise<number> {
  const clock = fixedClock(now);
  const deps: CaseDeps = { db, clock, tokenSecret: await installationSecret(db, 'status-token'), publicUrl: mail.publicUrl };
  const transport = outboxTransport();
  const at = timeline(now);
  const ids = await lookups(db, organizationId);
  const org = await db.selectFrom('organizations').select(['id', 'slug', 'host_name', 'is_default', 'config_version']).where('id', '=', organizationId).executeTakeFirstOrThrow();
  const actors = new Map<string, Actor>();
  const actor = async (email: string) => {
    if (!actors.has(email)) {
      const u = await db.selectFrom('users').select(['id', 'name']).where('organization_id', '=', organizationId).where('email', '=', email).executeTakeFirstOrThrow();
      actors.set(email, { kind: 'user', id: u.id, name: u.name, organizationId, grants: await grantsOf(db, u.id) });
    }
    return actors.get(email)!;
  };

  /** Moves the clock, runs one step, then what the job runner would have run right after it. */
  const step = async (when: When | Date, caseId: () => string | undefined, run: () => Promise<unknown>) => {
    clock.set(when instanceof Date ? when : at(when));
    await run();
    const id = caseId();
    if (!id) return;
    const queued = await db.selectFrom('messages').select('id').where('case_id', '=', id).where('status', '=', 'queued').orderBy('created_at').execute();
    for (const m of queued) await sendMessage({ db, clock, transport, from: mail.from, replyTo: mail.replyTo }, m.id);
  };

  // Oldest first, so case numbers follow the order the cases came in.
  const cases = [...DEMO_CASES].sort((a, b) => at(a.received).getTime() - at(b.received).getTime());
  try {
    for (const c of cases) {
      const registrar = await actor(DEMO_REGISTRAR);
      let number = '';
      let id: string | undefined;
      const caseId = () => id;
      const target = async (email: string) => ({ actor: await actor(email), number });
      const classification = (r: NonNullable<DemoCase['register']>) => ({
        kind: c.kind,
        areaId: ids.area(r.area),
        subcategoryId: r.subcategory ? ids.subcategory(r.subcategory) : null,
        significance: r.important ? ('important' as const) : ('routine' as const),
        confidential: false,
        confidentialityRef: null,
        unitId: ids.unit(r.unit),
      });
      const contact = c.contact && { name: c.contact.name, email: c.contact.email ?? null, phone: c.contact.phone ?? null, address: c.contact.address ?? null, replyChannel: c.contact.replyChannel };
      const suggestedUnitId = c.suggestedUnit ? ids.unit(c.suggestedUnit) : null;

      if (c.quick && c.register) {
        // Registered a few minutes after the call, by the registrar who took it.
        await step(c.register.at, caseId, async () => {
          const made = await quickCase(deps, registrar, {
            kind: c.kind, description: c.description, channel: c.channel, receivedAt: at(c.received), confirmedWithSubmitter: true, contact,
            classification: classification(c.register!), outcome: c.quick!.outcome, answer: { channel: 'phone', body: c.quick!.answer },
          });
          ({ number, id } = made);
        });
        continue;
      }
      if (c.channel === 'web') {
        await step(c.received, caseId, async () => {
          const made = await submitCase(deps, org, { kind: c.kind, description: c.description, suggestedUnitId, anonymous: contact === null, contact }, newFormId(), [], 'sv');
          number = made.number;
          id = (await db.selectFrom('cases').select('id').where('organization_id', '=', organizationId).where('number', '=', number).executeTakeFirstOrThrow()).id;
        });
      } else {
        // Staff write down a call, letter or visit a little after it came.
        const received = at(c.received);
        await step(new Date(Math.min(received.getTime() + 10 * 60_000, now.getTime())), caseId, async () => {
          const made = await registerOnBehalf(deps, registrar, { kind: c.kind, description: c.description, channel: c.channel, receivedAt: received, confirmedWithSubmitter: true, contact, suggestedUnitId });
          ({ number, id } = made);
        });
      }
      if (c.refer) {
        const r = c.refer;
        await step(r.at, caseId, async () => referCase(deps, { ...(await target(DEMO_REGISTRAR)), referralType: r.type, reply: { channel: 'email', body: r.reply } }));
      }
      if (c.register) {
        const r = c.register;
        await step(r.at, caseId, async () => registerCase(deps, { ...(await target(DEMO_REGISTRAR)), classification: classification(r) }));
      }
      if (c.assign) {
        const a = c.assign;
        await step(a.at, caseId, async () => {
          await assignCase(deps, { ...(await target(a.by)), handlerId: (await actor(a.handler)).id });
          // The acknowledgement job the assignment enqueued, run when the worker would have run it.
          await db.transaction().execute((tx) => createAcknowledgement(tx, { clock, tokenSecret: deps.tokenSecret, publicUrl: mail.publicUrl }, id!, clock.now()));
        });
      }
      const handler = c.assign?.handler ?? DEMO_REGISTRAR;
      if (c.start) await step(c.start, caseId, async () => simpleTransition(deps, { ...(await target(handler)), event: 'start' }));
      if (c.ask) {
        const q = c.ask;
        await step(q.at, caseId, async () => askSubmitter(deps, { ...(await target(handler)), question: q.question }));
      }
      if (c.reply) await step(c.reply.at, caseId, () => replyToQuestion(deps, org, number, c.reply!.text));
      if (c.answer) {
        const a = c.answer;
        await step(a.at, caseId, async () => answerCase(deps, { ...(await target(handler)), message: { channel: a.channel, body: a.body } }));
      }
      if (c.close) {
        const k = c.close;
        await step(k.at, caseId, async () => closeCase(deps, { ...(await target(handler)), outcome: k.outcome, measures: k.measures }));
      }
    }
  } finally {
    transport.close();
  }
  return cases.length;
}

/**
 * When a step happened: N working days before today (today itself for 0, whatever day it is), at
 * a Swedish local time; never later than now, so a case "this morning" is not in the future.
 */
export function timeline(now: Date): (w: When) => Date {
  const cal = new WorkingCalendar();
  const today = swedishDate(now);
  return ([days, time]) => {
    let date = today;
    for (let left = days; left > 0; ) {
      date = addCalendarDays(date, -1);
      if (cal.isWorkingDay(date)) left--;
    }
    const t = parseSwedishDateTimeLocal(`${date}T${time}`) ?? parseSwedishDateTimeLocal(`${date}T12:00`)!;
    return days === 0 && t.getTime() > now.getTime() - 60_000 ? new Date(now.getTime() - 60_000) : t;
  };
}

/** Units and categories of the demo organization by name. */
async function lookups(db: Db, organizationId: string) {
  const units = await db.selectFrom('org_units').select(['id', 'name']).where('organization_id', '=', organizationId).execute();
  const cats = await db.selectFrom('categories').select(['id', 'name', 'level']).where('organization_id', '=', organizationId).execute();
  const find = (rows: { id: string; name: string }[], name: string) => rows.find((r) => r.name === name)?.id ?? fail(name);
  return {
    unit: (name: string) => find(units, name),
    area: (name: string) => find(cats.filter((c) => c.level === 'area'), name),
    subcategory: (name: string) => find(cats.filter((c) => c.level === 'subcategory'), name),
  };
}

function fail(name: string): never {
  throw new Error(`Demo data names "${name}", which Exempelkommun does not have`);
}
