import { sql } from 'kysely';
import type { Executor } from '../../db/database.ts';
import { OPEN_STATUSES, SPAM_OUTCOME, type Status } from '../cases/lifecycle.ts';
import { serviceCode } from './services.ts';

/**
 * Service requests as anyone may read them (GET needs no key): status, service, dates and the
 * förvaltning responsible for every case that is neither internal nor confidential. What the
 * person wrote and what they were answered appear only as the published, de-identified public
 * version (description and status_notes), and the place only for a published case that came
 * in through Open311 (the person put it on a public map). Never anything about the submitter.
 * Spam is no service request at all (nobody asked for anything, statistics leave it out of
 * everything), so the feed does not know it. Offensive content that was not handled stays: it is
 * a submission someone made and was told about (rule 9), counted apart but not unmade.
 */
export const MAX_REQUESTS = 1000;
export const MAX_SPAN_DAYS = 90;

export interface RequestFilter {
  numbers?: string[];
  serviceCodes?: string[];
  start?: Date;
  end?: Date;
  status?: ('open' | 'closed')[];
}

function baseQuery(db: Executor, organizationId: string) {
  return db
    .selectFrom('cases as c')
    .leftJoin('categories as a', 'a.id', 'c.area_id')
    .leftJoin('categories as s', 's.id', 'c.subcategory_id')
    .leftJoin('org_units as u', (j) => j.on(sql<boolean>`u.id = coalesce(c.unit_id, c.suggested_unit_id)`))
    .leftJoin('org_units as f', (j) => j.on(sql<boolean>`f.id = u.ancestor_ids[1]`))
    .leftJoin('publications as p', (j) => j.onRef('p.case_id', '=', 'c.id').on('p.public_version_id', 'is not', null))
    .select([
      'c.number',
      'c.status',
      'c.channel',
      'c.area_id',
      'c.subcategory_id',
      'c.received_at',
      'c.updated_at',
      'c.answer_by',
      'c.latitude',
      'c.longitude',
      'c.location',
      'c.media_url',
      'a.name as area_name',
      's.name as subcategory_name',
      'f.name as forvaltning_name',
      'p.question as public_question',
      'p.answer as public_answer',
      'p.case_id as published',
    ])
    .where('c.organization_id', '=', organizationId)
    .where('c.is_internal', '=', false)
    .where('c.confidential', '=', false)
    .where('c.outcome', 'is distinct from', SPAM_OUTCOME);
}

export async function findRequests(db: Executor, organizationId: string, f: RequestFilter) {
  let q = baseQuery(db, organizationId);
  if (f.numbers) {
    // The spec: a list of ids overrides every other argument.
    q = q.where('c.number', 'in', f.numbers.length ? f.numbers : ['']);
  } else {
    if (f.start) q = q.where('c.received_at', '>=', f.start);
    if (f.end) q = q.where('c.received_at', '<=', f.end);
    if (f.status?.length === 1) q = q.where('c.status', f.status[0] === 'open' ? 'in' : 'not in', OPEN_STATUSES as Status[]);
    if (f.serviceCodes?.length) {
      const pairs = f.serviceCodes.map((code) => code.split('_'));
      q = q.where((eb) =>
        eb.or(pairs.map(([area, sub]) => eb.and([eb('c.area_id', '=', area!), sub ? eb('c.subcategory_id', '=', sub) : eb('c.subcategory_id', 'is', null)]))),
      );
    }
  }
  const rows = await q.orderBy('c.received_at', 'desc').orderBy('c.number', 'desc').limit(MAX_REQUESTS).execute();
  return rows.map(requestJson);
}

type Row = Awaited<ReturnType<ReturnType<typeof baseQuery>['execute']>>[number];

const OFFSET = new Intl.DateTimeFormat('en-US', { timeZone: 'Europe/Stockholm', timeZoneName: 'longOffset' });

/** W3C datetime in Swedish time with its offset, e.g. 2026-12-22T10:00:00+01:00 (the spec wants the zone). */
export function w3(d: Date): string {
  const name = OFFSET.formatToParts(d).find((p) => p.type === 'timeZoneName')?.value ?? 'GMT+01:00';
  const offset = name === 'GMT' ? '+00:00' : name.slice(3);
  const sign = offset.startsWith('-') ? -1 : 1;
  const [h, m] = offset.slice(1).split(':').map(Number) as [number, number];
  const local = new Date(d.getTime() + sign * (h * 60 + m) * 60_000);
  return `${local.toISOString().slice(0, 19)}${offset}`;
}

/** The end of a Swedish day: an answer is due "by the end of" its date. */
export function endOfDay(date: string): string {
  const noon = new Date(`${date}T12:00:00Z`);
  return `${date}T23:59:59${w3(noon).slice(19)}`;
}

function requestJson(r: Row) {
  const published = r.published !== null;
  const mapped = published && r.channel === 'open311';
  return {
    service_request_id: r.number,
    status: (OPEN_STATUSES as readonly string[]).includes(r.status) ? 'open' : 'closed',
    status_notes: published ? r.public_answer : null,
    service_name: r.area_name ? (r.subcategory_name ? `${r.subcategory_name}: ${r.area_name.toLowerCase()}` : `${r.area_name}: annat`) : null,
    service_code: r.area_id ? serviceCode(r.area_id, r.subcategory_id) : null,
    description: published ? r.public_question : null,
    agency_responsible: r.forvaltning_name,
    service_notice: null,
    requested_datetime: w3(r.received_at),
    updated_datetime: w3(r.updated_at),
    expected_datetime: r.answer_by ? endOfDay(r.answer_by) : null,
    address: mapped ? r.location : null,
    address_id: null,
    zipcode: null,
    lat: mapped ? r.latitude : null,
    long: mapped ? r.longitude : null,
    media_url: mapped ? r.media_url : null,
  };
}
