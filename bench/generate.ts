import { sql, type RawBuilder } from 'kysely';
import type { Db } from '../src/db/database.ts';
import { structureStatements } from './lib/generateStructure.ts';
import { ENDINGS, FIRST, LAST, MIDDLES, OPENINGS, pick } from './lib/words.ts';

/**
 * Synthetic case data for benchmarks, generated inside PostgreSQL with INSERT … SELECT over
 * generate_series: no row crosses the wire, so 200 000 cases with contacts, events and messages
 * take seconds, not minutes. Deterministic for a given seed.
 *
 * Shape: `organizations` organizations (the first is the installation's default); in each,
 * `forvaltningar` förvaltningar with `enheterPerForvaltning` enheter under each (4 + 16 = 20
 * units per organization by default), four areas, three subcategories per förvaltning (the first
 * half require one), `handlersPerUnit` handlers per enhet, a coordinator per förvaltning, and a
 * registrar, an admin and a reader per organization.
 *
 * Cases are spread evenly over the organizations and their enheter and received uniformly over
 * the last `days` days; status follows age (old cases are mostly closed, the last two weeks mostly
 * open), so each handler's open list is a realistic few percent of their unit's history.
 */
export interface GenerateOptions {
  organizations: number;
  forvaltningar: number;
  enheterPerForvaltning: number;
  handlersPerUnit: number;
  cases: number;
  days: number;
  now: Date;
  seed: number;
}

export const DEFAULTS: GenerateOptions = {
  organizations: 10,
  forvaltningar: 4,
  enheterPerForvaltning: 4,
  handlersPerUnit: 3,
  cases: 200_000,
  days: 730,
  now: new Date(),
  seed: 0.4711,
};

export interface Generated {
  organizations: number;
  units: number;
  users: number;
  cases: number;
  contacts: number;
  events: number;
  messages: number;
  seconds: Record<string, number>;
}

export async function generate(db: Db, options: Partial<GenerateOptions> = {}): Promise<Generated> {
  const o = { ...DEFAULTS, ...options };
  const seconds: Record<string, number> = {};
  // Inlined, not bound: CREATE TABLE AS takes no parameters.
  const L = (v: number | string) => sql.lit(v);
  const NOW = sql`${L(o.now.toISOString())}::timestamptz`;

  // One session throughout: setseed(), the settings and the temporary tables belong to it.
  return db.connection().execute(async (conn) => {
    const step = async (name: string, ...statements: RawBuilder<unknown>[]) => {
      const t0 = performance.now();
      for (const s of statements) await s.execute(conn);
      seconds[name] = (seconds[name] ?? 0) + (performance.now() - t0) / 1000;
    };

    // Bulk load: the rows are consistent by construction, so the foreign-key triggers (and the
    // messages trigger that fills organization_id, given here) are skipped, and the secondary
    // indexes of the big tables are dropped and rebuilt afterwards from their own definitions,
    // which is several times faster than maintaining them row by row. Constraint indexes
    // (primary keys, unique) stay. The result is the schema the migrations made, index for index.
    await step(
      'drop indexes',
      sql`SET session_replication_role = replica`,
      sql`SET work_mem = '256MB'`,
      sql`SET maintenance_work_mem = '512MB'`,
    );
    const indexes = (
      await sql<{ name: string; def: string }>`
        SELECT i.indexrelid::regclass::text AS name, pg_get_indexdef(i.indexrelid) AS def
        FROM pg_index i
        WHERE i.indrelid IN ('cases'::regclass, 'case_events'::regclass, 'case_contacts'::regclass, 'messages'::regclass)
          AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)`.execute(conn)
    ).rows;
    for (const ix of indexes) await step('drop indexes', sql`DROP INDEX ${sql.raw(ix.name)}`);

    await step('organizations, units, staff', ...structureStatements(o));

    await step(
      'cases: dice',
      // The dice for every case, one column per decision.
      sql`CREATE TEMP TABLE b_rand AS
          SELECT g, random() AS r_age, random() AS r_status, random() AS r_kind, random() AS r_channel, random() AS r_anon,
                 random() AS r_reply, random() AS r_conf, random() AS r_misc, random() AS r_time,
                 floor(random() * ${L(o.forvaltningar * o.enheterPerForvaltning)})::int AS u_idx,
                 floor(random() * ${L(o.handlersPerUnit)})::int AS h_idx,
                 floor(random() * 4)::int AS a_idx, floor(random() * 3)::int AS s_idx
          FROM generate_series(0, ${L(o.cases - 1)}) g`,
      sql`ANALYZE b_rand`,
    );
    await step(
      'cases: decide',
      sql`CREATE TEMP TABLE b_case AS
        WITH base AS (
          SELECT r.*, ${NOW} - (r.r_age * ${L(o.days)} * interval '1 day') AS received_at, r.r_age * ${L(o.days)} AS age_days,
                 u.org_id, u.id AS enhet_id, u.forv_id, u.f_idx, h.id AS unit_handler_id, co.id AS coordinator_id, rg.id AS registrar_id
          FROM b_rand r
          JOIN b_unit u ON u.org_idx = r.g % ${L(o.organizations)} AND u.u_idx = r.u_idx
          JOIN b_user h ON h.unit_id = u.id AND h.h_idx = r.h_idx AND h.role = 'handler'
          JOIN b_user co ON co.unit_id = u.forv_id AND co.role = 'coordinator'
          JOIN b_user rg ON rg.org_id = u.org_id AND rg.role = 'registrar'
        ), s AS (
          SELECT base.*,
            CASE
              WHEN age_days < 14 THEN CASE WHEN r_status < .15 THEN 'received' WHEN r_status < .30 THEN 'registered' WHEN r_status < .50 THEN 'assigned'
                WHEN r_status < .70 THEN 'in_progress' WHEN r_status < .77 THEN 'waiting' WHEN r_status < .87 THEN 'answered' WHEN r_status < .95 THEN 'closed' ELSE 'referred' END
              WHEN age_days < 60 THEN CASE WHEN r_status < .55 THEN 'closed' WHEN r_status < .60 THEN 'referred' WHEN r_status < .62 THEN 'not_handled'
                WHEN r_status < .63 THEN 'merged' WHEN r_status < .65 THEN 'withdrawn' WHEN r_status < .80 THEN 'answered' WHEN r_status < .88 THEN 'in_progress'
                WHEN r_status < .93 THEN 'waiting' WHEN r_status < .97 THEN 'assigned' ELSE 'registered' END
              ELSE CASE WHEN r_status < .82 THEN 'closed' WHEN r_status < .87 THEN 'referred' WHEN r_status < .90 THEN 'not_handled'
                WHEN r_status < .92 THEN 'merged' WHEN r_status < .95 THEN 'withdrawn' WHEN r_status < .98 THEN 'answered' ELSE 'in_progress' END
            END AS status,
            CASE WHEN r_kind < .45 THEN 'klagomal' WHEN r_kind < .70 THEN 'fraga' WHEN r_kind < .87 THEN 'forslag' ELSE 'berom' END AS kind,
            CASE WHEN r_channel < .60 THEN 'web' WHEN r_channel < .75 THEN 'email' WHEN r_channel < .87 THEN 'phone' WHEN r_channel < .90 THEN 'letter'
                 WHEN r_channel < .95 THEN 'visit' ELSE 'social_media' END AS channel,
            r_anon < .15 AS anonymous,
            CASE WHEN r_reply < .60 THEN 'email' WHEN r_reply < .75 THEN 'phone' WHEN r_reply < .85 THEN 'letter' ELSE 'none' END AS reply_channel
          FROM base
        ), t AS (
          SELECT s.*,
            status <> 'received' AND NOT (status IN ('referred', 'not_handled') AND r_misc < .5) AS routed,
            status IN ('assigned', 'in_progress', 'waiting', 'answered', 'closed', 'merged', 'withdrawn') AS has_handler,
            NOT anonymous AND reply_channel <> 'none' AS wants_answer,
            CASE WHEN status <> 'received' THEN received_at + least(${NOW} - received_at, interval '1 day') * (0.2 + 0.6 * r_time) END AS registered_at
          FROM s
        ), a AS (
          SELECT t.*,
            CASE WHEN has_handler THEN unit_handler_id END AS handler_id,
            CASE WHEN wants_answer AND status IN ('answered', 'closed') THEN registered_at + least(${NOW} - registered_at, interval '12 days') * (0.1 + 0.8 * r_time) END AS first_answered_at
          FROM t
        )
        SELECT gen_random_uuid() AS id, a.*,
          CASE WHEN status IN ('closed', 'referred', 'not_handled', 'merged', 'withdrawn')
            THEN coalesce(first_answered_at, registered_at, received_at) + least(${NOW} - coalesce(first_answered_at, registered_at, received_at), interval '4 days') * r_time END AS closed_at
        FROM a`,
      sql`ANALYZE b_case`,
    );
    await step(
      'cases: insert',
      sql`
        INSERT INTO cases (id, organization_id, number, status, kind, channel, description, anonymous, is_internal, is_quick, received_at,
          suggested_unit_id, unit_id, handler_id, area_id, subcategory_id, significance, confidential, confidentiality_ref, outcome, referral_type,
          registered_at, registered_by, first_answered_at, closed_at, acknowledge_by, answer_by, paused_since, status_token_hash, channel_confirmed,
          version, created_at, updated_at)
        SELECT c.id, c.org_id,
          'SYN-' || extract(year FROM c.received_at AT TIME ZONE 'Europe/Stockholm') || '-' ||
            lpad((row_number() OVER (PARTITION BY c.org_id, extract(year FROM c.received_at AT TIME ZONE 'Europe/Stockholm') ORDER BY c.received_at))::text, 5, '0'),
          c.status, c.kind, c.channel,
          ${pick(OPENINGS)} || ' ' || ${pick(MIDDLES)} || ' ' || ${pick(ENDINGS)},
          c.anonymous, c.r_misc > .97, c.status = 'closed' AND c.r_misc < .05, c.received_at,
          CASE WHEN c.r_time < .5 THEN c.forv_id END,
          CASE WHEN c.routed THEN c.enhet_id END,
          c.handler_id,
          CASE WHEN c.routed THEN ar.id END,
          CASE WHEN c.routed AND (c.f_idx < ${L(o.forvaltningar / 2)} OR c.r_misc < .5) THEN sc.id END,
          CASE WHEN c.routed THEN CASE WHEN c.r_misc < .15 THEN 'important' ELSE 'routine' END END,
          c.routed AND c.r_conf < .02,
          CASE WHEN c.routed AND c.r_conf < .02 THEN 'OSL 26 kap. 1 §' END,
          CASE c.status WHEN 'closed' THEN (ARRAY['answered', 'measure_taken', 'no_measure', 'noted'])[1 + floor(c.r_misc * 4)::int] WHEN 'not_handled' THEN 'not_handled' END,
          CASE WHEN c.status = 'referred' THEN (ARRAY['fault_report', 'appeal', 'deviation', 'school_harassment', 'other_authority', 'other_organization'])[1 + floor(c.r_misc * 6)::int] END,
          c.registered_at, CASE WHEN c.registered_at IS NOT NULL THEN c.registrar_id END,
          c.first_answered_at, c.closed_at,
          (c.received_at AT TIME ZONE 'Europe/Stockholm')::date + 3,
          (c.received_at AT TIME ZONE 'Europe/Stockholm')::date + 14,
          CASE WHEN c.status = 'waiting' THEN ${NOW} - (${NOW} - c.registered_at) * c.r_time END,
          sha256(convert_to('bench-status-token:' || c.id::text, 'UTF8')),
          c.channel <> 'web',
          1 + (c.status <> 'received')::int + c.has_handler::int + (c.first_answered_at IS NOT NULL)::int + (c.closed_at IS NOT NULL)::int,
          c.received_at, coalesce(c.closed_at, c.first_answered_at, c.registered_at, c.received_at)
        FROM b_case c
        JOIN b_area ar ON ar.org_id = c.org_id AND ar.a_idx = c.a_idx
        JOIN b_sub sc ON sc.forv_id = c.forv_id AND sc.s_idx = c.s_idx`,
      // Case numbers come from one sequence per organization and year (migration 1200): move each
      // past the generated numbers so new cases continue after them.
      sql`
        DO $$ DECLARE r record; BEGIN
          FOR r IN SELECT organization_id AS org, split_part(number, '-', 2)::int AS yr, max(split_part(number, '-', 3)::int) AS n FROM cases GROUP BY 1, 2 LOOP
            PERFORM next_case_number(r.org, r.yr);
            PERFORM setval('case_number_' || replace(r.org::text, '-', '') || '_' || r.yr, r.n);
          END LOOP;
        END $$`,
      // A duplicate points at the case before it in the same unit.
      sql`
        UPDATE cases c SET merged_into_id = t.target
        FROM (SELECT id, lag(id) OVER (PARTITION BY unit_id ORDER BY received_at) AS target FROM cases) t
        WHERE t.id = c.id AND c.status = 'merged' AND t.target IS NOT NULL`,
    );

    await step(
      'contacts',
      sql`
        INSERT INTO case_contacts (case_id, name, email, phone, address, reply_channel, created_at)
        SELECT c.id, ${pick(FIRST)} || ' ' || ${pick(LAST)},
          CASE WHEN c.reply_channel = 'email' OR c.r_reply > .9 THEN 'person' || c.g || '@example.se' END,
          CASE WHEN c.reply_channel = 'phone' OR c.r_reply > .8 THEN '070-' || lpad((c.g % 10000000)::text, 7, '0') END,
          CASE WHEN c.reply_channel = 'letter' THEN 'Storgatan ' || (1 + c.g % 90) || E'\n123 45 Benchstad' END,
          c.reply_channel, c.received_at
        FROM b_case c WHERE NOT c.anonymous`,
    );

    await step(
      'events',
      sql`
        INSERT INTO case_events (case_id, type, from_status, to_status, actor_user_id, actor_label, occurred_at, visible_to_submitter, data)
        SELECT c.id, e.type, e.from_status, e.to_status, e.actor, e.label, e.at, e.visible, e.data
        FROM b_case c CROSS JOIN LATERAL (VALUES
          ('received', NULL, 'received', NULL::uuid, 'Synpunktslämnaren', c.received_at, true, '{}'::jsonb, true),
          ('register', 'received', 'registered', c.registrar_id, 'Registrator', c.registered_at, true, jsonb_build_object('kind', c.kind), c.registered_at IS NOT NULL AND c.status NOT IN ('referred', 'not_handled')),
          ('assign', 'registered', 'assigned', c.coordinator_id, 'Samordnare', c.registered_at + interval '2 hours', true, jsonb_build_object('handlerId', c.handler_id), c.has_handler),
          ('start', 'assigned', 'in_progress', c.handler_id, 'Handläggare', c.registered_at + interval '1 day', true, '{}'::jsonb, c.status IN ('in_progress', 'waiting', 'answered', 'closed')),
          ('note', NULL, NULL, c.handler_id, 'Handläggare', c.registered_at + interval '26 hours', false, jsonb_build_object('text', 'Ringde enheten och stämde av.'), c.has_handler AND c.r_misc < .3),
          ('wait', 'in_progress', 'waiting', c.handler_id, 'Handläggare', coalesce(c.registered_at, c.received_at) + interval '2 days', true, '{}'::jsonb, c.status = 'waiting'),
          ('answer', 'in_progress', 'answered', c.handler_id, 'Handläggare', c.first_answered_at, true, jsonb_build_object('channel', c.reply_channel), c.first_answered_at IS NOT NULL),
          (CASE c.status WHEN 'closed' THEN 'close' WHEN 'referred' THEN 'refer' WHEN 'not_handled' THEN 'reject' WHEN 'merged' THEN 'merge' ELSE 'withdraw' END,
           'in_progress', c.status, coalesce(c.handler_id, c.registrar_id), 'Handläggare', c.closed_at, true, '{}'::jsonb, c.closed_at IS NOT NULL)
        ) e(type, from_status, to_status, actor, label, at, visible, data, keep)
        WHERE e.keep`,
    );

    await step(
      'messages',
      sql`
        INSERT INTO messages (case_id, organization_id, purpose, channel, recipient, subject, body, status, occurred_on, created_by, created_at, sent_at)
        SELECT c.id, c.org_id, 'answer', c.reply_channel,
          CASE c.reply_channel WHEN 'email' THEN 'person' || c.g || '@example.se' WHEN 'phone' THEN '070-' || lpad((c.g % 10000000)::text, 7, '0') ELSE 'Storgatan ' || (1 + c.g % 90) END,
          'Svar på din synpunkt', 'Tack för att du hörde av dig. Vi har sett över det du skrev och ' || ${pick(['åtgärdat felet.', 'pratat med personalen.', 'tagit med förslaget i planeringen.', 'svarat på din fråga nedan.'])},
          CASE WHEN c.reply_channel = 'email' THEN 'sent' ELSE 'recorded' END,
          (c.first_answered_at AT TIME ZONE 'Europe/Stockholm')::date, c.handler_id, c.first_answered_at,
          CASE WHEN c.reply_channel = 'email' THEN c.first_answered_at + interval '1 minute' END
        FROM b_case c WHERE c.first_answered_at IS NOT NULL`,
    );

    for (const ix of indexes) await step('rebuild indexes', sql.raw(ix.def));
    await step('rebuild indexes', sql`RESET session_replication_role`, sql`RESET work_mem`, sql`RESET maintenance_work_mem`);

    const count = async (table: string) => Number((await sql<{ n: number }>`SELECT count(*)::int AS n FROM ${sql.table(table)}`.execute(conn)).rows[0]!.n);
    await step('vacuum analyze', sql`DROP TABLE b_rand, b_case`, sql`VACUUM (ANALYZE) cases, case_contacts, case_events, messages, org_units, users, role_grants, categories`);
    return {
      organizations: await count('organizations'),
      units: await count('org_units'),
      users: await count('users'),
      cases: await count('cases'),
      contacts: await count('case_contacts'),
      events: await count('case_events'),
      messages: await count('messages'),
      seconds,
    };
  });
}
