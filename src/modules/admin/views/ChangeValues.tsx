import type { ComponentChildren } from 'preact';
import type { Role } from '../../../db/schema.ts';
import { sv } from '../../../platform/i18n/catalogue.ts';
import type { MessageKey } from '../../../platform/i18n/catalogue.ts';
import { ROLE_LABEL } from '../../organizations/demoStaff.ts';
import { UNIT_KIND_LABEL } from '../commands/units.ts';
import { KIND_LABEL } from '../../cases/labels.ts';

/**
 * A change log entry's before and after as the administrator reads them: Swedish labels and
 * values (Ja/Nej, role and kind names, a unit's name for its id), not the stored JSON with its
 * English keys. A key without a label is shown as it is stored, so nothing is ever hidden.
 */

/** Stored key → the catalogue key of its label (admin.log.field.*). */
const FIELDS = [
  'name', 'email', 'role', 'unitId', 'source', 'active', 'totp', 'parentId', 'path', 'units', 'kind', 'hostName', 'casePrefix',
  'sso', 'enabled', 'issuerUrl', 'clientId', 'emailClaim', 'groupsClaim', 'scopes', 'groupRoles', 'buttonLabel', 'passwordLogin',
  'subcategoryRequired', 'committee', 'sortOrder', 'level', 'title', 'body', 'purpose', 'forvaltningId', 'decision', 'dueOn', 'expected',
  'prefix', 'address', 'publicationFourEyes', 'pseudonymise_on_request', 'pseudonymise_after_months', 'archive_name', 'url', 'eventTypes',
  'allowInsecure', 'description', 'day', 'installationAdmin',
] as const;
const label = (key: string) => ((FIELDS as readonly string[]).includes(key) ? sv(`admin.log.field.${key}` as MessageKey) : key);

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Every id in a logged value, for the caller to look up names for. */
export function idsIn(v: unknown): string[] {
  if (typeof v === 'string') return UUID.test(v) ? [v] : [];
  if (Array.isArray(v)) return v.flatMap(idsIn);
  if (v && typeof v === 'object') return Object.values(v).flatMap(idsIn);
  return [];
}

function text(key: string, v: unknown, names: ReadonlyMap<string, string>): string {
  if (v === null || v === undefined || v === '') return sv('admin.log.none');
  if (typeof v === 'boolean') return sv(v ? 'admin.log.yes' : 'admin.log.no');
  if (typeof v === 'string') {
    if (UUID.test(v)) return names.get(v) ?? v;
    if (key === 'role' && v in ROLE_LABEL) return ROLE_LABEL[v as Role];
    if (key === 'kind' && v in UNIT_KIND_LABEL) return UNIT_KIND_LABEL[v as keyof typeof UNIT_KIND_LABEL];
    if (key === 'kind' && v in KIND_LABEL) return KIND_LABEL[v as keyof typeof KIND_LABEL];
    return v;
  }
  return String(v);
}

/** One value: plain text, a list, or a nested object as its own list of labels and values. */
function Value({ k, v, names }: { k: string; v: unknown; names: ReadonlyMap<string, string> }): ComponentChildren {
  if (Array.isArray(v)) {
    if (v.length === 0) return sv('admin.log.none');
    if (v.every((x) => x === null || typeof x !== 'object')) return (k === 'path' ? v.map((x) => text(k, x, names)).join(' › ') : v.map((x) => text(k, x, names)).join(', '));
    return (
      <ul>
        {v.map((x, i) => (
          <li key={i}>
            <Value k={k} v={x} names={names} />
          </li>
        ))}
      </ul>
    );
  }
  if (v && typeof v === 'object') return <ChangeValues value={v} names={names} />;
  return <span class="user-text">{text(k, v, names)}</span>;
}

export function ChangeValues({ value, names }: { value: unknown; names: ReadonlyMap<string, string> }) {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return <Value k="" v={value} names={names} />;
  return (
    <dl class="change-values">
      {Object.entries(value).map(([k, v]) => (
        <div key={k}>
          <dt>{label(k)}</dt>
          <dd>
            <Value k={k} v={v} names={names} />
          </dd>
        </div>
      ))}
    </dl>
  );
}
