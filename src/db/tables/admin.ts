import type { ColumnType, Generated } from 'kysely';

export interface InstallationSecretsTable {
  name: string;
  value: Buffer;
  created_at: Generated<Date>;
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
