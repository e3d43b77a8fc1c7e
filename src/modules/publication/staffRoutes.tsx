import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { RedactionChoices } from '../../db/schema.ts';
import { DomainError, notFound } from '../../platform/errors.ts';
import { sv } from '../../platform/i18n/catalogue.ts';
import type { StaffKey } from '../../platform/i18n/staffKeys.ts';
import { staffArea } from '../../platform/staff.ts';
import type { FieldErrors } from '../../platform/views/forms.tsx';
import { sendPage } from '../../platform/views/render.ts';
import { loadCaseDetail } from '../cases/detailQueries.ts';
import type { Status } from '../cases/lifecycle.ts';
import { caseNumberParam, frame, staffActor } from '../cases/staffRequest.ts';
import { ConflictPage } from '../cases/views/ConflictPage.tsx';
import { orgSettings } from '../organizations/settings.ts';
import { discardDraft, publish, saveDraft, withdrawPublication, type PublicationDeps } from './commands.ts';
import { occurrences, propose, removedButPresent, suggestedTitle } from './draft.ts';
import { checkPublicText, type Flag } from './guard.ts';
import { mayPublish, publicationRefusals, sameActor } from './policy.ts';
import { keepListFor, loadPublication, originalsOf, submitterContactOf } from './queries.ts';
import { choicesFrom, newExtraError, parseExtras, parseRevision, readDraftForm, validateReason, validateText } from './validation.ts';
import { PublishPage, type PublishPageProps } from './views/PublishPage.tsx';

type Req = FastifyRequest<{ Params: { number: string }; Querystring: { klart?: string } }>;

const DONE: Record<string, StaffKey> = {
  sparat: 'publication.done.saved',
  publicerat: 'publication.done.published',
  avpublicerat: 'publication.done.withdrawn',
  'utkast-borttaget': 'publication.done.draftDiscarded',
};

const field = (body: unknown, name: string) => {
  const v = (body as Record<string, unknown> | undefined)?.[name];
  return typeof v === 'string' ? v : '';
};

/** The case page's "Publicera": the draft of a public version, its review, publishing and withdrawing. */
export const publicationStaffRoutes: FastifyPluginAsync<PublicationDeps> = async (app, deps) => {
  staffArea(app);

  async function context(req: Req) {
    const actor = staffActor(req);
    const number = caseNumberParam(req.params.number);
    const detail = number ? await loadCaseDetail(deps.db, actor, number) : undefined;
    if (!detail || !mayPublish(actor, detail.policy)) throw notFound(req.i18n.t('publication.routes.theCase'));
    const c = detail.case;
    return {
      actor,
      number: c.number,
      publication: await loadPublication(deps.db, c.id),
      originals: originalsOf(detail),
      keep: keepListFor(req.org),
      contact: submitterContactOf(detail),
      fourEyes: orgSettings(req.org).publicationFourEyes === true,
      refusals: publicationRefusals({ status: c.status as Status, anonymous: c.anonymous, internal: c.is_internal, confidential: c.confidential, optedOut: c.publication_opt_out }),
    };
  }
  type Ctx = Awaited<ReturnType<typeof context>>;

  interface State {
    choices: RedactionChoices;
    form: PublishPageProps['form'];
    notRewritten?: string[];
    errors?: FieldErrors;
    done?: string;
  }

  function render(req: Req, reply: FastifyReply, ctx: Ctx, s: State, status = 200) {
    const proposal = propose(ctx.originals, s.choices, ctx.keep, ctx.contact);
    const draft = ctx.publication?.draft;
    const check = checkPublicText(textsOf(s.form), ctx);
    const page = (
      <PublishPage
        {...frame(req, reply)}
        number={ctx.number}
        publication={ctx.publication}
        refusals={ctx.refusals}
        fourEyes={ctx.fourEyes}
        ownDraft={!!draft && sameActor(ctx.actor, { kind: draft.author_kind, id: draft.author_id })}
        originals={ctx.originals}
        findings={proposal.findings}
        extras={s.choices.extra ?? []}
        form={{ ...s.form, generatedQuestion: proposal.texts.question, generatedAnswer: proposal.texts.answer }}
        remaining={check.review}
        blocked={check.blocked}
        notRewritten={s.notRewritten ?? []}
        errors={s.errors}
        done={s.done}
      />
    );
    return sendPage(reply, page, status);
  }

  const path = (number: string) => `/handlaggning/arenden/${number}/publicera`;

  app.get(path(':number'), async (req: Req, reply) => {
    const ctx = await context(req);
    const saved = ctx.publication?.draft ?? ctx.publication?.current;
    const choices = saved?.redactions ?? {};
    const proposal = propose(ctx.originals, choices, ctx.keep, ctx.contact);
    const text = saved ?? { title: suggestedTitle(proposal.texts.question), question: proposal.texts.question, answer: proposal.texts.answer };
    const form = { title: text.title, question: text.question, answer: text.answer, generatedQuestion: '', generatedAnswer: '', newExtraText: '', newExtraKind: 'name' };
    return render(req, reply, ctx, { choices, form, done: req.query.klart && DONE[req.query.klart] ? req.i18n.t(DONE[req.query.klart]!) : undefined });
  });

  app.post(path(':number'), async (req: Req, reply) => {
    const ctx = await context(req);
    const f = readDraftForm(req.body);
    const revision = parseRevision(f.revision);
    if (revision === undefined) throw new DomainError('invalid', req.i18n.t('publication.error.noRevision'));
    const shown = propose(ctx.originals, { extra: parseExtras(f.extra) }, ctx.keep, ctx.contact);
    const formState = { title: f.title, question: f.question, answer: f.answer, generatedQuestion: '', generatedAnswer: '', newExtraText: f.newExtraText, newExtraKind: f.newExtraKind };
    const extraError = newExtraError(f, ctx.originals, (t, p) => occurrences(t, p).length > 0);
    if (extraError) return render(req, reply, ctx, { choices: choicesFrom(shown, { ...f, newExtraText: '' }), form: formState, errors: { newExtraText: extraError } }, 400);
    const choices = choicesFrom(shown, f);
    const proposal = propose(ctx.originals, choices, ctx.keep, ctx.contact);

    if (f.action === 'uppdatera') {
      const notRewritten: string[] = [];
      const next = { ...formState, newExtraText: '' };
      for (const [name, generated] of [['question', f.generatedQuestion], ['answer', f.generatedAnswer]] as const) {
        if (f[name].trim() === generated.trim() || f.replaceEdited) next[name] = proposal.texts[name];
        else notRewritten.push(name);
      }
      if (!next.title.trim()) next.title = suggestedTitle(proposal.texts.question);
      return render(req, reply, ctx, { choices, form: next, notRewritten });
    }

    const refuse = (errors: FieldErrors, status = 400) => render(req, reply, ctx, { choices, form: formState, errors }, status);
    if (f.newExtraText) return refuse({ newExtraText: req.i18n.t('publication.error.pendingExtra') });
    const valid = validateText(f);
    if (!valid.ok) return refuse(valid.errors);
    // What is never published blocks saving too; the rest is the reviewer's to confirm when publishing.
    const check = checkPublicText(textsOf(valid.value), ctx);
    const errors = { ...leftInErrors(proposal, valid.value), ...neverErrors(check.blocked) };
    if (Object.keys(errors).length > 0) return refuse(errors);
    if (f.action === 'publicera' && check.review.length > 0 && !f.confirmRemaining) {
      return refuse({ confirmRemaining: req.i18n.t('publication.error.confirmRemaining') });
    }

    const target = { actor: ctx.actor, number: ctx.number, revision };
    try {
      if (f.action === 'spara') await saveDraft(deps, { ...target, text: valid.value, choices });
      else await publish(deps, { ...target, text: valid.value, choices, confirmRemaining: f.confirmRemaining });
    } catch (err) {
      if (!(err instanceof DomainError) || err.code !== 'conflict') throw err;
      const reason = err.details?.reason;
      // The command's own guard, for a text that changed under the page's check: shown on the form.
      if (reason === 'never_published' || reason === 'personal_data') return refuse({ _form: err.message });
      if (reason === 'four_eyes') {
        const draft = ctx.publication?.draft;
        const edited = !!draft && !sameActor(ctx.actor, { kind: draft.author_kind, id: draft.author_id });
        const message = edited ? req.i18n.t('publication.error.editedBecomesDraft') : err.message;
        return refuse({ _form: message }, 409);
      }
      return sendPage(reply, <ConflictPage {...frame(req, reply)} number={ctx.number} message={err.message} what={req.i18n.t('publication.conflict.publish')} input={[[req.i18n.t('publication.conflict.title'), f.title], [req.i18n.t('publication.conflict.question'), f.question], [req.i18n.t('publication.conflict.answer'), f.answer]]} />, 409);
    }
    return reply.code(303).header('location', `${path(ctx.number)}?klart=${f.action === 'spara' ? 'sparat' : 'publicerat'}`).send();
  });

  app.post(`${path(':number')}/avpublicera`, async (req: Req, reply) => {
    const ctx = await context(req);
    const reason = field(req.body, 'reason').replace(/\r\n?/g, '\n');
    const revision = parseRevision(field(req.body, 'revision'));
    const current = ctx.publication?.current;
    const form = { title: current?.title ?? '', question: current?.question ?? '', answer: current?.answer ?? '', generatedQuestion: '', generatedAnswer: '', newExtraText: '', newExtraKind: 'name', reason };
    const error = validateReason(reason) ?? (revision === undefined ? req.i18n.t('publication.error.reload') : undefined);
    if (error) return render(req, reply, ctx, { choices: current?.redactions ?? {}, form, errors: { reason: error } }, 400);
    try {
      await withdrawPublication(deps, { actor: ctx.actor, number: ctx.number, revision: revision!, reason: reason.trim() });
    } catch (err) {
      if (!(err instanceof DomainError) || err.code !== 'conflict') throw err;
      return sendPage(reply, <ConflictPage {...frame(req, reply)} number={ctx.number} message={err.message} what={req.i18n.t('publication.conflict.withdraw')} input={[[req.i18n.t('publication.conflict.reason'), reason]]} />, 409);
    }
    return reply.code(303).header('location', `${path(ctx.number)}?klart=avpublicerat`).send();
  });

  app.post(`${path(':number')}/sla-bort-utkast`, async (req: Req, reply) => {
    const ctx = await context(req);
    const revision = parseRevision(field(req.body, 'revision'));
    try {
      await discardDraft(deps, { actor: ctx.actor, number: ctx.number, revision: revision ?? -1 });
    } catch (err) {
      if (!(err instanceof DomainError) || err.code !== 'conflict') throw err;
      return sendPage(reply, <ConflictPage {...frame(req, reply)} number={ctx.number} message={err.message} what={req.i18n.t('publication.conflict.discard')} input={[]} />, 409);
    }
    return reply.code(303).header('location', `${path(ctx.number)}?klart=utkast-borttaget`).send();
  });
};

const textsOf = (t: { title: string; question: string; answer: string }) => (['title', 'question', 'answer'] as const).map((field) => ({ field, text: t[field] }));

/** What is never published (guard.ts), as field errors: it has to go before anything is saved. */
function neverErrors(blocked: readonly Flag[]): FieldErrors {
  const errors: FieldErrors = {};
  for (const name of ['title', 'question', 'answer'] as const) {
    const values = [...new Set(blocked.filter((b) => b.field === name).map((b) => `”${b.value}”`))];
    if (values.length > 0) errors[name] = sv('publication.error.neverPublished', { values: values.join(', ') });
  }
  return errors;
}

/** Text the person chose to remove that is in the final text all the same, as field errors. */
function leftInErrors(proposal: ReturnType<typeof propose>, text: { title: string; question: string; answer: string }): FieldErrors {
  const errors: FieldErrors = {};
  for (const name of ['title', 'question', 'answer'] as const) {
    const left = removedButPresent(proposal, [text[name]]);
    if (left.length > 0) errors[name] = sv('publication.error.leftIn', { values: left.map((v) => `”${v}”`).join(', ') });
  }
  return errors;
}

