// The floor the intake benchmarks compare with: one row per submission, with its form id unique
// as the app's submission key is, and the text a citizen's form would carry.

export const BARE_SCHEMA = `
  CREATE TABLE submissions (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    form_id text NOT NULL UNIQUE,
    description text NOT NULL,
    received_at timestamptz NOT NULL DEFAULT now()
  )`;

export const DESCRIPTION =
  'Gångvägen mellan skolan och idrottshallen är mörk på kvällarna eftersom flera lyktor är släckta. ' +
  'Barnen går där efter träningen och det känns otryggt. Kan ni laga belysningen och berätta när det blir gjort?';
