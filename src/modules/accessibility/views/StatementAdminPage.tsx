import { ErrorSummary, Radios, TextArea, TextInput, type FieldErrors } from '../../../platform/views/forms.tsx';
import { StaffLayout } from '../../../platform/views/StaffLayout.tsx';
import type { Actor } from '../../cases/policy.ts';
import { STATEMENT_ADMIN_PATH, STATEMENT_PATH } from '../paths.ts';
import { MAX_SHORTCOMINGS, type StatementInput } from '../validation.ts';

export interface StatementAdminProps {
  orgName: string;
  actor: Actor;
  csrf: string;
  input: StatementInput;
  errors?: FieldErrors;
  saved?: boolean;
  /** Whether the organization has written its own statement or shows the default. */
  own: boolean;
}

/** The organization admin writes what only the organization knows; the frame is the same in every language. */
export function StatementAdminPage({ orgName, actor, csrf, input, errors = {}, saved, own }: StatementAdminProps) {
  const hasErrors = Object.keys(errors).length > 0;
  return (
    <StaffLayout title="Tillgänglighetsredogörelse" hasErrors={hasErrors} orgName={orgName} actor={actor} csrf={csrf} current="/admin">
      <p>
        <a href="/admin">Administration</a>
      </p>
      {saved && (
        <div class="success-banner" role="status">
          <p>Redogörelsen är sparad.</p>
        </div>
      )}
      <ErrorSummary errors={errors} />
      <h1>Tillgänglighetsredogörelse</h1>
      <p>
        Redogörelsen följer Diggs mall och visas på <a href={STATEMENT_PATH}>{STATEMENT_PATH}</a>, länkad från sidfoten på varje sida. Rubrikerna, lagens
        formuleringar, hur man rapporterar en brist och hur man kontaktar Digg står där på alla språk. Här fyller ni i det som bara ni kan veta.
        {own ? '' : ' Just nu visas standardtexten.'}
      </p>
      <form method="post" action={STATEMENT_ADMIN_PATH} novalidate>
        <input type="hidden" name="_csrf" value={csrf} />
        <Radios
          name="compliance"
          legend="Hur väl uppfyller tjänsten lagen om tillgänglighet till digital offentlig service?"
          value={input.compliance}
          error={errors.compliance}
          options={[
            { value: 'full', label: 'Helt förenlig' },
            { value: 'partial', label: 'Delvis förenlig', hint: 'Det finns brister, som ni beskriver nedan.' },
            { value: 'none', label: 'Inte förenlig' },
          ]}
        />
        <TextArea
          name="shortcomings"
          label="Kända brister"
          hint={`En brist per rad: vad som inte fungerar och, om det går, hur man kan göra i stället. Så länge standardtexten står kvar oförändrad visas den översatt på alla språk; en egen text visas på svenska. Lämna tomt om ni inte känner till några brister. Högst ${MAX_SHORTCOMINGS} tecken.`}
          value={input.shortcomings}
          error={errors.shortcomings}
          rows={8}
        />
        <Radios
          name="method"
          legend="Hur har tjänsten granskats?"
          value={input.method}
          error={errors.method}
          options={[
            { value: 'self', label: 'Självskattning (intern testning)' },
            { value: 'external', label: 'Extern granskning' },
          ]}
        />
        <TextInput name="assessor" label="Vem granskade? (vid extern granskning)" value={input.assessor} error={errors.assessor} maxLength={200} />
        <TextInput name="assessedOn" label="Datum för den senaste bedömningen" hint="Till exempel 2026-11-30." value={input.assessedOn} error={errors.assessedOn} inputmode="numeric" />
        <button type="submit">Spara</button>
      </form>
    </StaffLayout>
  );
}
