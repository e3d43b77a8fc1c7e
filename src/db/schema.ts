import type { Insertable, Selectable } from 'kysely';
import type { AdminLogTable, InstallationSecretsTable } from './tables/admin.ts';
import type { BackupRunsTable } from './tables/backups.ts';
import type { AttachmentsTable, CaseContactsTable, CaseEventsTable, CaseLinksTable, CasesTable } from './tables/cases.ts';
import type { InboundAddressesTable, InboundMessagesTable, InboundSettingsTable } from './tables/inboundMail.ts';
import type { ClosureDaysTable, DeadlinePoliciesTable, MessageTemplatesTable } from './tables/deadlines.ts';
import type { MessagesTable, ResponseTemplatesTable } from './tables/messages.ts';
import type { CategoriesTable, OrganizationsTable, OrgUnitsTable } from './tables/organizations.ts';
import type { PublicationsTable, PublicationVersionsTable, PublicationWordsTable } from './tables/publication.ts';
import type { ApiKeysTable, LoginThrottleTable, OrganizationSsoTable, RoleGrantsTable, SessionsTable, UserInvitationsTable, UsersTable } from './tables/staff.ts';
import type { ArchivePackageCasesTable, ArchivePackagesTable, DataSubjectRequestsTable, DisposalLogTable, DisposalRunsTable, LegalHoldsTable, RetentionRulesTable, RetentionSettingsTable } from './tables/records.ts';
import type { CaseStatsTable, StatisticsCalendarTable, StatisticsMonthlyDaysTable, StatisticsMonthlyTable, StatisticsMonthsTable } from './tables/statistics.ts';
import type { AltchaSpentTable, SubmissionRateTable } from './tables/spam.ts';
import type { AccessibilityStatementsTable } from './tables/accessibility.ts';
import type { WebhookAttemptsTable, WebhookDeliveriesTable, WebhookEventsTable, WebhookSubscriptionsTable } from './tables/webhooks.ts';

/**
 * The database as Kysely sees it. Each concept keeps its table types in tables/<concept>.ts;
 * a new table is a new interface there and one line here.
 */
export type * from './tables/admin.ts';
export type * from './tables/backups.ts';
export type * from './tables/cases.ts';
export type * from './tables/deadlines.ts';
export type * from './tables/messages.ts';
export type * from './tables/inboundMail.ts';
export type * from './tables/organizations.ts';
export type * from './tables/publication.ts';
export type * from './tables/staff.ts';
export type * from './tables/statistics.ts';
export type * from './tables/webhooks.ts';
export type * from './tables/records.ts';

export type * from './tables/spam.ts';
export type * from './tables/accessibility.ts';

export interface Database {
  altcha_spent: AltchaSpentTable;
  accessibility_statements: AccessibilityStatementsTable;
  submission_rate: SubmissionRateTable;
  backup_runs: BackupRunsTable;
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
  inbound_addresses: InboundAddressesTable;
  inbound_settings: InboundSettingsTable;
  inbound_messages: InboundMessagesTable;
  publications: PublicationsTable;
  publication_versions: PublicationVersionsTable;
  publication_words: PublicationWordsTable;
  webhook_subscriptions: WebhookSubscriptionsTable;
  webhook_events: WebhookEventsTable;
  webhook_deliveries: WebhookDeliveriesTable;
  webhook_attempts: WebhookAttemptsTable;
  retention_rules: RetentionRulesTable;
  retention_settings: RetentionSettingsTable;
  legal_holds: LegalHoldsTable;
  disposal_runs: DisposalRunsTable;
  disposal_log: DisposalLogTable;
  data_subject_requests: DataSubjectRequestsTable;
  archive_packages: ArchivePackagesTable;
  archive_package_cases: ArchivePackageCasesTable;
}

export type Organization = Selectable<OrganizationsTable>;
export type OrgUnit = Selectable<OrgUnitsTable>;
export type Category = Selectable<CategoriesTable>;
export type CaseRow = Selectable<CasesTable>;
export type NewCase = Insertable<CasesTable>;
