import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { DomainError, notFound } from '../../platform/errors.ts';
import { staffArea } from '../../platform/staff.ts';
import type { FieldErrors } from '../../platform/views/forms.tsx';
import { sendPage } from '../../platform/views/render.ts';
import { sv } from '../../platform/i18n/catalogue.ts';
// The frasbibliotek's placeholders are the answers module's; referral replies use the same ones.
import { fillTemplate, placeholderError, placeholderValues, unfilledPlaceholders } from '../answers/templates.ts';
import { visibleCase } from '../cases/caseRoutes.tsx';
import { markAsSpam, referCase, registerCase, rejectCase, type CaseDeps } from '../cases/commands.ts';
import type { CaseDetail } from '../cases/detailQueries.ts';
import { errorsFrom, isStale, readFields, readVersion } from '../cases/formInput.ts';
import { KIND_LABEL } from '../cases/labels.ts';
import { REFERRAL_TYPES, type ReferralType } from '../cases/lifecycle.ts';
import { forvaltningOf, loadLookups, unitLabel, type Lookups } from '../cases/lookups.ts';
import { can, hasRole, refusal, type Actor } from '../cases/policy.ts';
import { frame, staffActor } from '../cases/staffRequest.ts';
import { STALE_MESSAGE } from '../cases/transition.ts';
import type { FormState } from '../cases/views/ActionForms.tsx';
import { ConflictPage } from '../cases/views/ConflictPage.tsx';
import { SIGNIFICANCE_LABEL } from '../cases/views/staffLabels.ts';
import { validateClassification } from './classification.ts';
import { findReplyTemplate } from './queries.ts';
import { inboxRoutes } from './inboxRoutes.tsx';
import { notHandledReply, referralReply, REJECT_REASONS, replySubject, type RejectReason } from './replyTemplates.ts';
import { TriagePage, type ReplyRoute } from './views/TriagePage.tsx';

const MAX_REPLY = 10_000;

const unitNamed = (lookups: Lookups, id: string | undefined) => {
  const u = lookups.units.find((x) => x.id === id);
  return u ? unitLabel(u) : '';
};

type NumberRequest = FastifyRequest<{ Params: { number: string }; Querystring: { hanvisning?: string } }>;

/** Where a reply can go: the channel the submitter asked for, if they gave what it needs. */
function replyRoute(detail: CaseDetail): ReplyRoute | null {
  const k = detail.contact;
  if (detail.case.anonymous || !k || k.reply_channel === 'none') return null;
  const to = k.reply_channel === 'email' ? k.email : k.reply_channel === 'phone' ? k.phone : k.address;
  return to ? { channel: k.reply_channel, to } : null;
}

const mayTriage = (actor: Actor, detail: CaseDetail) => ({
  register: can(actor, 'register', detail.policy),
  refer: can(actor, 'refer', detail.policy),
  reject: can(actor, 'reject', detail.policy),
  spam: can(actor, 'spam', detail.policy),
});

/** After registering or referring: the registrar goes back to the inbox for the next one. */
/** The confirmation's ?klart= key, and for a case sent straight to a unit below a förvaltning that unit (?till=), named by the inbox. */
type Done = { klart: string; till?: string };

const afterTriage = (actor: Actor, number: string, done: Done) =>
  hasRole(actor, 'registrar', 'admin') ? `/handlaggning/inkorg?klart=${done.klart}&arende=${number}${done.till ? `&till=${done.till}` : ''}` : `/handlaggning/arenden/${number}?klart=${done.klart}`;

/** The registrar's inbox and the registration page: classify and route, refer, or reject. */
export const triageRoutes: FastifyPluginAsync<CaseDeps> = async (app, deps) => {
  staffArea(app);

  inboxRoutes(app, deps);

  async function renderTriage(req: FastifyRequest, reply: FastifyReply, detail: CaseDetail, opts: { status?: number; form?: FormState; referralType?: string } = {}) {
    const actor = staffActor(req);
    const may = mayTriage(actor, detail);
    const lookups = await loadLookups(deps.db, req.org);
    const org = req.org;
    const number = detail.case.number;
    const type = opts.referralType && opts.referralType in REFERRAL_TYPES ? (opts.referralType as ReferralType) : undefined;
    const [ownReferral, ownReject] = await Promise.all([
      type ? findReplyTemplate(deps.db, org.id, 'referral', type) : undefined,
      findReplyTemplate(deps.db, org.id, 'not_handled'),
    ]);
    // The organization's own templates use the frasbibliotek's placeholders; fill them as the answer page does.
    const forvaltning = forvaltningOf(lookups, detail.case.unit_id)?.forvaltning.name ?? org.name;
    const fill = (text: string) => fillTemplate(text, placeholderValues(detail.case, detail.contact?.name, actor.name, forvaltning));
    const page = (
      <TriagePage
        {...frame(req, reply)}
        detail={detail}
        lookups={lookups}
        may={may}
        mayViewPersonal={can(actor, 'view_contact', detail.policy)}
        reply={replyRoute(detail)}
        referral={type ? { type, body: ownReferral ? fill(ownReferral.body) : referralReply(org, number, type).body } : undefined}
        rejectBody={ownReject ? fill(ownReject.body) : notHandledReply(org, number).body}
        form={opts.form}
        backHref={hasRole(actor, 'registrar', 'admin') && detail.case.status === 'received' ? '/handlaggning/inkorg' : `/handlaggning/arenden/${number}`}
      />
    );
    return sendPage(reply, page, opts.status ?? 200);
  }

  app.get('/handlaggning/arenden/:number/registrera', async (req: NumberRequest, reply) => {
    const actor = staffActor(req);
    const detail = await visibleCase(deps, actor, req.params.number);
    const may = mayTriage(actor, detail);
    // Already registered, or not this person's to register: the case page says what can be done.
    if (!may.register && !may.refer && !may.reject && !may.spam) return reply.code(303).header('location', `/handlaggning/arenden/${detail.case.number}`).send();
    return renderTriage(req, reply, detail, { referralType: req.query.hanvisning });
  });

  /**
   * The three forms on the page share one shape: check the version and the policy, validate,
   * run the command; a stale form gets the conflict page, a refusal the page again with the reason.
   */
  function triagePost(
    slug: 'registrera' | 'hanvisa' | 'inte-handlagd' | 'skrap',
    spec: {
      title: string;
      fields: Record<string, string>;
      allowed: (may: ReturnType<typeof mayTriage>) => boolean;
      event: 'register' | 'refer' | 'reject' | 'spam';
      validate: (values: Record<string, string>, ctx: { lookups: Lookups; reply: ReplyRoute | null }) => FieldErrors;
      run: (values: Record<string, string>, ctx: { actor: Actor; number: string; version: number; lookups: Lookups; reply: ReplyRoute | null; org: FastifyRequest['org']; language: string | null }) => Promise<unknown>;
      /** The ?klart= key of the confirmation, or what it is after the choices made (where the case was sent). */
      doneKey: string | ((values: Record<string, string>, lookups: Lookups) => Done);
      echo?: (values: Record<string, string>, lookups: Lookups) => [string, string][];
    },
  ) {
    app.post(`/handlaggning/arenden/:number/${slug}`, async (req: NumberRequest, reply) => {
      const actor = staffActor(req);
      const detail = await visibleCase(deps, actor, req.params.number);
      const number = detail.case.number;
      const values = readFields(req.body, Object.keys(spec.fields));
      const version = readVersion(req.body);
      const lookups = await loadLookups(deps.db, req.org);
      const route = replyRoute(detail);
      const refuse = (status: number, errors: FieldErrors) => renderTriage(req, reply, detail, { status, form: { slug, values, errors }, referralType: values.referralType });
      const conflict = (message: string) => {
        const input = spec.echo ? spec.echo(values, lookups) : Object.entries(spec.fields).map(([f, label]): [string, string] => [label, values[f] ?? '']);
        return sendPage(reply, <ConflictPage {...frame(req, reply)} number={number} message={message} what={spec.title} input={input} />, 409);
      };

      if (version !== detail.case.version) return conflict(STALE_MESSAGE);
      if (!spec.allowed(mayTriage(actor, detail))) return refuse(409, { _form: refusal(actor, spec.event, detail.policy) ?? req.i18n.t('triage.routes.notPossible') });
      const errors = spec.validate(values, { lookups, reply: route });
      if (Object.keys(errors).length > 0) return refuse(400, errors);
      try {
        // A submitter who wrote in another language gets the subject in their language (replySubject), an e-mail also its footer (cases/messages.ts).
        await spec.run(values, { actor, number, version, lookups, reply: route, org: req.org, language: detail.case.language });
      } catch (err) {
        if (!(err instanceof DomainError) || err.code === 'not_found' || err.code === 'forbidden') throw err;
        if (isStale(err)) return conflict(err.message);
        return refuse(err.code === 'invalid' ? 400 : 409, errorsFrom(err, Object.keys(spec.fields)));
      }
      return reply.code(303).header('location', afterTriage(actor, number, typeof spec.doneKey === 'string' ? { klart: spec.doneKey } : spec.doneKey(values, lookups))).send();
    });
  }

  const replyText = (v: Record<string, string>, reply: ReplyRoute | null): FieldErrors => {
    if (!reply) return {};
    if (!v.reply?.trim()) return { reply: sv('triage.routes.replyMissing') };
    if (v.reply.length > MAX_REPLY) return { reply: sv('triage.routes.replyTooLong') };
    // The command refuses them too (cases/messages.ts); here the message lands on the field.
    const holes = unfilledPlaceholders(v.reply);
    return holes.length ? { reply: placeholderError(holes) } : {};
  };

  triagePost('registrera', {
    title: sv('triage.page.registerHeading'),
    fields: {
      kind: sv('triage.page.kind'),
      areaId: sv('triage.page.area'),
      unitId: sv('triage.routes.unit'),
      subcategoryId: sv('triage.page.subcategory'),
      significance: sv('triage.routes.significance'),
      confidential: sv('triage.page.confidentiality'),
      confidentialityRef: sv('triage.page.lagrum'),
    },
    allowed: (may) => may.register,
    event: 'register',
    validate: (v, { lookups }) => {
      const r = validateClassification(v, lookups);
      return r.ok ? {} : r.errors;
    },
    run: async (v, ctx) => {
      const r = validateClassification(v, ctx.lookups);
      if (!r.ok) throw new DomainError('invalid', sv('triage.routes.incomplete'), r.errors);
      return registerCase(deps, { actor: ctx.actor, number: ctx.number, expectedVersion: ctx.version, classification: r.value });
    },
    // Sent to a förvaltning, whose coordinator distributes it, or straight to a unit below one: the confirmation names that unit.
    doneKey: (v, lookups) => (lookups.units.find((u) => u.id === v.unitId)?.kind ?? 'forvaltning') === 'forvaltning' ? { klart: 'registrerad' } : { klart: 'registrerad-enhet', till: v.unitId },
    echo: (v, lookups) => [
      [sv('triage.page.kind'), KIND_LABEL[v.kind as keyof typeof KIND_LABEL] ?? v.kind ?? ''],
      [sv('triage.page.area'), lookups.categoryName(v.areaId) ?? ''],
      [sv('triage.routes.unit'), unitNamed(lookups, v.unitId)],
      [sv('triage.page.subcategory'), lookups.categoryName(v.subcategoryId) ?? ''],
      [sv('triage.routes.significance'), SIGNIFICANCE_LABEL[v.significance as keyof typeof SIGNIFICANCE_LABEL] ?? ''],
      [sv('triage.page.confidentiality'), v.confidential === 'ja' ? sv('triage.routes.confidentialYes', { lagrum: v.confidentialityRef ?? '' }) : sv('triage.routes.no')],
    ],
  });

  triagePost('hanvisa', {
    title: sv('triage.page.referHeading'),
    fields: { referralType: sv('triage.routes.referredAs'), reply: sv('triage.page.replyLabel') },
    allowed: (may) => may.refer,
    event: 'refer',
    validate: (v, { reply }) => ({
      ...(v.referralType! in REFERRAL_TYPES ? {} : { referralType: sv('triage.routes.chooseReferral') }),
      ...replyText(v, reply),
    }),
    run: (v, ctx) => {
      const type = v.referralType as ReferralType;
      const std = referralReply(ctx.org, ctx.number, type);
      return referCase(deps, {
        actor: ctx.actor,
        number: ctx.number,
        expectedVersion: ctx.version,
        referralType: type,
        reply: ctx.reply ? { channel: ctx.reply.channel, subject: replySubject(ctx.language, std.subject, ctx.number), body: v.reply!.trim() } : undefined,
      });
    },
    doneKey: 'hanvisat',
    echo: (v) => [
      [sv('triage.routes.referredAs'), REFERRAL_TYPES[v.referralType as ReferralType] ?? ''],
      [sv('triage.page.replyLabel'), v.reply ?? ''],
    ],
  });

  triagePost('inte-handlagd', {
    title: sv('triage.page.rejectHeading'),
    fields: { reason: sv('triage.page.reason'), reply: sv('triage.page.replyLabel') },
    allowed: (may) => may.reject,
    event: 'reject',
    validate: (v, { reply }) => ({
      ...(v.reason! in REJECT_REASONS ? {} : { reason: sv('triage.routes.chooseReason') }),
      ...replyText(v, reply),
    }),
    run: (v, ctx) =>
      rejectCase(deps, {
        actor: ctx.actor,
        number: ctx.number,
        expectedVersion: ctx.version,
        reason: REJECT_REASONS[v.reason as RejectReason],
        reply: ctx.reply ? { channel: ctx.reply.channel, subject: replySubject(ctx.language, notHandledReply(ctx.org, ctx.number).subject, ctx.number), body: v.reply!.trim() } : undefined,
      }),
    doneKey: 'inte-handlagt',
    echo: (v) => [
      [sv('triage.page.reason'), REJECT_REASONS[v.reason as RejectReason] ?? ''],
      [sv('triage.page.replyLabel'), v.reply ?? ''],
    ],
  });

  triagePost('skrap', {
    title: sv('triage.spam.heading'),
    fields: {},
    allowed: (may) => may.spam,
    event: 'spam',
    validate: () => ({}),
    run: (_v, ctx) => markAsSpam(deps, { actor: ctx.actor, number: ctx.number, expectedVersion: ctx.version }),
    doneKey: 'skrap',
  });
};
