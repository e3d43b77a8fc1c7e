import type { Status } from './lifecycle.ts';

/** What a staff case list is narrowed to: the list's filter form, the API's query and the statistics drill-down. */
export interface CaseFilter {
  status?: Status[];
  /** 'open' as a shorthand for every open status. */
  open?: boolean;
  kind?: string[];
  areaId?: string;
  unitId?: string;
  handlerId?: string;
  /** Only cases with no handler yet. */
  unassigned?: boolean;
  receivedFrom?: string;
  receivedTo?: string;
  /** true: past the answer date and not answered; false: everything else. */
  overdue?: boolean;
  q?: string;
  internal?: boolean;
  // For the statistics drill-down (modules/statistics/drilldown.ts): each number on the
  // statistics pages links to the list with the filter that gives exactly its cases.
  /** 'none': not yet classified. (areaId, subcategoryId and unitId take 'none' the same way.) */
  subcategoryId?: string;
  channel?: string;
  /** Exactly this unit, not its subtree. */
  unitExact?: string;
  /** Units of the förvaltningar this nämnd is responsible for. */
  committee?: string;
  /** 'none': not referred; 'any': referred anywhere; otherwise the referral type. */
  referral?: string;
  /** Merged into another case (a duplicate). */
  merged?: boolean;
  /** false: not handled (offensive content or spam, status not_handled). */
  handled?: boolean;
  /** Marked as spam (not handled, outcome spam). */
  spam?: boolean;
  /** Has a first answer to the submitter. */
  answered?: boolean;
  /** How the acknowledgement or answer deadline went (see statistics/sqlParts.ts). */
  deadline?: 'ack_ok' | 'ack_late' | 'answer_ok' | 'answer_late';
  closedFrom?: string;
  closedTo?: string;
  /** A measure (åtgärd) is recorded on the case. */
  hasMeasure?: boolean;
}
