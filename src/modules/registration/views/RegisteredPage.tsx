import { StaffLayout } from '../../../platform/views/StaffLayout.tsx';
import type { Actor } from '../../cases/policy.ts';
import { REGISTER_PATH } from './RegisterPage.tsx';

interface Props {
  orgName: string;
  actor: Actor;
  csrf: string;
  number: string;
  mode: 'normal' | 'quick' | 'internal';
  /** The submitter's private status link; absent for internal cases, which have no outside submitter. */
  statusUrl?: string;
  /** Whether this user may open the case page (after routing the registering person may not). */
  canOpen: boolean;
}

const WHAT_NEXT = {
  normal: 'Synpunkten ligger nu i registratorns inkorg och klassas och fördelas därifrån.',
  quick: 'Snabbsynpunkten är registrerad, besvarad och avslutad.',
  internal: 'Den interna synpunkten går via registratorn till den verksamhet du valde och besvaras av närmaste chef. Den publiceras aldrig.',
} as const;

export function RegisteredPage({ orgName, actor, csrf, number, mode, statusUrl, canOpen }: Props) {
  return (
    <StaffLayout title={`Registrerad – ärende ${number}`} orgName={orgName} actor={actor} csrf={csrf} current={REGISTER_PATH}>
      <div class="panel">
        <h1>Synpunkten är registrerad</h1>
        <p>
          Ärendenummer
          <br />
          <span class="case-number">{number}</span>
        </p>
      </div>
      <p>{WHAT_NEXT[mode]}</p>
      {statusUrl && (
        <>
          <h2>Ge personen ärendenumret och länken</h2>
          <p>Med den här privata länken kan personen följa ärendet utan att logga in. Läs upp den, eller skicka den med brev eller e-post:</p>
          <p class="break">
            <a href={statusUrl}>{statusUrl}</a>
          </p>
          <p class="muted">Länken ger tillgång till synpunkten. Lämna den bara till personen som lämnade synpunkten.</p>
        </>
      )}
      <ul>
        {canOpen && (
          <li>
            <a href={`/handlaggning/arenden/${number}`}>Öppna ärende {number}</a>
          </li>
        )}
        <li>
          <a href={REGISTER_PATH}>Registrera en synpunkt till</a>
        </li>
      </ul>
    </StaffLayout>
  );
}
