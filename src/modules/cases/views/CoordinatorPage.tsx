import type { Actor } from '../policy.ts';
import { StaffLayout } from '../../../platform/views/StaffLayout.tsx';
import { CaseTable, type CaseRowData } from './CaseTable.tsx';
import { SuccessBanner } from './SuccessBanner.tsx';
import { useI18n } from '../../../platform/i18n/context.ts';

export interface CoordinatorSection {
  id: string;
  title: string;
  rows: CaseRowData[];
  total: number;
  /** The same selection in the full case list. */
  moreHref: string;
  empty: string;
}

export interface CoordinatorScope {
  /** The förvaltning (or the whole organization) this block covers. */
  name: string;
  sections: CoordinatorSection[];
}

/** The synpunktsansvarig's overview: what waits for a handler, what is late, and the rest that is open; each case once. */
export function CoordinatorPage({ orgName, actor, csrf, scopes, today, showExcerpt, done }: { orgName: string; actor: Actor; csrf: string; scopes: CoordinatorScope[]; today: string; showExcerpt: boolean; done?: string }) {
  const i18n = useI18n();
  const { t } = i18n;
  const single = scopes.length === 1;
  return (
    <StaffLayout title={t('cases.coordinator.title')} orgName={orgName} actor={actor} csrf={csrf} current="/handlaggning/forvaltning">
      <SuccessBanner>{done}</SuccessBanner>
      <h1>{single ? scopes[0]!.name : t('cases.coordinator.headingMany')}</h1>
      <p class="lead">{t('cases.coordinator.lead')}</p>
      {scopes.map((scope, i) => {
        const Heading = single ? 'h2' : 'h3';
        return (
          <section key={scope.name} aria-labelledby={single ? undefined : `scope-${i}`}>
            {!single && <h2 id={`scope-${i}`}>{scope.name}</h2>}
            {scope.sections.map((s) => (
              <section key={s.id} aria-labelledby={`${s.id}-${i}`}>
                <Heading id={`${s.id}-${i}`}>
                  {t('cases.coordinator.sectionHeading', { title: s.title, total: s.total })}
                </Heading>
                {s.rows.length === 0 ? (
                  <p>{s.empty}</p>
                ) : (
                  <>
                    <CaseTable rows={s.rows} caption={`${s.title}, ${scope.name}`} today={today} showExcerpt={showExcerpt} />
                    {s.total > s.rows.length && (
                      <p>
                        <a href={s.moreHref}>
                          {i18n.rich(s.id === 'ovriga' ? 'cases.coordinator.showAllOpen' : 'cases.coordinator.showAll', {
                            total: s.total,
                            section: s.title.toLowerCase(),
                            scope: scope.name,
                            hidden: (c) => <span class="visually-hidden">{c}</span>,
                          })}
                        </a>
                      </p>
                    )}
                  </>
                )}
              </section>
            ))}
          </section>
        );
      })}
    </StaffLayout>
  );
}
