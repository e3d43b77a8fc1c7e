import type { Actor } from '../policy.ts';
import { StaffLayout } from '../../../platform/views/StaffLayout.tsx';
import { CaseTable, type CaseRowData } from './CaseTable.tsx';
import { SuccessBanner } from './SuccessBanner.tsx';

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
  const single = scopes.length === 1;
  return (
    <StaffLayout title="Min förvaltning" orgName={orgName} actor={actor} csrf={csrf} current="/handlaggning/forvaltning">
      <SuccessBanner>{done}</SuccessBanner>
      <h1>{single ? scopes[0]!.name : 'Mina förvaltningar'}</h1>
      <p class="lead">Fördela nya ärenden, följ upp försenade och se allt annat som är öppet. Varje ärende står bara på ett ställe.</p>
      {scopes.map((scope, i) => {
        const Heading = single ? 'h2' : 'h3';
        return (
          <section key={scope.name} aria-labelledby={single ? undefined : `scope-${i}`}>
            {!single && <h2 id={`scope-${i}`}>{scope.name}</h2>}
            {scope.sections.map((s) => (
              <section key={s.id} aria-labelledby={`${s.id}-${i}`}>
                <Heading id={`${s.id}-${i}`}>
                  {s.title} ({s.total})
                </Heading>
                {s.rows.length === 0 ? (
                  <p>{s.empty}</p>
                ) : (
                  <>
                    <CaseTable rows={s.rows} caption={`${s.title}, ${scope.name}`} today={today} showExcerpt={showExcerpt} />
                    {s.total > s.rows.length && (
                      <p>
                        <a href={s.moreHref}>
                          Visa {s.id === 'ovriga' ? 'alla öppna' : `alla ${s.total}`} i ärendelistan<span class="visually-hidden">: {s.title.toLowerCase()}, {scope.name}</span>
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
