import type { Actor } from '../../cases/policy.ts';
import { ErrorSummary, TextArea, type FieldErrors } from '../../../platform/views/forms.tsx';
import { StaffLayout } from '../../../platform/views/StaffLayout.tsx';

export interface HoldPageProps {
  orgName: string;
  actor: Actor;
  csrf: string;
  number: string;
  /** The active hold, when there is one: the page then lifts it. */
  hold: { reason: string | null; by: string; at: string } | null;
  reason?: string;
  errors?: FieldErrors;
}

/** Place a legal hold with a reason, or lift the one there is. */
export function HoldPage(p: HoldPageProps) {
  const errors = p.errors ?? {};
  const base = `/handlaggning/arenden/${p.number}`;
  const title = p.hold ? `Häv bevarandestopp – ${p.number}` : `Lägg bevarandestopp – ${p.number}`;
  return (
    <StaffLayout title={title} hasErrors={Object.keys(errors).length > 0} orgName={p.orgName} actor={p.actor} csrf={p.csrf}>
      <p>
        <a href={base}>Tillbaka till ärende {p.number}</a>
      </p>
      <ErrorSummary errors={errors} />
      <h1>{title}</h1>
      {p.hold ? (
        <>
          <p>
            Bevarandestoppet lades av {p.hold.by} {p.hold.at}
            {p.hold.reason ? (
              <>
                : <span class="user-text" dir="auto">{p.hold.reason}</span>
              </>
            ) : (
              '.'
            )}
          </p>
          <p>När stoppet hävs gäller gallringsplanen för ärendet igen.</p>
          <form method="post" action={`${base}/bevarandestopp/hav`}>
            <input type="hidden" name="_csrf" value={p.csrf} />
            <button type="submit">Häv bevarandestoppet</button>
          </form>
        </>
      ) : (
        <>
          <p>Ett ärende med bevarandestopp gallras inte och levereras inte till arkivet, oavsett gallringsplanen, tills stoppet hävs. Skälet sparas i ärendets historik.</p>
          <form method="post" action={`${base}/bevarandestopp`} novalidate>
            <input type="hidden" name="_csrf" value={p.csrf} />
            <TextArea name="reason" label="Skäl" hint="Till exempel en anmälan till JO, en rättsprocess eller en granskning, med diarienummer." value={p.reason ?? ''} error={errors.reason} rows={4} />
            <button type="submit">Lägg bevarandestopp</button>
          </form>
        </>
      )}
    </StaffLayout>
  );
}
