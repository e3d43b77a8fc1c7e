import type { Executor } from '../../db/database.ts';
import type { CaseKind, ReplyChannel } from '../../db/schema.ts';
import { KINDS } from '../cases/labels.ts';
import type { Actor } from '../cases/policy.ts';
import { validateSubmission, MAX_DESCRIPTION, type SubmissionInput } from '../intake/validation.ts';
import { listActiveForvaltningar } from '../organizations/queries.ts';
import type { IntegrationExtras, OnBehalfInput } from '../registration/commands.ts';
import { Open311Error, open311Error } from './format.ts';
import { REPLY_VALUES, type Service } from './services.ts';

/** The fields of POST requests that we read; anything else but attribute[…] is ignored, as the spec allows. */
const SINGLE = ['api_key', 'jurisdiction_id', 'service_code', 'lat', 'long', 'address_string', 'address_id', 'email', 'device_id', 'account_id', 'first_name', 'last_name', 'phone', 'description', 'media_url'] as const;
type Field = (typeof SINGLE)[number];
export type PostFields = Partial<Record<Field, string>> & { attributes: Record<string, string> };

const MAX_ADDRESS = 500;
const MAX_URL = 2000;

/** Reads the urlencoded body; a field sent twice is an error, not a guess. */
export function readPost(body: unknown): PostFields {
  const source = body && typeof body === 'object' ? (body as Record<string, unknown>) : {};
  const fields: PostFields = { attributes: {} };
  const problems: string[] = [];
  for (const [name, value] of Object.entries(source)) {
    const attr = /^attribute\[([A-Za-z0-9_-]+)\](\[\])?$/.exec(name);
    if (Array.isArray(value) || typeof value !== 'string') {
      problems.push(`${name} skickades mer än en gång.`);
      continue;
    }
    if (attr) fields.attributes[attr[1]!] = value;
    else if ((SINGLE as readonly string[]).includes(name)) fields[name as Field] = value;
  }
  if (problems.length > 0) throw new Open311Error(400, problems.map((description) => ({ code: 400, description })));
  return fields;
}

const blank = (v: string | undefined) => v === undefined || v.trim() === '';

function coordinate(name: 'lat' | 'long', v: string, limit: number, problems: string[]): number | null {
  const n = /^\s*-?\d+(\.\d+)?\s*$/.test(v) ? Number(v) : NaN;
  if (Number.isNaN(n) || Math.abs(n) > limit) {
    problems.push(`${name} ska vara ett tal mellan -${limit} och ${limit} (WGS84, decimalgrader), till exempel ${name === 'lat' ? '57.7089' : '11.9746'}.`);
    return null;
  }
  return n;
}

/** Where: both coordinates, or an address string, or both. address_id means nothing to us. */
function place(f: PostFields, problems: string[]): NonNullable<IntegrationExtras['place']> {
  const hasLat = !blank(f.lat);
  const hasLong = !blank(f.long);
  const address = f.address_string?.trim() ?? '';
  if (hasLat !== hasLong) problems.push('Skicka både lat och long, eller ingen av dem.');
  const latitude = hasLat && hasLong ? coordinate('lat', f.lat!, 90, problems) : null;
  const longitude = hasLat && hasLong ? coordinate('long', f.long!, 180, problems) : null;
  if (!hasLat && !hasLong && !address) {
    problems.push(blank(f.address_id) ? 'Ange platsen: lat och long, eller address_string.' : 'address_id stöds inte här. Ange platsen med lat och long, eller address_string.');
  }
  if ([...address].length > MAX_ADDRESS) problems.push(`address_string får vara högst ${MAX_ADDRESS} tecken.`);
  return { latitude, longitude, address: address || null };
}

/** The web form's field names → Open311's, for messages. */
const OPEN311_NAME: Partial<Record<keyof SubmissionInput, string>> = { name: 'first_name/last_name', email: 'email', phone: 'phone', replyChannel: 'attribute[reply]', description: 'description' };

/**
 * Checks a POST against the chosen service and the web form's own rules, and says everything
 * that is wrong at once. Returns what registration needs; nothing is stored here.
 */
export async function validatePost(db: Executor, organizationId: string, f: PostFields, service: Service, now: Date): Promise<OnBehalfInput> {
  const problems: string[] = [];
  const where = place(f, problems);
  const kind = f.attributes.kind?.trim() ?? '';
  if (!kind) problems.push(`attribute[kind] krävs: ${KINDS.join(', ')}.`);
  else if (!KINDS.includes(kind as CaseKind)) problems.push(`attribute[kind] ska vara en av ${KINDS.join(', ')}.`);
  const reply = f.attributes.reply?.trim() ?? '';
  if (reply && !(reply in REPLY_VALUES)) problems.push(`attribute[reply] ska vara en av ${Object.keys(REPLY_VALUES).join(', ')}.`);
  for (const code of Object.keys(f.attributes)) if (code !== 'kind' && code !== 'reply') problems.push(`attribute[${code}] finns inte för den här tjänsten. Se tjänstens definition.`);
  const mediaUrl = f.media_url?.trim() ?? '';
  if (mediaUrl && (!/^https?:\/\/\S+$/i.test(mediaUrl) || mediaUrl.length > MAX_URL)) problems.push('media_url ska vara en adress som börjar med http:// eller https://.');
  const description = f.description ?? '';
  if (blank(description)) problems.push('description saknas: beskriv vad det gäller.');
  else if ([...description].length > MAX_DESCRIPTION) problems.push(`description får vara högst ${MAX_DESCRIPTION.toLocaleString('sv-SE')} tecken.`);

  // Who: the web form's rules. Without a name, e-mail or phone the submission is anonymous.
  const name = [f.first_name, f.last_name].map((s) => s?.trim() ?? '').filter(Boolean).join(' ');
  const email = f.email?.trim() ?? '';
  const phone = f.phone?.trim() ?? '';
  const anonymous = !name && !email && !phone;
  const replyChannel: ReplyChannel = (reply as ReplyChannel) || (email ? 'email' : phone ? 'phone' : 'none');
  const input: SubmissionInput = {
    kind,
    description,
    unit: service.forvaltningId ?? '',
    anonymous: anonymous ? 'true' : 'false',
    name,
    email,
    phone,
    address: '',
    replyChannel: anonymous ? '' : replyChannel,
    formId: '',
  };
  const forvaltningar = await listActiveForvaltningar(db, organizationId);
  const checked = validateSubmission({ input, malformed: [] }, new Set(forvaltningar.map((u) => u.id)));
  if (!checked.ok) {
    for (const [field, message] of Object.entries(checked.errors)) {
      if (field === 'kind' || field === 'description') continue; // said above, in Open311's words
      problems.push(`${OPEN311_NAME[field as keyof SubmissionInput] ?? field}: ${message}.`);
    }
  }
  if (problems.length > 0 || !checked.ok) throw new Open311Error(400, problems.map((description) => ({ code: 400, description })));
  const v = checked.value;
  return {
    kind: v.kind,
    description: v.description,
    channel: 'open311',
    receivedAt: now,
    // The person sent it themselves, through their app.
    confirmedWithSubmitter: true,
    contact: v.contact,
    suggestedUnitId: service.forvaltningId,
    more: { place: where, mediaUrl: mediaUrl || null, areaId: service.areaId, subcategoryId: service.subcategoryId },
  };
}

/** The api_key field: one of the organization's API keys whose role may register feedback. */
export function keyProblem(key: string | undefined, actor: Actor | undefined, organizationId: string, mayRegister: (a: Actor) => boolean): Open311Error | null {
  if (blank(key)) return open311Error(403, 'api_key saknas. Skicka en API-nyckel från kommunen i fältet api_key.');
  if (!actor || actor.organizationId !== organizationId) return open311Error(403, 'Ogiltig api_key: nyckeln finns inte, är återkallad eller hör till en annan organisation.');
  if (!mayRegister(actor)) return open311Error(403, 'API-nyckelns roll får inte lämna synpunkter.');
  return null;
}
