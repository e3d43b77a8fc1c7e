import { sql, type RawBuilder } from 'kysely';
import type { GenerateOptions } from '../generate.ts';
import { FIRST, LAST, pick } from './words.ts';

/**
 * The organizations of the synthetic data set, with their förvaltningar, enheter, areas,
 * subcategories and staff; leaves the temporary tables b_org, b_forv, b_unit, b_area, b_sub and
 * b_user that the case statements join against.
 */
export function structureStatements(o: GenerateOptions): RawBuilder<unknown>[] {
  // Inlined, not bound: CREATE TABLE AS takes no parameters.
  const L = (v: number | string) => sql.lit(v);
  return [
    sql`SELECT setseed(${L(o.seed)})`,
    sql`
      INSERT INTO organizations (slug, name, kind, is_default, case_prefix, settings)
      SELECT 'bench-' || lpad(g::text, 3, '0'), 'Benchkommun ' || g, 'municipality', g = 1,
             -- The triggers are off while generating, so each gets its prefix here: SYN for the default.
             CASE WHEN g = 1 THEN 'SYN' ELSE 'B' || chr(65 + g / 26 % 26) || chr(65 + g % 26) END,
             '{"answerWorkingDays": 10, "contactEmail": "kontakt@bench.example"}'::jsonb
      FROM generate_series(1, ${L(o.organizations)}) g`,
    sql`CREATE TEMP TABLE b_org AS
        SELECT id, (row_number() OVER (ORDER BY slug) - 1)::int AS idx FROM organizations WHERE slug LIKE 'bench-%'`,
    sql`CREATE TEMP TABLE b_forv AS
        SELECT o.id AS org_id, o.idx AS org_idx, f AS f_idx, gen_random_uuid() AS id
        FROM b_org o, generate_series(0, ${L(o.forvaltningar - 1)}) f`,
    sql`
      INSERT INTO org_units (id, organization_id, parent_id, ancestor_ids, kind, name, committee, subcategory_required, sort_order)
      SELECT id, org_id, NULL, ARRAY[id], 'forvaltning',
             coalesce((ARRAY['Barn och utbildning', 'Vård och omsorg', 'Samhällsbyggnad', 'Kultur och fritid'])[f_idx + 1], 'Förvaltning ' || (f_idx + 1)),
             'Nämnd ' || (f_idx + 1), f_idx < ${L(o.forvaltningar / 2)}, f_idx
      FROM b_forv`,
    sql`CREATE TEMP TABLE b_unit AS
        SELECT f.org_id, f.org_idx, f.id AS forv_id, f.f_idx, (f.f_idx * ${L(o.enheterPerForvaltning)} + e)::int AS u_idx, gen_random_uuid() AS id
        FROM b_forv f, generate_series(0, ${L(o.enheterPerForvaltning - 1)}) e`,
    sql`
      INSERT INTO org_units (id, organization_id, parent_id, ancestor_ids, kind, name, sort_order)
      SELECT id, org_id, forv_id, ARRAY[forv_id, id], 'enhet', 'Enhet ' || (u_idx + 1), u_idx FROM b_unit`,
    sql`CREATE UNIQUE INDEX ON b_unit (org_idx, u_idx)`,
    sql`
      INSERT INTO categories (organization_id, level, name, sort_order)
      SELECT o.id, 'area', a.name, a.ord - 1
      FROM b_org o, unnest(ARRAY['Bemötande', 'Tjänster', 'Fysisk miljö', 'Information']) WITH ORDINALITY a(name, ord)`,
    sql`CREATE TEMP TABLE b_area AS SELECT organization_id AS org_id, id, sort_order AS a_idx FROM categories WHERE level = 'area'`,
    sql`
      INSERT INTO categories (organization_id, level, org_unit_id, name, sort_order)
      SELECT f.org_id, 'subcategory', f.id, 'Underkategori ' || (s + 1), s FROM b_forv f, generate_series(0, 2) s`,
    sql`CREATE TEMP TABLE b_sub AS SELECT org_unit_id AS forv_id, id, sort_order AS s_idx FROM categories WHERE level = 'subcategory'`,
    sql`CREATE TEMP TABLE b_user AS
        SELECT u.org_id, u.id AS unit_id, u.u_idx, k AS h_idx, gen_random_uuid() AS id, 'handler'::text AS role FROM b_unit u, generate_series(0, ${L(o.handlersPerUnit - 1)}) k
        UNION ALL SELECT f.org_id, f.id, NULL, 0, gen_random_uuid(), 'coordinator' FROM b_forv f
        UNION ALL SELECT o.id, NULL, NULL, 0, gen_random_uuid(), r FROM b_org o, unnest(ARRAY['registrar', 'admin', 'reader']) r`,
    sql`
      INSERT INTO users (id, organization_id, email, name)
      SELECT id, org_id, role || '-' || left(id::text, 13) || '@bench.example', ${pick(FIRST)} || ' ' || ${pick(LAST)} FROM b_user`,
    sql`INSERT INTO role_grants (user_id, role, org_unit_id) SELECT id, role, unit_id FROM b_user`,
    // Temporary tables get no statistics by themselves; without them the joins below run as
    // nested loops over hundreds of thousands of rows.
    sql`ANALYZE b_org, b_forv, b_unit, b_area, b_sub, b_user`,
  ];
}
