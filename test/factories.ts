import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import type { Db, Executor } from '../src/db/database.ts';
import type { CaseKind, Channel, ReplyChannel, Role } from '../src/db/schema.ts';
import type { Status } from '../src/modules/cases/lifecycle.ts';
import { allocateCaseNumber } from '../src/modules/cases/numbering.ts';
import type { Actor } from '../src/modules/cases/policy.ts';
import { policyCase } from '../src/modules/cases/queries.ts';
import { hashStatusToken } from '../src/modules/cases/statusToken.ts';
import { seedDemoOrganization } from '../src/modules/organizations/demo.ts';

/**
 * Test data built straight into the database: organizations (the demo unit tree), staff with
 * grants, and cases in any status. Each builder writes only what it is asked for, so a test
 * states its own preconditions.
 */

export interface OrgFixture {
  id: string;
  slug: string;
  /** A unit's id by its name in the demo tree ("Barn och utbildning", "Solrosens förskola" …). */
  unit(name: string): string;
  /** The unit's ancestor path, root first, including itself. */
  path(name: string): string[];
  /** An area (level 2 category) by name; the first one by default. */
  area(name?: string): string;
  /** A subcategory of a förvaltning by name; its first one by default. */
  subcategory(forvaltning: string, name?: string): string;
}

let orgSeq = 0;

/** An organization with the demo unit tree, areas and subcategories. */
export async function buildOrg(db: Db, opts: { slug?: string; name?: string; isDefault?: boolean } = {}): Promise<OrgFixture> {
  const slug = opts.slug ?? `org-${process.pid}-${++orgSeq}`;
  const id = await seedDemoOrganization(db, { slug, name: opts.name ?? `Kommun ${slug}`, isDefault: opts.isDefault ?? false });
  const units = await db.selectFrom('org_units').select(['id', 'name', 'ancestor_ids']).where('organization_id', '=', id).execute();
  const cats = await db.selectFrom('categories').select(['id', 'name', 'level', 'org_unit_id', 'sort_order']).where('organization_id', '=', id).orderBy('sort_order').execute();
  const byName = (name: string) => {
    const u = units.find((x) => x.name === name);
    if (!u) throw new Error(`No unit "${name}" in ${slug}`);
    return u;
  };
  return {
    id,
    slug,
    unit: (name) => byName(name).id,
    path: (name) => byName(name).ancestor_ids,
    area: (name) => {
      const a = cats.find((c) => c.level === 'area' && (name === undefined || c.name === name));
      if (!a) throw new Error(`No area "${name}"`);
      return a.id;
    },
    subcategory: (forvaltning, name) => {
      const f = byName(forvaltning).id;
      const s = cats.find((c) => c.level === 'subcategory' && c.org_unit_id === f && (name === undefined || c.name === name));
      if (!s) throw new Error(`No subcategory "${name}" under ${forvaltning}`);
      return s.id;
    },
  };
}

let userSeq = 0;

/** A staff member with the given grants (unitId null = the whole organization), as an Actor. */
export async function buildStaff(db: Executor, organizationId: string, spec: { name?: string; grants: { role: Role; unitId: string | null }[] }): Promise<Actor> {
  const n = ++userSeq;
  const name = spec.name ?? `Person ${n}`;
  const user = await db
    .insertInto('users')
    .values({ organization_id: organizationId, email: `person${n}-${randomBytes(3).toString('hex')}@example.se`, name })
    .returning('id')
    .executeTakeFirstOrThrow();
  for (const g of spec.grants) await db.insertInto('role_grants').values({ user_id: user.id, role: g.role, org_unit_id: g.unitId }).execute();
  return { kind: 'user', id: user.id, name, organizationId, grants: spec.grants };
}

export interface CaseOverrides {
  organizationId: string;
  status?: Status;
  kind?: CaseKind;
  channel?: Channel;
  description?: string;
  /** null: anonymous. Default: a named submitter who wants an answer by e-mail. */
  contact?: null | { name?: string | null; email?: string | null; phone?: string | null; address?: string | null; replyChannel?: ReplyChannel };
  receivedAt?: Date;
  unitId?: string | null;
  handlerId?: string | null;
  areaId?: string | null;
  subcategoryId?: string | null;
  significance?: 'important' | 'routine' | null;
  confidential?: boolean;
  confidentialityRef?: string | null;
  outcome?: string | null;
  referralType?: string | null;
  mergedIntoId?: string | null;
  firstAnsweredAt?: Date | null;
  closedAt?: Date | null;
  isInternal?: boolean;
  /** Deadlines as intake stores them; default received + 3 and + 14 days. null: a case from before deadlines. */
  acknowledgeBy?: string | null;
  answerBy?: string | null;
  pausedSince?: Date | null;
  /** Also store an answer message (purpose 'answer') as if the submitter had been answered. */
  answerMessage?: boolean;
}

export interface BuiltCase {
  id: string;
  number: string;
  organizationId: string;
  status: Status;
}

/**
 * A case row in the given status, with its contact (unless anonymous) and the `received`
 * event, in one transaction. Columns are exactly what the overrides say: a case in "assigned"
 * has a handler only if you give it one.
 */
export async function buildCase(db: Db, o: CaseOverrides): Promise<BuiltCase> {
  const id = crypto.randomUUID();
  const receivedAt = o.receivedAt ?? new Date('2026-12-01T09:00:00Z');
  const number = await allocateCaseNumber(db, o.organizationId, receivedAt.getUTCFullYear());
  const status = o.status ?? 'received';
  const contact = o.contact === undefined ? { name: 'Åsa Öberg', email: 'asa@example.se', replyChannel: 'email' as const } : o.contact;
  await db.transaction().execute(async (tx) => {
    await tx
      .insertInto('cases')
      .values({
        id,
        organization_id: o.organizationId,
        number,
        status,
        kind: o.kind ?? 'klagomal',
        channel: o.channel ?? 'web',
        description: o.description ?? 'Gatlyktan vid skolan har varit släckt i två veckor.',
        anonymous: contact === null,
        is_internal: o.isInternal ?? false,
        received_at: receivedAt,
        unit_id: o.unitId ?? null,
        handler_id: o.handlerId ?? null,
        area_id: o.areaId ?? null,
        subcategory_id: o.subcategoryId ?? null,
        significance: o.significance ?? null,
        confidential: o.confidential ?? false,
        confidentiality_ref: o.confidentialityRef ?? null,
        outcome: o.outcome ?? null,
        referral_type: o.referralType ?? null,
        merged_into_id: o.mergedIntoId ?? null,
        first_answered_at: o.firstAnsweredAt ?? null,
        closed_at: o.closedAt ?? null,
        acknowledge_by: o.acknowledgeBy === undefined ? dayAfter(receivedAt, 3) : o.acknowledgeBy,
        answer_by: o.answerBy === undefined ? dayAfter(receivedAt, 14) : o.answerBy,
        paused_since: o.pausedSince ?? null,
        status_token_hash: hashStatusToken(randomBytes(32).toString('base64url')),
      })
      .execute();
    if (contact) {
      await tx
        .insertInto('case_contacts')
        .values({ case_id: id, name: contact.name ?? null, email: contact.email ?? null, phone: contact.phone ?? null, address: contact.address ?? null, reply_channel: contact.replyChannel ?? 'email' })
        .execute();
    }
    await tx
      .insertInto('case_events')
      .values({ case_id: id, type: 'received', to_status: 'received', actor_label: 'Fixture', occurred_at: receivedAt, visible_to_submitter: true, data: JSON.stringify({}) })
      .execute();
    if (o.answerMessage) {
      await tx
        .insertInto('messages')
        .values({ case_id: id, purpose: 'answer', channel: 'email', recipient: contact?.email ?? null, body: 'Tack för din synpunkt.', status: 'queued', occurred_on: '2026-12-02' })
        .execute();
    }
  });
  return { id, number, organizationId: o.organizationId, status };
}

const dayAfter = (d: Date, days: number) => new Date(d.getTime() + days * 86_400_000).toISOString().slice(0, 10);

/** The state of a case that a refused or rolled-back change must leave untouched, jobs included. */
export async function snapshot(db: Executor, caseId: string) {
  const c = await db.selectFrom('cases').selectAll().where('id', '=', caseId).executeTakeFirstOrThrow();
  const events = await db.selectFrom('case_events').selectAll().where('case_id', '=', caseId).orderBy('id').execute();
  const messages = await db.selectFrom('messages').selectAll().where('case_id', '=', caseId).orderBy('created_at').execute();
  const { rows: jobs } = await sql<{ task_identifier: string; key: string | null }>`
    SELECT task_identifier, key FROM graphile_worker.jobs
    WHERE key LIKE ${`%:${caseId}`} OR key IN (SELECT 'send_message:' || id FROM messages WHERE case_id = ${caseId})
    ORDER BY id`.execute(db);
  const { search: _search, ...row } = c;
  return { row, events, messages, jobs };
}

/** What canSee() needs about every case in the database, loaded as the app loads it. */
export async function policyCases(db: Executor) {
  const rows = await db
    .selectFrom('cases as c')
    .leftJoin('org_units as u', 'u.id', 'c.unit_id')
    .select(['c.id', 'c.number', 'c.organization_id', 'c.status', 'c.handler_id', 'c.confidential', 'u.ancestor_ids as unit_path'])
    .execute();
  return rows.map((r) => ({ id: r.id, number: r.number, policy: policyCase(r) }));
}
