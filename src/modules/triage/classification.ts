import type { CaseKind } from '../../db/schema.ts';
import type { FieldErrors } from '../../platform/views/forms.tsx';
import type { Classification } from '../cases/commands.ts';
import { KINDS } from '../cases/labels.ts';
import { forvaltningOf, type Lookups } from '../cases/lookups.ts';

const MAX_REF = 200;

/**
 * The registration form, checked field by field with messages the registrar can act on. The
 * command checks the same rules again inside its transaction; this is where they get words.
 */
export function validateClassification(v: Record<string, string>, lookups: Lookups): { ok: true; value: Classification } | { ok: false; errors: FieldErrors } {
  const errors: FieldErrors = {};
  if (!(KINDS as readonly string[]).includes(v.kind ?? '')) errors.kind = 'Välj typ: klagomål, fråga, beröm eller förslag';
  if (!lookups.areas.some((a) => a.id === v.areaId)) errors.areaId = 'Välj område';
  const unit = lookups.units.find((u) => u.id === v.unitId);
  if (!unit) errors.unitId = 'Välj vilken förvaltning eller enhet ärendet ska till';

  const group = forvaltningOf(lookups, v.unitId);
  if (unit && group) {
    const sub = lookups.subcategories.find((s) => s.id === v.subcategoryId);
    if (v.subcategoryId && (!sub || !unit.pathIds.includes(sub.unitId))) {
      errors.subcategoryId = `Välj en underkategori som hör till ${group.forvaltning.name}, eller ingen`;
    } else if (!v.subcategoryId && group.forvaltning.subcategoryRequired) {
      errors.subcategoryId = `${group.forvaltning.name} kräver en underkategori. Välj en underkategori under ${group.forvaltning.name}`;
    }
  }
  if (v.significance !== 'important' && v.significance !== 'routine') errors.significance = 'Ange om ärendet är av vikt för verksamheten eller rutinmässigt';

  const confidential = v.confidential === 'ja';
  const ref = (v.confidentialityRef ?? '').trim();
  if (confidential && !ref) errors.confidentialityRef = 'Ange lagrum för sekretessen, till exempel OSL 26 kap. 1 §';
  else if (ref.length > MAX_REF) errors.confidentialityRef = `Lagrummet får vara högst ${MAX_REF} tecken`;

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
