import type { Generated } from 'kysely';
import type { Json } from './columns.ts';

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
  /** Three capitals before every case number (SYN-2026-00042), unique in the installation; set by a trigger when not given. */
  case_prefix: Generated<string>;
}

export interface OrganizationSettings {
  /** The citizen pages' language when neither the reader nor their browser chose one (a code in /locales; default 'sv'). */
  defaultLanguage?: string;
  /** Expected answer time shown to citizens, in working days. */
  answerWorkingDays?: number;
  /** Where things that are not synpunkter go. */
  referralLinks?: { faultReport?: string; appeal?: string; deviation?: string };
  contactEmail?: string;
  contactPhone?: string;
  postalAddress?: string;
  /** Where visitors come (shown nowhere yet; kept when texts are de-identified). */
  visitingAddress?: string;
  /** Further published contact details that stay when texts are de-identified, one per line (switchboard, functional mailboxes). */
  publishedContacts?: string;
  /** Start page: the heading's lead text and an optional extra paragraph (plain text, set by the admin). */
  startPageIntro?: string;
  startPageExtra?: string;
  /** More "not a synpunkt" links. */
  schoolHarassmentUrl?: string;
  otherAuthorityText?: string;
  /** Letterhead for letters. */
  /** Publication needs a second person to approve (four eyes); otherwise whoever reviews publishes. */
  publicationFourEyes?: boolean;
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
