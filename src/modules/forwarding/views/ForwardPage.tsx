import type { Organization } from '../../../db/schema.ts';
import { ErrorSummary, Select, TextArea, type FieldErrors } from '../../../platform/views/forms.tsx';
import { StaffLayout } from '../../../platform/views/StaffLayout.tsx';
import type { Actor } from '../../cases/policy.ts';

export interface ForwardPageProps {
  org: Organization;
  actor: Actor;
  csrf: string;
  /** description: null for a role that may not see the submitter's text. */
  c: { number: string; description: string | null; version: number };
  targets: { id: string; name: string }[];
  /** Why the case cannot be forwarded, if it cannot. */
  refusal: string | null;
  values: { toOrganizationId: string; comment: string };
  errors?: FieldErrors;
}

export function ForwardPage({ org, actor, csrf, c, targets, refusal, values, errors = {} }: ForwardPageProps) {
  const title = `Vidarebefordra ${c.number}`;
  return (
    <StaffLayout title={title} hasErrors={Object.keys(errors).length > 0} orgName={org.name} actor={actor} csrf={csrf}>
      <ErrorSummary errors={errors} />
      <p>
        <a href={`/handlaggning/arenden/${c.number}`}>Tillbaka till ärendet</a>
      </p>
      <h1>{title}</h1>
      <p>
        Ärendet gäller en annan organisation i samma installation, till exempel ett kommunalt bolag eller ett förbund. Det hänvisas då härifrån och kommer in som ett nytt
        ärende där, med synpunkten, typen, kanalen, datumet det kom in och synpunktslämnarens kontaktuppgifter. De två ärendena länkas till varandra.
      </p>
      {c.description === null ? (
        <p>Synpunktens text kan innehålla personuppgifter och visas inte för din roll.</p>
      ) : (
        <blockquote class="user-text">{c.description.length > 600 ? `${c.description.slice(0, 600)} …` : c.description}</blockquote>
      )}
      {refusal ? (
        <p class="notice">{refusal}</p>
      ) : targets.length === 0 ? (
        <p class="notice">Det finns ingen annan organisation i installationen att vidarebefordra till.</p>
      ) : (
        <form method="post" action={`/handlaggning/arenden/${c.number}/vidarebefordra`} novalidate>
          <input type="hidden" name="_csrf" value={csrf} />
          <input type="hidden" name="version" value={String(c.version)} />
          <Select name="toOrganizationId" label="Till organisation" options={[{ value: '', label: 'Välj organisation' }, ...targets.map((t) => ({ value: t.id, label: t.name }))]} value={values.toOrganizationId} error={errors.toOrganizationId} />
          <TextArea name="comment" label="Kommentar till mottagaren (frivillig)" rows={3} value={values.comment} error={errors.comment} />
          <button type="submit">Vidarebefordra</button>
        </form>
      )}
    </StaffLayout>
  );
}
