import { sql } from 'kysely';
import type { Db } from '../src/db/database.ts';
import { seedDemoOrganization } from '../src/modules/organizations/demo.ts';
import { rebuildCaseStats } from '../src/modules/statistics/rollup.ts';

/**
 * Synthetic history for the statistics benchmark: organizations shaped like the demo one, and
 * cases spread over them and over the years with INSERT … SELECT generate_series, so a million
 * rows take a minute rather than an hour. Shapes are plausible, not real: most cases are closed
 * within a few weeks, some are referred, merged or internal, the recent ones are still open.
 */

export interface GenerateOptions {
  cases: number;
  organizations: number;
  years: number;
  /** The end of the history: cases are received in the `years` before it. */
  now: Date;
  /** Share of all cases that belong to the first (default) organization. */
  largestShare: number;
  log?: (line: string) => void;
}

export interface GeneratedData {
  organizationIds: string[];
  /** The default organization, the largest. */
  largestId: string;
}

export async function generateStatisticsData(db: Db, opts: GenerateOptions): Promise<GeneratedData> {
  const log = opts.log ?? (() => {});
  const organizationIds: string[] = [];
  for (let i = 0; i < opts.organizations; i++) {
    organizationIds.push(
      await seedDemoOrganization(db, i === 0 ? { isDefault: true } : { slug: `kommun-${i + 1}`, name: `Kommun ${i + 1}`, isDefault: false }),
    );
  }
  // Bulk load without the per-row statistics trigger; case_stats is rebuilt in one pass after.
  await sql`ALTER TABLE cases DISABLE TRIGGER cases_stats_insert`.execute(db);
  // The rest is shared evenly by the other organizations.
  const rest = opts.organizations > 1 ? (1 - opts.largestShare) / (opts.organizations - 1) : 0;
  let start = 1;
  for (const [i, orgId] of organizationIds.entries()) {
    const n = i === opts.organizations - 1 ? opts.cases - start + 1 : Math.round(opts.cases * (i === 0 ? opts.largestShare : rest));
    const t0 = Date.now();
    await generateCases(db, orgId, start, n, opts.years, opts.now);
    log(`  ${orgId}: ${n} cases in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    start += n;
  }
  await sql`ALTER TABLE cases ENABLE TRIGGER cases_stats_insert`.execute(db);
  const t0 = Date.now();
  await rebuildCaseStats(db);
  log(`  case_stats rebuilt in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  await sql`VACUUM ANALYZE`.execute(db);
  return { organizationIds, largestId: organizationIds[0]! };
}

async function generateCases(db: Db, orgId: string, first: number, n: number, years: number, now: Date): Promise<void> {
  await db.transaction().execute(async (tx) => {
    await sql`
      CREATE TEMP TABLE gen_units ON COMMIT DROP AS
      SELECT row_number() OVER (ORDER BY u.id) AS i, u.id AS unit_id,
             coalesce((SELECT array_agg(c.id ORDER BY c.id) FROM categories c WHERE c.level = 'subcategory' AND c.org_unit_id = u.ancestor_ids[1]), '{}') AS subcats
      FROM org_units u WHERE u.organization_id = ${orgId} AND u.kind <> 'forvaltning'`.execute(tx);
    await sql`
      CREATE TEMP TABLE gen_areas ON COMMIT DROP AS
      SELECT row_number() OVER (ORDER BY id) AS i, id FROM categories WHERE organization_id = ${orgId} AND level = 'area'`.execute(tx);

    await sql`
      WITH s AS (
        SELECT g,
               ${now}::timestamptz - random() * (${years} * interval '365 days') AS recv,
               random() AS r_kind, random() AS r_grp, random() AS r_chan, random() AS r_unit, random() AS r_area,
               random() AS r_sub, random() AS r_resp, random() AS r_close, random() AS r_state, random() AS r_misc
        FROM generate_series(${first}::int, ${first + n - 1}::int) g
      ), d AS (
        SELECT s.*,
               gu.unit_id, gu.subcats, ga.id AS area_id,
               floor(-ln(1 - s.r_resp) * 6)::int AS resp_days,
               floor(-ln(1 - s.r_resp) * 6)::int + floor(s.r_close * 6)::int AS close_days,
               extract(epoch FROM ${now}::timestamptz - s.recv) / 86400 AS age_days
        FROM s
        JOIN gen_units gu ON gu.i = 1 + floor(s.r_unit * (SELECT count(*) FROM gen_units))
        JOIN gen_areas ga ON ga.i = 1 + floor(s.r_area * (SELECT count(*) FROM gen_areas))
      ), st AS (
        SELECT d.*,
               CASE
                 WHEN r_grp < 0.04 THEN 'referred'
                 WHEN r_grp < 0.06 THEN 'merged'
                 WHEN age_days < 1.5 THEN 'received'
                 WHEN r_state < 0.015 THEN 'in_progress'
                 WHEN age_days > close_days + 0.5 THEN 'closed'
                 WHEN age_days > resp_days + 0.3 THEN 'answered'
                 ELSE (ARRAY['registered', 'assigned', 'in_progress', 'waiting'])[1 + floor(r_misc * 4)::int]
               END AS status
        FROM d
      )
      INSERT INTO cases (organization_id, number, status, kind, channel, description, anonymous, is_internal, received_at,
                         unit_id, area_id, subcategory_id, significance, confidential, confidentiality_ref, outcome, referral_type,
                         registered_at, acknowledged_at, first_answered_at, closed_at, acknowledge_by, answer_by, status_token_hash)
      SELECT ${orgId}::uuid,
             'SYN-' || extract(year FROM recv AT TIME ZONE 'Europe/Stockholm') || '-' || lpad(g::text, 7, '0'),
             status,
             CASE WHEN r_kind < 0.45 THEN 'klagomal' WHEN r_kind < 0.70 THEN 'fraga' WHEN r_kind < 0.85 THEN 'berom' ELSE 'forslag' END,
             CASE WHEN r_chan < 0.55 THEN 'web' WHEN r_chan < 0.75 THEN 'email' WHEN r_chan < 0.88 THEN 'phone' WHEN r_chan < 0.92 THEN 'letter'
                  WHEN r_chan < 0.95 THEN 'visit' WHEN r_chan < 0.98 THEN 'social_media' ELSE 'paper_form' END,
             'Synpunkt ' || g,
             r_misc < 0.2,
             status NOT IN ('referred', 'merged') AND r_sub > 0.97,
             recv,
             CASE WHEN status = 'received' THEN NULL ELSE unit_id END,
             CASE WHEN status = 'received' THEN NULL ELSE area_id END,
             CASE WHEN status = 'received' OR cardinality(subcats) = 0 OR r_sub > 0.9 THEN NULL ELSE subcats[1 + floor(r_sub / 0.9 * cardinality(subcats))::int] END,
             CASE WHEN status = 'received' THEN NULL WHEN r_misc < 0.5 THEN 'routine' ELSE 'important' END,
             status NOT IN ('received', 'referred') AND r_misc > 0.99,
             CASE WHEN status NOT IN ('received', 'referred') AND r_misc > 0.99 THEN 'OSL 26 kap. 1 §' END,
             CASE WHEN status = 'closed' THEN (ARRAY['answered', 'measure_taken', 'no_measure', 'noted'])[1 + floor(r_close * 4)::int] END,
             CASE WHEN status = 'referred' THEN (ARRAY['fault_report', 'fault_report', 'appeal', 'deviation', 'other_authority'])[1 + floor(r_misc * 5)::int] END,
             CASE WHEN status = 'received' THEN NULL ELSE recv + interval '3 hours' END,
             CASE WHEN status IN ('received', 'referred', 'merged') THEN NULL ELSE recv + floor(r_close * 4) * interval '1 day' + interval '4 hours' END,
             CASE WHEN status IN ('closed', 'answered') THEN recv + resp_days * interval '1 day' + interval '5 hours' END,
             CASE WHEN status = 'closed' THEN recv + close_days * interval '1 day' + interval '6 hours'
                  WHEN status IN ('referred', 'merged') THEN recv + interval '1 day' END,
             CASE WHEN status IN ('referred', 'merged') THEN NULL ELSE (recv AT TIME ZONE 'Europe/Stockholm')::date + 3 END,
             CASE WHEN status IN ('referred', 'merged') THEN NULL ELSE (recv AT TIME ZONE 'Europe/Stockholm')::date + 14 END,
             decode(md5(${orgId}::text || ':' || g), 'hex')
      FROM st`.execute(tx);

    // Duplicates point at some other case of the organization.
    await sql`
      UPDATE cases SET merged_into_id = (SELECT id FROM cases WHERE organization_id = ${orgId} AND status = 'closed' LIMIT 1)
      WHERE organization_id = ${orgId} AND status = 'merged'`.execute(tx);
    // Measures recorded on about a third of the closed cases.
    await sql`
      INSERT INTO case_events (case_id, type, occurred_at, data)
      SELECT id, 'measure', closed_at, jsonb_build_object('text', 'Rutinen har setts över efter synpunkten (' || number || ').')
      FROM cases WHERE organization_id = ${orgId} AND status = 'closed' AND outcome = 'measure_taken'`.execute(tx);
  });
}
