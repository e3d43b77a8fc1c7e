import { sql, type Kysely } from 'kysely';

// Frozen: never edit after it has landed; add a new migration instead.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    -- An organization's own accessibility statement (tillgänglighetsredogörelse, DIGG's model).
    -- No row: the default statement. shortcomings NULL: the default list, in the reader's
    -- language; '' : no known shortcomings.
    CREATE TABLE accessibility_statements (
      organization_id uuid PRIMARY KEY REFERENCES organizations (id) ON DELETE CASCADE,
      compliance text NOT NULL CHECK (compliance IN ('full', 'partial', 'none')),
      shortcomings text CHECK (length(shortcomings) <= 5000),
      method text NOT NULL CHECK (method IN ('self', 'external')),
      assessor text CHECK (length(assessor) <= 200),
      assessed_on date NOT NULL,
      updated_at timestamptz NOT NULL,
      updated_by uuid REFERENCES users (id) ON DELETE SET NULL,
      CHECK (method = 'self' OR assessor IS NOT NULL)
    );
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE accessibility_statements`.execute(db);
}
