/** The organization's accessibility statement (modules/accessibility). */
export interface AccessibilityStatementsTable {
  organization_id: string;
  compliance: 'full' | 'partial' | 'none';
  /** NULL: the default list in the reader's language; '': none known; else one shortcoming per line. */
  shortcomings: string | null;
  method: 'self' | 'external';
  assessor: string | null;
  /** A calendar day, 'YYYY-MM-DD'. */
  assessed_on: string;
  updated_at: Date;
  updated_by: string | null;
}
