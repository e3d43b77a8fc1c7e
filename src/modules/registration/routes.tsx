import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { toSwedishDateTimeLocal } from '../../platform/clock.ts';
import { DomainError, notFound } from '../../platform/errors.ts';
import { sv } from '../../platform/i18n/catalogue.ts';
import { staffArea } from '../../platform/staff.ts';
import { absoluteUrl } from '../../platform/tenant.ts';
import type { FieldErrors } from '../../platform/views/forms.tsx';
import { sendPage } from '../../platform/views/render.ts';
import type { CaseDeps } from '../cases/commands.ts';
import { mayRegisterOnBehalf, quickCase, registerOnBehalf } from './commands.ts';
import { can, canSee, type Actor } from '../cases/policy.ts';
import { policyCase } from '../cases/queries.ts';
import { statusTokenFor } from '../cases/statusToken.ts';
import { findCaseRegisteredBy, loadRegistrationChoices, type RegistrationChoices } from './queries.ts';
import { emptyRegistrationInput, readRegistrationInput, validateRegistration, type Registration, type RegistrationInput } from './validation.ts';
import { REGISTER_PATH, RegisterPage } from './views/RegisterPage.tsx';
import { RegisteredPage } from './views/RegisteredPage.tsx';

/** Command errors name fields by their data names; the form names some of them differently. */
const FIELD_OF_DETAIL: Record<string, keyof RegistrationInput> = { areaId: 'area', subcategoryId: 'subcategory', unitId: 'unit', handlerId: 'unit' };

export const registrationRoutes: FastifyPluginAsync<CaseDeps> = async (app, deps) => {
  staffArea(app);

  /** Only staff who work with cases register on someone's behalf; for others the page does not exist. */
  function staffActor(req: FastifyRequest): Actor {
    const actor = req.actor!;
    if (!mayRegisterOnBehalf(actor)) throw notFound();
    return actor;
  }

  async function showForm(req: FastifyRequest, reply: FastifyReply, actor: Actor, input: RegistrationInput, errors?: FieldErrors, loaded?: RegistrationChoices) {
    const choices = loaded ?? (await loadRegistrationChoices(deps.db, actor.organizationId));
    const page = <RegisterPage orgName={req.org.name} actor={actor} csrf={reply.generateCsrf()} choices={choices} input={input} errors={errors} />;
    return sendPage(reply, page, errors ? 400 : 200);
  }

  app.get(REGISTER_PATH, async (req, reply) => {
    const actor = staffActor(req);
    return showForm(req, reply, actor, emptyRegistrationInput(toSwedishDateTimeLocal(deps.clock.now())));
  });

  app.post(REGISTER_PATH, async (req, reply) => {
    const actor = staffActor(req);
    const read = readRegistrationInput(req.body);
    const choices = await loadRegistrationChoices(deps.db, actor.organizationId);
    const result = validateRegistration(read, choices, deps.clock.now());
    if (!result.ok) return showForm(req, reply, actor, read.input, result.errors, choices);

    const refused = quickCaseRefusal(actor, result.value, choices);
    if (refused) return showForm(req, reply, actor, read.input, { unit: refused }, choices);

    try {
      const { number } = result.value.mode === 'quick' ? await quickCase(deps, actor, result.value.quick) : await registerOnBehalf(deps, actor, result.value.onBehalf);
      return reply.code(303).header('location', `${REGISTER_PATH}/registrerad/${number}`).send();
    } catch (err) {
      // What only the database can tell (a unit closed meanwhile, a guard): shown on the form, input kept.
      if (!(err instanceof DomainError) || (err.code !== 'invalid' && err.code !== 'conflict')) throw err;
      const errors: FieldErrors = {};
      for (const [key, message] of Object.entries(err.details ?? {})) {
        const field = FIELD_OF_DETAIL[key] ?? (key in read.input ? (key as keyof RegistrationInput) : undefined);
        if (field) errors[field] = message;
      }
      if (Object.keys(errors).length === 0) errors.mode = err.message;
      return showForm(req, reply, actor, read.input, errors, choices);
    }
  });

  app.get<{ Params: { number: string } }>(`${REGISTER_PATH}/registrerad/:number`, async (req, reply) => {
    const actor = staffActor(req);
    const c = await findCaseRegisteredBy(deps.db, actor.organizationId, req.params.number, actor.id);
    if (!c) throw notFound(sv('registration.routes.theCase'));
    const mode = c.is_internal ? 'internal' : c.is_quick ? 'quick' : 'normal';
    // Recomputed from the case id rather than carried in the redirect, so the secret never sits in a URL or log.
    const statusUrl = c.is_internal ? undefined : absoluteUrl(req, `/arende/${statusTokenFor(deps.tokenSecret, c.id)}`);
    const page = <RegisteredPage orgName={req.org.name} actor={actor} csrf={reply.generateCsrf()} number={c.number} mode={mode} statusUrl={statusUrl} canOpen={canSee(actor, policyCase(c))} />;
    return sendPage(reply, page);
  });
};

/**
 * A quick case is closed at once by the person registering it, so they must be allowed to close
 * cases in the chosen unit. Checked before anything is stored, to answer on the form's unit field.
 */
function quickCaseRefusal(actor: Actor, r: Registration, choices: RegistrationChoices): string | null {
  if (r.mode !== 'quick') return null;
  const unit = choices.units.find((u) => u.id === r.quick.classification.unitId);
  const pc = { organizationId: actor.organizationId, status: 'received' as const, unitPath: unit?.ancestor_ids ?? [], handlerId: null, confidential: false };
  return can(actor, 'quick_close', pc) ? null : sv('registration.routes.quickRefused');
}
