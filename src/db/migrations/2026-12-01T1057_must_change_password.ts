import { sql, type Kysely } from 'kysely';

// Frozen: never edit after it has landed; add a new migration instead.
//
// Demo accounts seeded into a production database (`seed-demo --force`) share a published
// password: such an account must choose its own before it can use any staff page.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE users ADD COLUMN must_change_password boolean NOT NULL DEFAULT false`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE users DROP COLUMN must_change_password`.execute(db);
}
