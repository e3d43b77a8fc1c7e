import type { CaseKind } from '../../db/schema.ts';
import type { FieldErrors } from '../../platform/views/forms.tsx';
import type { Classification } from '../cases/commands.ts';
import { KINDS } from '../cases/labels.ts';
import { forvaltningOf, type Lookups } from '../cases/lookups.ts';
import { sv } from '../../platform/i18n/catalogue.ts';

const MAX_REF = 200;

/**
 * The registration form, checked field by field with messages the registrar can act on. The
 * command checks the same rules again inside its transaction; this is where they get words.
 */
export function validateClassification(v: Record<string, string>, lookups: Lookups): { ok: true; value: Classification } | { ok: false; errors: FieldErrors } {
  const errors: FieldErrors = {};
  if (!(KINDS as readonly string[]).includes(v.kind ?? '')) errors.kind = sv('triage.error.kind');
  if (!lookups.areas.some((a) => a.id === v.areaId)) errors.areaId = sv('triage.error.area');
  const unit = lookups.units.find((u) => u.id === v.unitId);
  if (!unit) errors.unitId = sv('triage.error.unit');

  const group = forvaltningOf(lookups, v.unitId);
  if (unit && group) {
    const sub = lookups.subcategories.find((s) => s.id === v.subcategoryId);
    if (v.subcategoryId && (!sub || !unit.pathIds.includes(sub.unitId))) {
      errors.subcategoryId = sv('triage.error.subcategoryNotInUnit', { unit: group.forvaltning.name });
    } else if (!v.subcategoryId && group.forvaltning.subcategoryRequired) {
      errors.subcategoryId = sv('triage.error.subcategoryRequired', { unit: group.forvaltning.name });
    }
  }
  if (v.significance !== 'important' && v.significance !== 'routine') errors.significance = sv('triage.error.significance');

  const confidential = v.confidential === 'ja';
  const ref = (v.confidentialityRef ?? '').trim();
  if (confidential && !ref) errors.confidentialityRef = sv('triage.error.lagrum');
  else if (ref.length > MAX_REF) errors.confidentialityRef = sv('triage.error.lagrumTooLong', { max: MAX_REF });

  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return {
    ok: true,
    value: {
      kind: v.kind as CaseKind,
      areaId: v.areaId!,
      unitId: v.unitId!,
      subcategoryId: v.subcategoryId || null,
      significance: v.significance as 'important' | 'routine',
      confidential,
      confidentialityRef: confidential ? ref : null,
    },
  };
}
