import type { Db, Executor } from '../../db/database.ts';
import type { AccessibilityStatementsTable, Organization } from '../../db/schema.ts';
import { swedishDate } from '../../platform/clock.ts';
import { rawMessage } from '../../platform/i18n/catalogue.ts';

/**
 * An organization's accessibility statement (tillgänglighetsredogörelse) after DIGG's model. The
 * frame – headings, the law's wording, how to report a problem, the supervisory authority – is
 * in the catalogue in every language; the organization sets what only it can know: how well the
 * service complies, the shortcomings it knows of, how and when it was assessed.
 */
export type Compliance = AccessibilityStatementsTable['compliance'];
export type Method = AccessibilityStatementsTable['method'];
export const COMPLIANCE: readonly Compliance[] = ['full', 'partial', 'none'];
export const METHODS: readonly Method[] = ['self', 'external'];

/**
 * The day Lyhörd itself was last assessed: axe (WCAG 2.1 A and AA) on every page in Swedish and
 * Arabic, keyboard, and reflow at 320 px in the browser tests. The default assessment date of an
 * organization that has not written its own statement; move it when the product is assessed again.
 */
export const PRODUCT_ASSESSED_ON = '2026-12-02';

export interface Statement {
  compliance: Compliance;
  /** null: the default list in the reader's language; []: none known. */
  shortcomings: string[] | null;
  method: Method;
  assessor: string | null;
  assessedOn: string;
  /** When the organization first published the service (its creation). */
  publishedOn: string;
  /** When the statement was last changed (the organization's creation for the default). */
  updatedOn: string;
  /** Whether the organization has written its own (false: every value is the default). */
  own: boolean;
}

/** One shortcoming per non-empty line. */
export const lines = (text: string): string[] =>
  text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);

/** The default list of shortcomings, as the admin page shows it for editing (Swedish). */
export const defaultShortcomingsText = (): string => lines(rawMessage('sv', 'a11y.default.shortcomings')).join('\n');

export async function loadStatement(db: Db, org: Pick<Organization, 'id' | 'created_at'>): Promise<Statement> {
  const row = await db.selectFrom('accessibility_statements').selectAll().where('organization_id', '=', org.id).executeTakeFirst();
  const publishedOn = swedishDate(org.created_at);
  if (!row) {
    return { compliance: 'partial', shortcomings: null, method: 'self', assessor: null, assessedOn: PRODUCT_ASSESSED_ON, publishedOn, updatedOn: publishedOn, own: false };
  }
  return {
    compliance: row.compliance,
    shortcomings: row.shortcomings === null ? null : lines(row.shortcomings),
    method: row.method,
    assessor: row.assessor,
    assessedOn: row.assessed_on,
    publishedOn,
    updatedOn: swedishDate(row.updated_at),
    own: true,
  };
}

export interface StatementValues {
  compliance: Compliance;
  /** null: keep the default list (and its translations). */
  shortcomings: string | null;
  method: Method;
  assessor: string | null;
  assessedOn: string;
}

export async function saveStatement(tx: Executor, organizationId: string, v: StatementValues, by: string | null, now: Date): Promise<void> {
  const values = { compliance: v.compliance, shortcomings: v.shortcomings, method: v.method, assessor: v.assessor, assessed_on: v.assessedOn, updated_at: now, updated_by: by };
  await tx
    .insertInto('accessibility_statements')
    .values({ organization_id: organizationId, ...values })
    .onConflict((oc) => oc.column('organization_id').doUpdateSet(values))
    .execute();
}
