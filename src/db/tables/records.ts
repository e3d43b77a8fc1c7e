import type { ColumnType, Generated } from 'kysely';
import type { CaseKind } from './cases.ts';
import type { DateOnly, Json, Timestamp } from './columns.ts';

/** Records management (migration 2026-12-01T1500): see modules/retention, legalHold, gdpr, earchive. */
export interface RetentionRulesTable {
  id: Generated<string>;
  organization_id: string;
  significance: 'important' | 'routine';
  kind: CaseKind | null;
  area_id: string | null;
  action: 'dispose' | 'keep';
  years: number;
  decision_ref: string;
  created_by: string | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface RetentionSettingsTable {
  organization_id: string;
  pseudonymise_on_request: Generated<boolean>;
  pseudonymise_after_months: number | null;
  archive_name: string | null;
  due_notified_through: DateOnly | null;
  updated_by: string | null;
  updated_at: Generated<Date>;
}

export interface LegalHoldsTable {
  id: Generated<string>;
  case_id: string;
  organization_id: string;
  reason: string;
  placed_by: string | null;
  placed_by_label: string;
  placed_at: Timestamp;
  lifted_by: string | null;
  lifted_by_label: string | null;
  lifted_at: Timestamp | null;
  /** Required for every hold lifted since 2026-12-05 (migration records_end). */
  lift_reason: string | null;
}

export interface DisposalRunsTable {
  id: Generated<string>;
  organization_id: string;
  decision_ref: string;
  due_on: DateOnly;
  rules: Json<unknown>;
  expected: number;
  disposed: Generated<number>;
  status: Generated<'running' | 'done'>;
  requested_by: string | null;
  requested_by_label: string;
  requested_at: Timestamp;
  finished_at: Timestamp | null;
}

export interface DisposalLogTable {
  id: Generated<string>;
  organization_id: string;
  run_id: string;
  case_id: string;
  case_number: string;
  received_on: DateOnly;
  kind: CaseKind;
  area_name: string | null;
  forvaltning_name: string | null;
  closed_on: DateOnly;
  rule_text: string;
  rule_decision_ref: string;
  decision_ref: string;
  disposed_at: Timestamp;
  disposed_by: string | null;
  disposed_by_label: string;
}

export interface DataSubjectRequestsTable {
  id: Generated<string>;
  organization_id: string;
  type: 'extract' | 'erasure';
  identifier_kind: 'email' | 'phone' | 'personnummer';
  identifier_masked: string;
  case_ids: ColumnType<string[], string[], string[]>;
  channel: 'api' | 'admin';
  requested_by: string | null;
  requested_by_label: string;
  requested_at: Timestamp;
  status: 'done' | 'open' | 'closed';
  review_note: string | null;
  reviewed_by: string | null;
  reviewed_by_label: string | null;
  reviewed_at: Timestamp | null;
  /** Erasure: keyed hash of the normalized identifier, to find an open review of the same person. */
  identifier_hash: Buffer | null;
  /** Extract: when, and by whom, it was handed out to the person (null: generated only). */
  handed_out_at: Timestamp | null;
  handed_out_by: string | null;
  handed_out_by_label: string | null;
}

export interface ArchivePackagesTable {
  id: string;
  organization_id: string;
  closed_year: number;
  case_count: number;
  mets_sha256: string;
  created_by: string | null;
  created_by_label: string;
  created_at: Timestamp;
  confirmed_at: Timestamp | null;
  confirmed_by: string | null;
  confirmed_by_label: string | null;
  receipt_ref: string | null;
}

export interface ArchivePackageCasesTable {
  package_id: string;
  case_id: string;
}
