import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type DateOnly = ColumnType<string, string | undefined, string>;
type Json<T = Record<string, unknown>> = ColumnType<T, T | string | undefined, T | string>;

export interface OrganizationsTable {
  id: Generated<string>;
  slug: string;
  name: string;
  kind: 'municipality' | 'company' | 'joint_body';
  host_name: string | null;
  is_default: Generated<boolean>;
  settings: Json<OrganizationSettings>;
  created_at: Generated<Date>;
  active: Generated<boolean>;
  /** False: staff sign in with single sign-on only. */
  password_login: Generated<boolean>;
  updated_at: Generated<Date>;
  /** Bumped by triggers whenever units, categories, deadline policies or closure days change. */
  config_version: Generated<number>;
}

export interface OrganizationSettings {
  /** Expected answer time shown to citizens, in working days. */
  answerWorkingDays?: number;
  /** Where things that are not synpunkter go. */
  referralLinks?: { faultReport?: string; appeal?: string; deviation?: string };
  contactEmail?: string;
  contactPhone?: string;
  postalAddress?: string;
  /** Start page: the heading's lead text and an optional extra paragraph (plain text, set by the admin). */
  startPageIntro?: string;
  startPageExtra?: string;
  /** More "not a synpunkt" links. */
  schoolHarassmentUrl?: string;
  otherAuthorityText?: string;
  /** Letterhead for letters. */
  letterhead?: { senderName?: string; postalAddress?: string; phone?: string; email?: string; website?: string; signature?: string };
}

export interface OrgUnitsTable {
  id: Generated<string>;
  organization_id: string;
  parent_id: string | null;
  ancestor_ids: string[];
  kind: 'forvaltning' | 'avdelning' | 'enhet';
  name: string;
  committee: string | null;
  subcategory_required: Generated<boolean>;
  active: Generated<boolean>;
  sort_order: Generated<number>;
  created_at: Generated<Date>;
}

export interface CategoriesTable {
  id: Generated<string>;
  organization_id: string;
  level: 'area' | 'subcategory';
  org_unit_id: string | null;
  parent_id: string | null;
  name: string;
  active: Generated<boolean>;
  sort_order: Generated<number>;
  created_at: Generated<Date>;
}

export interface UsersTable {
  id: Generated<string>;
  organization_id: string;
  email: string;
  name: string;
  password_hash: string | null;
  active: Generated<boolean>;
  failed_logins: Generated<number>;
  locked_until: Timestamp | null;
  created_at: Generated<Date>;
  is_installation_admin: Generated<boolean>;
  deactivated_at: Timestamp | null;
  totp_secret_enc: Buffer | null;
  totp_enabled_at: Timestamp | null;
  totp_last_step: number | null;
  sso_subject: string | null;
  last_login_at: Timestamp | null;
  digest_opt_out: Generated<boolean>;
}

export type Role = 'registrar' | 'coordinator' | 'handler' | 'unit_admin' | 'reader' | 'admin';

export interface RoleGrantsTable {
  id: Generated<string>;
  user_id: string;
  role: Role;
  org_unit_id: string | null;
  created_at: Generated<Date>;
  source: Generated<'manual' | 'sso'>;
  created_by: string | null;
}


export type CaseKind = 'klagomal' | 'fraga' | 'berom' | 'forslag';
export type Channel = 'web' | 'email' | 'phone' | 'letter' | 'visit' | 'social_media' | 'sms' | 'paper_form' | 'internal' | 'api';
export type ReplyChannel = 'email' | 'phone' | 'letter' | 'none';

export interface CasesTable {
  id: Generated<string>;
  organization_id: string;
  number: string;
  status: Generated<string>;
  kind: CaseKind;
  channel: Channel;
  description: string;
  language: string | null;
  location: string | null;
  anonymous: boolean;
  is_internal: Generated<boolean>;
  is_quick: Generated<boolean>;
  received_at: Timestamp;
  suggested_unit_id: string | null;
  unit_id: string | null;
  handler_id: string | null;
  area_id: string | null;
  subcategory_id: string | null;
  significance: 'important' | 'routine' | null;
  confidential: Generated<boolean>;
  confidentiality_ref: string | null;
  outcome: string | null;
  referral_type: string | null;
  merged_into_id: string | null;
  forwarded_to_case_id: string | null;
  registered_at: Timestamp | null;
  acknowledged_at: Timestamp | null;
  first_answered_at: Timestamp | null;
  closed_at: Timestamp | null;
  acknowledge_by: DateOnly | null;
  answer_by: DateOnly | null;
  paused_since: Timestamp | null;
  public_text: string | null;
  published_at: Timestamp | null;
  legal_hold: Generated<boolean>;
  dispose_after: DateOnly | null;
  status_token_hash: Buffer;
  submission_key: Buffer | null;
  content_hash: Buffer | null;
  version: Generated<number>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
  search: ColumnType<string, never, never>;
  registered_by: string | null;
  channel_confirmed: Generated<boolean>;
  /** Deadline bookkeeping (migration 0900): see modules/deadlines. */
  paused_working_days: Generated<number>;
  deadline_extended: Generated<boolean>;
  ack_due_on: DateOnly | null;
  next_reminder_on: DateOnly | null;
  reminders_sent: Generated<number>;
  escalated_at: Timestamp | null;
  forwarded_from_case_id: string | null;
}

export interface CaseContactsTable {
  case_id: string;
  name: string | null;
  email: string | null;
  phone: string | null;
  address: string | null;
  reply_channel: ReplyChannel;
  created_at: Generated<Date>;
}

export interface CaseEventsTable {
  id: Generated<string>;
  case_id: string;
  type: string;
  from_status: string | null;
  to_status: string | null;
  actor_user_id: string | null;
  actor_label: string | null;
  occurred_at: Generated<Date>;
  visible_to_submitter: Generated<boolean>;
  data: Json;
}

export interface CaseLinksTable {
  case_id: string;
  linked_case_id: string;
  created_at: Generated<Date>;
}

export interface AttachmentsTable {
  id: Generated<string>;
  case_id: string;
  filename: string;
  content_type: string;
  size_bytes: number;
  sha256: Buffer;
  content: Buffer;
  uploaded_by: string | null;
  created_at: Generated<Date>;
}

export interface InstallationSecretsTable {
  name: string;
  value: Buffer;
  created_at: Generated<Date>;
}

export interface SessionsTable {
  id_hash: Buffer;
  user_id: string;
  created_at: Generated<Date>;
  last_seen_at: Generated<Date>;
  expires_at: Timestamp;
  auth_method: Generated<'password' | 'password_totp' | 'oidc'>;
  id_token: string | null;
}

export interface LoginThrottleTable {
  organization_id: string;
  email_hash: Buffer;
  failures: Generated<number>;
  locked_until: Timestamp | null;
  updated_at: Generated<Date>;
}

export interface ApiKeysTable {
  id: Generated<string>;
  organization_id: string;
  name: string;
  role: Role;
  key_hash: Buffer;
  prefix: string;
  created_by: string | null;
  created_at: Generated<Date>;
  revoked_at: Timestamp | null;
}

export type MessagePurpose = 'acknowledgement' | 'answer' | 'delay_notice' | 'referral' | 'not_handled' | 'reminder' | 'escalation' | 'digest' | 'invitation' | 'other';
export type MessageChannel = 'email' | 'letter' | 'phone';
export type MessageStatus = 'queued' | 'sending' | 'sent' | 'failed' | 'recorded';

export interface MessagesTable {
  id: Generated<string>;
  /** NULL only for a digest or an invitation. */
  case_id: string | null;
  /** Filled from the case by a trigger when not given. */
  organization_id: ColumnType<string, string | undefined, string>;
  recipient_user_id: string | null;
  dedupe_key: string | null;
  transport: 'smtp' | 'outbox' | null;
  header_message_id: string | null;
  reply_to: string | null;
  smtp_response: string | null;
  send_token: string | null;
  sending_started_at: Timestamp | null;
  purpose: MessagePurpose;
  channel: MessageChannel;
  recipient: string | null;
  subject: string | null;
  body: string;
  status: MessageStatus;
  attempts: Generated<number>;
  last_error: string | null;
  occurred_on: DateOnly | null;
  created_by: string | null;
  created_at: Generated<Date>;
  sent_at: Timestamp | null;
}

export interface ResponseTemplatesTable {
  id: Generated<string>;
  organization_id: string;
  org_unit_id: string | null;
  kind: CaseKind | null;
  purpose: Generated<'answer' | 'referral' | 'not_handled' | 'acknowledgement' | 'delay_notice'>;
  referral_type: string | null;
  title: string;
  body: string;
  active: Generated<boolean>;
  sort_order: Generated<number>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface UserInvitationsTable {
  id: Generated<string>;
  organization_id: string;
  user_id: string;
  token_hash: Buffer;
  email: string;
  mail_subject: string;
  mail_body: string;
  expires_at: Timestamp;
  accepted_at: Timestamp | null;
  revoked_at: Timestamp | null;
  created_by: string | null;
  created_at: Generated<Date>;
  /** The invitation mail in the outbox. */
  message_id: string | null;
}

export interface GroupRole {
  group: string;
  role: Role;
  /** null: the whole organization. */
  unitId: string | null;
}

export interface OrganizationSsoTable {
  organization_id: string;
  enabled: Generated<boolean>;
  issuer_url: string;
  client_id: string;
  client_secret_enc: Buffer;
  email_claim: Generated<string>;
  groups_claim: Generated<string>;
  scopes: Generated<string>;
  group_roles: ColumnType<GroupRole[], GroupRole[] | string | undefined, GroupRole[] | string>;
  button_label: string | null;
  updated_at: Generated<Date>;
  updated_by: string | null;
}

export interface AdminLogTable {
  id: Generated<string>;
  organization_id: string | null;
  forvaltning_id: string | null;
  actor_user_id: string | null;
  actor_label: string;
  action: string;
  entity_type: string;
  entity_id: string | null;
  summary: string;
  before: ColumnType<unknown, string | null | undefined, never>;
  after: ColumnType<unknown, string | null | undefined, never>;
  occurred_at: Generated<Date>;
}

export interface DeadlinePoliciesTable {
  id: Generated<string>;
  organization_id: string;
  kind: CaseKind | null;
  acknowledge_working_days: number;
  answer_days: number;
  answer_unit: 'working' | 'calendar';
  reminders: Generated<number>;
  reminder_interval_working_days: Generated<number>;
  escalate_after_working_days: number | null;
  updated_by: string | null;
  updated_at: Generated<Date>;
}

export interface ClosureDaysTable {
  organization_id: string;
  day: string;
  description: Generated<string>;
  created_by: string | null;
  created_at: Generated<Date>;
}

export type TemplateKey = 'acknowledgement' | 'delay_notice' | 'reminder' | 'escalation' | 'digest';

export interface MessageTemplatesTable {
  organization_id: string;
  key: TemplateKey;
  subject: string;
  body: string;
  updated_by: string | null;
  updated_at: Generated<Date>;
}

/** Statistics (migration 1000): see modules/statistics. */
export interface StatisticsCalendarTable {
  day: DateOnly;
  working: boolean;
  wd_through: number;
}

export interface CaseStatsTable {
  case_id: string;
  organization_id: string;
  unit_id: string | null;
  handler_id: string | null;
  confidential: boolean;
  anonymous: boolean;
  kind: CaseKind;
  channel: Channel;
  area_id: string | null;
  subcategory_id: string | null;
  status: string;
  is_open: boolean;
  grp: 'main' | 'internal' | 'referral' | 'merged';
  referral_type: string | null;
  received_on: DateOnly;
  received_month: DateOnly;
  acknowledged_on: DateOnly | null;
  answered_on: DateOnly | null;
  closed_on: DateOnly | null;
  acknowledge_by: DateOnly | null;
  answer_by: DateOnly | null;
  response_wd: number | null;
  handling_wd: number | null;
  measures: Generated<number>;
}

export interface StatisticsMonthsTable {
  organization_id: string;
  month: DateOnly;
  valid: Generated<boolean>;
  refreshed_at: Timestamp | null;
}

export interface StatisticsMonthlyTable {
  organization_id: string;
  month: DateOnly;
  confidential: boolean;
  forvaltning_id: string | null;
  grp: string;
  referral_type: string | null;
  kind: string;
  received: number;
  ack_ok: number;
  ack_late: number;
  answer_ok: number;
  answer_late: number;
}

export interface StatisticsMonthlyDaysTable {
  organization_id: string;
  month: DateOnly;
  confidential: boolean;
  forvaltning_id: string | null;
  measure: number;
  days: number;
  n: number;
}

export interface Database {
  statistics_calendar: StatisticsCalendarTable;
  case_stats: CaseStatsTable;
  statistics_months: StatisticsMonthsTable;
  statistics_monthly: StatisticsMonthlyTable;
  statistics_monthly_days: StatisticsMonthlyDaysTable;
  deadline_policies: DeadlinePoliciesTable;
  closure_days: ClosureDaysTable;
  message_templates: MessageTemplatesTable;
  sessions: SessionsTable;
  login_throttle: LoginThrottleTable;
  api_keys: ApiKeysTable;
  messages: MessagesTable;
  response_templates: ResponseTemplatesTable;
  user_invitations: UserInvitationsTable;
  organization_sso: OrganizationSsoTable;
  admin_log: AdminLogTable;
  installation_secrets: InstallationSecretsTable;
  organizations: OrganizationsTable;
  org_units: OrgUnitsTable;
  categories: CategoriesTable;
  users: UsersTable;
  role_grants: RoleGrantsTable;
  cases: CasesTable;
  case_contacts: CaseContactsTable;
  case_events: CaseEventsTable;
  case_links: CaseLinksTable;
  attachments: AttachmentsTable;
}

export type Organization = Selectable<OrganizationsTable>;
export type OrgUnit = Selectable<OrgUnitsTable>;
export type Category = Selectable<CategoriesTable>;
export type CaseRow = Selectable<CasesTable>;
export type NewCase = Insertable<CasesTable>;
