import type { CaseKind } from '../../db/schema.ts';
import type { Translator } from '../../platform/i18n/catalogue.ts';
import type { FieldErrors } from '../../platform/views/forms.tsx';
import { KINDS } from '../cases/labels.ts';
import { MAX_QUERY, type ArchiveFilter } from './archiveQueries.ts';
import { firstString } from '../../platform/formValue.ts';

/** The archive's query string as typed (kept in the form), and the filter it means. */
export interface ArchiveParams {
  q: string;
  omrade: string;
  forvaltning: string;
  typ: string;
  sida: string;
}


export function readArchiveParams(query: unknown): ArchiveParams {
  const q = query && typeof query === 'object' ? (query as Record<string, unknown>) : {};
  return { q: firstString(q.q), omrade: firstString(q.omrade), forvaltning: firstString(q.forvaltning), typ: firstString(q.typ), sida: firstString(q.sida) };
}

/**
 * Checks the parameters against the organization's own areas and förvaltningar. A page number
 * that is not a number is read as the first page; one past the end is kept as asked, so the page
 * can say there is nothing there rather than show another page under its number.
 */
export function archiveFilter(
  p: ArchiveParams,
  known: { areaIds: ReadonlySet<string>; forvaltningIds: ReadonlySet<string> },
  t: Translator['t'],
): { ok: true; value: ArchiveFilter } | { ok: false; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const q = p.q.trim();
  if ([...q].length > MAX_QUERY) errors.q = t('archive.error.q', { max: MAX_QUERY });
  if (p.omrade && !known.areaIds.has(p.omrade)) errors.omrade = t('archive.error.area');
  if (p.forvaltning && !known.forvaltningIds.has(p.forvaltning)) errors.forvaltning = t('archive.error.unit');
  if (p.typ && !KINDS.includes(p.typ as CaseKind)) errors.typ = t('archive.error.kind');
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  const page = /^\d{1,9}$/.test(p.sida) ? Math.max(Number(p.sida), 1) : 1;
  return {
    ok: true,
    value: { q: q || undefined, areaId: p.omrade || undefined, forvaltningId: p.forvaltning || undefined, kind: (p.typ || undefined) as CaseKind | undefined, page },
  };
}

/** The archive's address with these parameters (empty ones left out), for paging links. */
export function archiveHref(p: ArchiveParams, page: number): string {
  const s = new URLSearchParams();
  for (const k of ['q', 'omrade', 'forvaltning', 'typ'] as const) if (p[k].trim()) s.set(k, p[k].trim());
  if (page > 1) s.set('sida', String(page));
  const qs = s.toString();
  return qs ? `/svar?${qs}` : '/svar';
}
