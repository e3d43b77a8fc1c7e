import type { ComponentChildren } from 'preact';
import { ErrorSummary } from '../../../platform/views/forms.tsx';
import { StaffLayout } from '../../../platform/views/StaffLayout.tsx';
import type { CaseActionDef } from '../caseActions.ts';
import type { CaseDetail } from '../detailQueries.ts';
import type { Lookups } from '../lookups.ts';
import type { Actor } from '../policy.ts';
import { ActionForms, errorTargets, type FormState } from './ActionForms.tsx';
import { CaseConnections, CaseAttachments } from './CaseConnections.tsx';
import { CaseFacts, SubmitterFacts } from './CaseFacts.tsx';
import { CaseHistory, CaseNotes } from './CaseHistory.tsx';
import { Conversation } from '../../mailin/views/Conversation.tsx';
import { AfterCloseNotice } from '../../mailin/views/AfterCloseNotice.tsx';
import { unreadAfterClose, type ConversationItem } from '../../mailin/conversation.ts';
import { FINAL_STATUSES, type Status } from '../lifecycle.ts';
import type { Names } from './eventDetails.tsx';
import { statusLabel } from './staffLabels.ts';
import { SuccessBanner } from './SuccessBanner.tsx';

export interface CasePageProps {
  orgName: string;
  actor: Actor;
  csrf: string;
  detail: CaseDetail;
  lookups: Lookups;
  names: Names;
  /** The actions this person may take now, in the order shown. */
  actions: readonly CaseActionDef[];
  /** Links to the pages that do the bigger steps. */
  links: { register: boolean; answer: boolean; extend: boolean; referOrReject: boolean; publish?: 'publicera' | 'publicerad' | null };
  /** Contact details and free text: only for the roles that may see personal data. */
  mayViewPersonal: boolean;
  needsAnswer: boolean;
  /** Mail in and messages out, oldest first (modules/mailin). */
  conversation: readonly ConversationItem[];
  form?: FormState;
  done?: string;
  /** Retention, legal hold and delivery (modules/retention/panel.tsx). */
  records?: ComponentChildren;
  /** The hand-over to the diarium (diarium/panel.tsx), for those who may. */
  diarium?: ComponentChildren;
}

/** Everything about one case, and what the person can do with it next. */
export function CasePage(p: CasePageProps) {
  const c = p.detail.case;
  const base = `/handlaggning/arenden/${c.number}`;
  const hasErrors = !!p.form && Object.keys(p.form.errors).length > 0;
  const anyAction = p.actions.length > 0 || p.links.register || p.links.answer || p.links.extend || p.links.referOrReject || !!p.links.publish;
  return (
    <StaffLayout title={`Ärende ${c.number}`} hasErrors={hasErrors} orgName={p.orgName} actor={p.actor} csrf={p.csrf}>
      {p.form && <ErrorSummary errors={p.form.errors} fieldIds={errorTargets(p.form)} />}
      <SuccessBanner>{p.done}</SuccessBanner>
      <p>
        <a href="/handlaggning/arenden">Tillbaka till ärendelistan</a>
      </p>
      <h1>
        Ärende {c.number} <span class="status-tag">{statusLabel(c.status)}</span>
      </h1>
      {c.confidential && (
        <div class="notice notice--confidential">
          <p>
            <strong class="tag-confidential">Sekretess</strong> Ärendet innehåller uppgifter som kan omfattas av sekretess enligt{' '}
            <strong>{c.confidentiality_ref ?? 'ett lagrum som inte har angetts'}</strong>. Pröva sekretessen innan något lämnas ut.
          </p>
        </div>
      )}
      {p.mayViewPersonal && FINAL_STATUSES.includes(c.status as Status) && (
        <AfterCloseNotice number={c.number} items={unreadAfterClose(p.conversation)} canReopen={p.actions.some((a) => a.slug === 'ateroppna')} csrf={p.csrf} />
      )}
      {c.is_internal && <p class="notice">Intern synpunkt från en medarbetare. Den publiceras aldrig.</p>}
      {c.merged_into_number && (
        <p class="notice">
          Sammanslaget med <a href={`/handlaggning/arenden/${c.merged_into_number}`}>{c.merged_into_number}</a>. Handläggningen fortsätter där.
        </p>
      )}

      <h2>Synpunkten</h2>
      {p.mayViewPersonal ? (
        <div class="inset">
          <p class="user-text" dir="auto">
            {c.description}
          </p>
          {c.location && (
            <p>
              <strong>Plats:</strong> <span class="user-text" dir="auto">{c.location}</span>
            </p>
          )}
        </div>
      ) : (
        <p>Synpunktens text kan innehålla personuppgifter och visas inte för din roll.</p>
      )}

      <h2>Uppgifter</h2>
      <CaseFacts detail={p.detail} />

      <h2>Synpunktslämnaren</h2>
      <SubmitterFacts detail={p.detail} mayViewContact={p.mayViewPersonal} />

      {anyAction && (
        <section aria-labelledby="handlaggning-rubrik">
          <h2 id="handlaggning-rubrik">Handläggning</h2>
          {(p.links.register || p.links.answer || p.links.extend || p.links.referOrReject || p.links.publish) && (
            <ul class="action-links">
              {p.links.register && (
                <li>
                  <a class="button" href={`${base}/registrera`}>
                    Registrera och fördela ärendet
                  </a>
                </li>
              )}
              {p.links.answer && (
                <li>
                  <a class="button" href={`${base}/svara`}>
                    Svara synpunktslämnaren
                  </a>
                </li>
              )}
              {p.links.extend && (
                <li>
                  <a href={`${base}/forlang`}>Flytta svarsdatum och meddela synpunktslämnaren</a>
                </li>
              )}
              {p.links.referOrReject && (
                <li>
                  <a href={`${base}/registrera#inte-synpunkt`}>Hänvisa eller avsluta som inte handlagd</a>
                </li>
              )}
              {p.links.referOrReject && (
                <li>
                  <a href={`${base}/vidarebefordra`}>Vidarebefordra till en annan organisation</a>
                </li>
              )}
              {p.links.publish && (
                <li>
                  <a href={`${base}/publicera`}>{p.links.publish === 'publicerad' ? 'Publicerad på webbplatsen – ändra eller avpublicera' : 'Publicera avidentifierat på webbplatsen'}</a>
                </li>
              )}
            </ul>
          )}
          <ActionForms defs={p.actions} detail={p.detail} lookups={p.lookups} csrf={p.csrf} form={p.form} needsAnswer={p.needsAnswer} />
        </section>
      )}

      <h2>Interna anteckningar</h2>
      <CaseNotes events={p.detail.events} showText={p.mayViewPersonal} />

      <h2 id="konversation-rubrik">Konversation med synpunktslämnaren</h2>
      <Conversation number={c.number} items={p.conversation} showText={p.mayViewPersonal} />

      <h2>Länkade och sammanslagna ärenden</h2>
      <CaseConnections detail={p.detail} />

      <h2>Bilagor</h2>
      <CaseAttachments number={c.number} attachments={p.detail.attachments} downloadable={p.mayViewPersonal} />

      {p.records}

      {p.diarium}

      <h2>Historik</h2>
      <CaseHistory events={p.detail.events} names={p.names} showText={p.mayViewPersonal} />
    </StaffLayout>
  );
}
