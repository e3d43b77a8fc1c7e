import { Fragment } from 'preact';
import type { Actor } from '../policy.ts';
import { StaffLayout } from '../../../platform/views/StaffLayout.tsx';

/**
 * Someone else saved the case first. Nothing was saved; the person gets back what they typed,
 * so they can look at the case as it is now and make their change again.
 */
export function ConflictPage({ orgName, actor, csrf, number, message, what, input }: { orgName: string; actor: Actor; csrf: string; number: string; message: string; what: string; input: [string, string][] }) {
  const shown = input.filter(([, v]) => v.trim() !== '');
  return (
    <StaffLayout title={`Ärende ${number} har ändrats`} hasErrors orgName={orgName} actor={actor} csrf={csrf}>
      <div class="error-summary" role="alert" aria-labelledby="konflikt-rubrik" tabindex={-1}>
        <h1 id="konflikt-rubrik">Ärende {number} har ändrats av någon annan</h1>
        <p>{message}</p>
      </div>
      <h2>Det här försökte du göra</h2>
      <p>{what}</p>
      {shown.length > 0 && (
        <>
          <p>Det du fyllde i finns kvar här, så att du kan kopiera det:</p>
          <dl class="summary-list">
            {shown.map(([label, value]) => (
              <Fragment key={label}>
                <dt>{label}</dt>
                <dd class="user-text" dir="auto">
                  {value}
                </dd>
              </Fragment>
            ))}
          </dl>
        </>
      )}
      <p>
        <a class="button" href={`/handlaggning/arenden/${number}`}>
          Öppna ärendet som det ser ut nu
        </a>
      </p>
    </StaffLayout>
  );
}
