import { Open311Error } from './format.ts';
import { MAX_SPAN_DAYS, type RequestFilter } from './requests.ts';

const DAY = 24 * 60 * 60 * 1000;
const UUID = '[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}';
const SERVICE_CODE = new RegExp(`^${UUID}(_${UUID})?$`);
const CASE_NUMBER = /^[A-Za-z]{3}-\d{4}-\d{5,}$/;
// W3C datetime with a zone, as the spec requires: 2010-01-01T00:00:00Z or …+01:00.
const W3 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

/** A parameter as a list: comma separated, possibly repeated; empty means not given (the spec's optional arguments). */
function list(v: unknown): string[] | undefined {
  const parts = (Array.isArray(v) ? v : v === undefined ? [] : [v]).flatMap((x) => String(x).split(',')).map((s) => s.trim()).filter(Boolean);
  return parts.length ? parts : undefined;
}

function date(name: string, v: unknown, problems: string[]): Date | undefined {
  const [s, more] = list(v) ?? [];
  if (s === undefined) return undefined;
  if (more !== undefined || !W3.test(s) || Number.isNaN(Date.parse(s))) {
    problems.push(`${name} ska vara en tidpunkt med tidszon, till exempel 2026-12-01T00:00:00Z.`);
    return undefined;
  }
  return new Date(s);
}

/** GET requests' arguments, checked; everything wrong is said at once (400). */
export function parseRequestFilter(query: Record<string, unknown>, now: Date): RequestFilter {
  const problems: string[] = [];
  const numbers = list(query.service_request_id);
  if (numbers?.some((n) => !CASE_NUMBER.test(n))) problems.push('service_request_id ska vara ärendenummer, till exempel SYN-2026-00042, åtskilda med komma.');
  if (numbers && numbers.length > 1000) problems.push('Högst 1 000 service_request_id åt gången.');
  const serviceCodes = list(query.service_code);
  if (serviceCodes?.some((c) => !SERVICE_CODE.test(c))) problems.push('service_code ska vara koder ur services.xml, åtskilda med komma.');
  const status = list(query.status);
  if (status?.some((s) => s !== 'open' && s !== 'closed')) problems.push('status ska vara open eller closed (eller båda, åtskilda med komma).');
  let start = date('start_date', query.start_date, problems);
  let end = date('end_date', query.end_date, problems);
  if (start && end && end < start) problems.push('end_date ska vara efter start_date.');
  else if (start && end && end.getTime() - start.getTime() > MAX_SPAN_DAYS * DAY) problems.push(`Ett sökintervall får vara högst ${MAX_SPAN_DAYS} dagar.`);
  if (problems.length > 0) throw new Open311Error(400, problems.map((description) => ({ code: 400, description })));
  if (numbers) return { numbers: numbers.map((n) => n.toUpperCase()) };
  // Not given: the most recent 90 days, or 90 days from the one end that was given.
  if (!start && !end) end = now;
  if (!start) start = new Date(end!.getTime() - MAX_SPAN_DAYS * DAY);
  if (!end) end = new Date(start.getTime() + MAX_SPAN_DAYS * DAY);
  return { start, end, serviceCodes, status: status as ('open' | 'closed')[] | undefined };
}
