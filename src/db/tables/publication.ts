import type { ColumnType, Generated } from 'kysely';
import type { CaseKind } from './cases.ts';
import type { DateOnly, Json, Timestamp } from './columns.ts';

/** The person's choices on a draft: proposed findings they kept, and redactions they added. */
export interface RedactionChoices {
  /** Findings left in the text, as "field:start:end" (offsets into the original). */
  keep?: string[];
  /** Text the person asked to remove wherever it occurs, with the label to put in its place. */
  extra?: { kind: string; text: string }[];
}

export type PublicationActorKind = 'user' | 'api_key';

export interface PublicationVersionsTable {
  id: Generated<string>;
  case_id: string;
  number: number;
  title: string;
  question: string;
  answer: string;
  redactions: Json<RedactionChoices>;
  author_kind: PublicationActorKind;
  author_id: string;
  author_label: string;
  created_at: Timestamp;
  approver_kind: PublicationActorKind | null;
  approver_id: string | null;
  approver_label: string | null;
  approved_at: Timestamp | null;
}

export interface PublicationsTable {
  case_id: string;
  organization_id: string;
  case_number: string;
  revision: Generated<number>;
  draft_version_id: string | null;
  public_version_id: string | null;
  title: string | null;
  question: string | null;
  answer: string | null;
  kind: CaseKind | null;
  area_id: string | null;
  forvaltning_id: string | null;
  asked_on: DateOnly | null;
  answered_on: DateOnly | null;
  first_published_at: Timestamp | null;
  published_at: Timestamp | null;
  withdrawn_at: Timestamp | null;
  withdrawn_reason: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  search: ColumnType<string, never, never>;
}

export interface PublicationWordsTable {
  organization_id: string;
  word: string;
  documents: number;
}
