import type { Generated } from 'kysely';
import type { CaseKind } from './cases.ts';

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
