import type { CaseKind, Channel } from '../../db/schema.ts';
import { CHANNEL_LABEL, KINDS } from '../cases/labels.ts';
import { UUID } from '../cases/formInput.ts';
import { catalogueLabels } from '../cases/catalogueLabels.ts';
import { firstString } from '../../platform/formValue.ts';

/**
 * The inbox's search, filters, sort and page live in the query string (a GET form), so a view
 * can be bookmarked and works without JavaScript. Parameter names are Swedish: people see them.
 */
export interface InboxParams {
  /** A name, e-mail address, phone number, case number or words of the text. */
  q: string;
  typ: CaseKind | '';
  kanal: Channel | '';
  /** The förvaltning the submitter suggested: a unit id, 'ingen' (they did not know) or '' (any). */
  forvaltning: string;
  sortering: InboxSort;
  sida: number;
  /** 'alla': every box on the page ticked ("select all" without JavaScript). */
  markera: 'alla' | '';
}

export const INBOX_SORTS = catalogueLabels('triage.inboxSort', ['aldst', 'nyast', 'nummer'] as const);
export type InboxSort = keyof typeof INBOX_SORTS;

const one = (v: unknown): string => firstString(v).trim();

/** Values a person cannot pick in the form are ignored rather than reported. */
export function readInboxParams(query: unknown): InboxParams {
  const q = (query && typeof query === 'object' ? query : {}) as Record<string, unknown>;
  const typ = one(q.typ);
  const kanal = one(q.kanal);
  const forvaltning = one(q.forvaltning);
  const sort = one(q.sortering);
  const page = Number.parseInt(one(q.sida), 10);
  return {
    q: one(q.q).slice(0, 200),
    typ: (KINDS as readonly string[]).includes(typ) ? (typ as CaseKind) : '',
    kanal: kanal in CHANNEL_LABEL ? (kanal as Channel) : '',
    forvaltning: forvaltning === 'ingen' || UUID.test(forvaltning) ? forvaltning : '',
    sortering: sort in INBOX_SORTS ? (sort as InboxSort) : 'aldst',
    sida: Number.isFinite(page) && page > 0 && page < 100_000 ? page : 1,
    markera: one(q.markera) === 'alla' ? 'alla' : '',
  };
}

/** The inbox URL for these parameters with some changed; defaults are left out to keep links short. */
export function inboxHref(p: InboxParams, changes: Partial<InboxParams> = {}): string {
  const all = { ...p, ...changes };
  const qs = new URLSearchParams();
  if (all.q) qs.set('q', all.q);
  if (all.typ) qs.set('typ', all.typ);
  if (all.kanal) qs.set('kanal', all.kanal);
  if (all.forvaltning) qs.set('forvaltning', all.forvaltning);
  if (all.sortering !== 'aldst') qs.set('sortering', all.sortering);
  if (all.sida > 1) qs.set('sida', String(all.sida));
  if (all.markera) qs.set('markera', all.markera);
  const s = qs.toString();
  return s ? `/handlaggning/inkorg?${s}` : '/handlaggning/inkorg';
}

/** What a search for a phone number compares: digits only, a Swedish +46/0046 prefix as a leading 0. */
export function phoneDigits(s: string): string {
  return s.replace(/\D/g, '').replace(/^(00)?46(?=\d{7,})/, '0');
}
