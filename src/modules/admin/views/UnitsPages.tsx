import type { OrgUnit } from '../../../db/schema.ts';
import type { Translator } from '../../../platform/i18n/catalogue.ts';
import { useI18n } from '../../../platform/i18n/context.ts';
import { Checkbox, Select, TextInput, type FieldErrors } from '../../../platform/views/forms.tsx';
import { ROLE_LABEL } from '../../organizations/demoStaff.ts';
import { MAX_UNIT_DEPTH, UNIT_KIND_LABEL } from '../commands/units.ts';
import { ActionButton, AdminLayout, type AdminPageProps } from './AdminLayout.tsx';

type TreeNode = { unit: OrgUnit; children: TreeNode[] };

function buildTree(units: OrgUnit[], rootIds?: readonly string[]): TreeNode[] {
  const byParent = new Map<string | null, OrgUnit[]>();
  for (const u of units) byParent.set(u.parent_id, [...(byParent.get(u.parent_id) ?? []), u]);
  const node = (u: OrgUnit): TreeNode => ({ unit: u, children: (byParent.get(u.id) ?? []).map(node) });
  const roots = rootIds ? units.filter((u) => rootIds.includes(u.id)) : (byParent.get(null) ?? []);
  return roots.map(node);
}

function Tree({ nodes }: { nodes: TreeNode[] }) {
  const { t } = useI18n();
  if (!nodes.length) return null;
  return (
    <ul class="unit-tree">
      {nodes.map(({ unit, children }) => (
        <li key={unit.id}>
          <a href={`/admin/enheter/${unit.id}`}>{unit.name}</a> <span class="muted">{UNIT_KIND_LABEL[unit.kind]}</span>
          {unit.committee && <span class="muted"> · {unit.committee}</span>}
          {!unit.active && <span class="tag-warning">{t('admin.units.inactiveTag')}</span>}
          <Tree nodes={children} />
        </li>
      ))}
    </ul>
  );
}

/** An indented choice of units, for "parent" and "unit" selects. */
export function unitOptions(units: readonly OrgUnit[], opts: { first?: { value: string; label: string }; filter?: (u: OrgUnit) => boolean }, t: Translator['t']) {
  const list = units.filter((u) => (opts.filter ? opts.filter(u) : true));
  return [...(opts.first ? [opts.first] : []), ...list.map((u) => ({ value: u.id, label: `${'– '.repeat(u.ancestor_ids.length - 1)}${u.name}${u.active ? '' : t('admin.units.inactiveSuffix')}` }))];
}

export function UnitsPage({ units, roots, canAddTop, values = { name: '', committee: '', subcategoryRequired: false }, errors = {}, notice, ...props }: AdminPageProps & { units: OrgUnit[]; roots?: readonly string[]; canAddTop: boolean; values?: { name: string; committee: string; subcategoryRequired: boolean }; errors?: FieldErrors; notice?: string }) {
  const { t } = useI18n();
  const tree = buildTree(units, roots);
  return (
    <AdminLayout title={t('admin.units.title')} errors={errors} notice={notice} {...props}>
      <h1>{t('admin.units.title')}</h1>
      <p>{t('admin.units.lead')}</p>
      {tree.length ? <Tree nodes={tree} /> : <p>{t('admin.units.empty')}</p>}
      {canAddTop && (
        <section aria-labelledby="ny-forvaltning">
          <h2 id="ny-forvaltning">{t('admin.units.addForvaltning')}</h2>
          <form method="post" action="/admin/enheter" novalidate>
            <input type="hidden" name="_csrf" value={props.csrf} />
            <input type="hidden" name="parentId" value="" />
            <TextInput name="name" label={t('admin.units.name')} value={values.name} error={errors.name} />
            <TextInput name="committee" label={t('admin.units.committee')} value={values.committee} error={errors.committee} hint={t('admin.units.committeeHint')} />
            <Checkbox name="subcategoryRequired" label={t('admin.units.subcategoryRequired')} checked={values.subcategoryRequired} />
            <button type="submit">{t('admin.units.addForvaltningSubmit')}</button>
          </form>
        </section>
      )}
    </AdminLayout>
  );
}

export interface UnitPageData {
  unit: OrgUnit;
  parentName: string | null;
  path: { id: string; name: string }[];
  children: OrgUnit[];
  caseCount: number;
  /** Open cases in the unit and below it: deactivating leaves them there, so the page says how many. */
  openCases: number;
  people: { id: string; name: string; role: keyof typeof ROLE_LABEL; active: boolean }[];
  /** Where the unit may be moved: already filtered by policy, and never into its own subtree. */
  moveTargets: OrgUnit[];
  canMoveToTop: boolean;
  structural: boolean;
}

export function UnitPage({ data, values, errors = {}, notice, ...props }: AdminPageProps & { data: UnitPageData; values: { name: string; committee: string; subcategoryRequired: boolean; sortOrder: string; childName: string; parentId: string }; errors?: FieldErrors; notice?: string }) {
  const { t } = useI18n();
  const u = data.unit;
  const depth = u.ancestor_ids.length;
  return (
    <AdminLayout title={`${UNIT_KIND_LABEL[u.kind]}: ${u.name}`} errors={errors} notice={notice} {...props}>
      <p>
        <a href="/admin/enheter">{t('admin.unit.all')}</a>
        {data.path.slice(0, -1).map((p) => (
          <span key={p.id}>
            {' › '}
            <a href={`/admin/enheter/${p.id}`}>{p.name}</a>
          </span>
        ))}
      </p>
      <h1>
        {u.name} <span class="muted">{UNIT_KIND_LABEL[u.kind]}</span>
      </h1>
      {!u.active && <p class="notice">{t('admin.unit.inactiveNotice')}</p>}
      <dl class="summary-list">
        <div>
          <dt>{t('admin.unit.cases')}</dt>
          <dd>{data.caseCount}</dd>
        </div>
        <div>
          <dt>{t('admin.unit.children')}</dt>
          <dd>{data.children.length ? data.children.map((c) => c.name).join(', ') : t('admin.unit.none')}</dd>
        </div>
        <div>
          <dt>{t('admin.unit.roles')}</dt>
          <dd>
            {data.people.length ? (
              <ul>
                {data.people.map((p) => (
                  <li key={p.id + p.role}>
                    <a href={`/admin/personer/${p.id}`}>{p.name}</a>, {ROLE_LABEL[p.role].toLowerCase()}
                    {!p.active && t('admin.units.inactiveSuffix')}
                  </li>
                ))}
              </ul>
            ) : (
              t('admin.unit.none')
            )}
          </dd>
        </div>
      </dl>

      <h2>{t('admin.unit.details')}</h2>
      <form method="post" action={`/admin/enheter/${u.id}`} novalidate>
        <input type="hidden" name="_csrf" value={props.csrf} />
        {data.structural ? <TextInput name="name" label={t('admin.unit.name')} value={values.name} error={errors.name} /> : <input type="hidden" name="name" value={values.name} />}
        {u.kind === 'forvaltning' && (
          <>
            {data.structural ? <TextInput name="committee" label={t('admin.unit.committee')} value={values.committee} error={errors.committee} /> : <input type="hidden" name="committee" value={values.committee} />}
            <Checkbox name="subcategoryRequired" label={t('admin.unit.subcategoryRequired')} checked={values.subcategoryRequired} />
          </>
        )}
        {data.structural && <TextInput name="sortOrder" label={t('admin.unit.sortOrder')} inputmode="numeric" value={values.sortOrder} error={errors.sortOrder} hint={t('admin.unit.sortOrderHint')} />}
        <button type="submit">{t('admin.unit.save')}</button>
      </form>

      {u.active && depth < MAX_UNIT_DEPTH && (
        <>
          <h2>{t('admin.unit.addChild', { level: depth === 1 ? 'avdelning' : 'enhet', name: u.name })}</h2>
          <form method="post" action="/admin/enheter" novalidate>
            <input type="hidden" name="_csrf" value={props.csrf} />
            <input type="hidden" name="parentId" value={u.id} />
            <TextInput name="childName" label={t('admin.unit.childName')} value={values.childName} error={errors.childName} />
            <button type="submit">{t('admin.unit.addChildSubmit')}</button>
          </form>
        </>
      )}

      {data.structural && (
        <>
          <h2>{t('admin.unit.move')}</h2>
          <form method="post" action={`/admin/enheter/${u.id}/flytta`} novalidate>
            <input type="hidden" name="_csrf" value={props.csrf} />
            <Select
              name="parentId"
              label={t('admin.unit.parentId')}
              value={values.parentId}
              error={errors.parentId}
              hint={t('admin.unit.parentIdHint')}
              options={unitOptions(data.moveTargets, { first: data.canMoveToTop ? { value: '', label: t('admin.unit.topLevel') } : undefined }, t)}
            />
            <button type="submit" class="secondary">
              {t('admin.unit.move')}
            </button>
          </form>

          <h2>{t('admin.unit.deactivateOrDelete')}</h2>
          {errors.active && <p class="field-error">{errors.active}</p>}
          {errors.delete && (
            <p class="field-error" id="delete">
              {errors.delete}
            </p>
          )}
          <div class="actions" id="active">
            {u.active ? (
              data.openCases > 0 ? (
                <DeactivateWithOpenCases unit={u} open={data.openCases} csrf={props.csrf} error={errors.confirmOpen} />
              ) : (
                <ActionButton action={`/admin/enheter/${u.id}/avaktivera`} csrf={props.csrf} label={t('admin.unit.deactivate', { name: u.name })} secondary />
              )
            ) : (
              <ActionButton action={`/admin/enheter/${u.id}/aktivera`} csrf={props.csrf} label={t('admin.unit.activate', { name: u.name })} secondary />
            )}
            {data.caseCount === 0 && data.children.length === 0 && <ActionButton action={`/admin/enheter/${u.id}/ta-bort`} csrf={props.csrf} label={t('admin.unit.delete', { name: u.name })} secondary />}
          </div>
          <p class="hint">{t('admin.unit.deactivateHint')}</p>
        </>
      )}
    </AdminLayout>
  );
}

/** Deactivating a unit that still has open cases: the page says how many and asks the admin to confirm. */
function DeactivateWithOpenCases({ unit, open, csrf, error }: { unit: OrgUnit; open: number; csrf: string; error?: string }) {
  const { t } = useI18n();
  return (
    <form method="post" action={`/admin/enheter/${unit.id}/avaktivera`} novalidate>
      <input type="hidden" name="_csrf" value={csrf} />
      <p class="notice">{t('admin.unit.openCasesNotice', { name: unit.name, n: open })}</p>
      <Checkbox name="confirmOpen" label={t('admin.unit.deactivateConfirm', { n: open })} error={error} />
      <button type="submit" class="secondary">
        {t('admin.unit.deactivate', { name: unit.name })}
      </button>
    </form>
  );
}
