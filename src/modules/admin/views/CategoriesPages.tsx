import { useI18n } from '../../../platform/i18n/context.ts';
import { Select, TextInput, type FieldErrors } from '../../../platform/views/forms.tsx';
import { KIND_LABEL, KINDS } from '../../cases/labels.ts';
import { ActionButton, AdminLayout, type AdminPageProps } from './AdminLayout.tsx';
import { TableScroll } from '../../../platform/views/TableScroll.tsx';

export interface CategoryRow {
  id: string;
  level: 'area' | 'subcategory';
  name: string;
  active: boolean;
  sort_order: number;
  org_unit_id: string | null;
  unit_name: string | null;
  case_count: number;
}

function CategoryTable({ rows, csrf, caption }: { rows: CategoryRow[]; csrf: string; caption: string }) {
  const { t } = useI18n();
  if (!rows.length) return <p>{t('admin.categories.none')}</p>;
  return (
    <TableScroll label={caption}>
      <table>
        <caption class="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('admin.categories.name')}</th>
            <th scope="col">{t('admin.categories.cases')}</th>
            <th scope="col">{t('admin.categories.status')}</th>
            <th scope="col">
              <span class="visually-hidden">{t('admin.categories.actions')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r, i) => (
            <tr key={r.id}>
              <td>
                <a href={`/admin/kategorier/${r.id}`}>{r.name}</a>
              </td>
              <td>{r.case_count}</td>
              <td>{r.active ? t('admin.categories.active') : t('admin.categories.inactive')}</td>
              <td class="actions">
                {i > 0 && <ActionButton action={`/admin/kategorier/${r.id}/flytta`} csrf={csrf} fields={{ riktning: 'upp' }} label={t('admin.categories.up')} secondary ariaLabel={t('admin.categories.moveUp', { name: r.name })} />}
                {i < rows.length - 1 && <ActionButton action={`/admin/kategorier/${r.id}/flytta`} csrf={csrf} fields={{ riktning: 'ned' }} label={t('admin.categories.down')} secondary ariaLabel={t('admin.categories.moveDown', { name: r.name })} />}
                {r.active ? (
                  <ActionButton action={`/admin/kategorier/${r.id}/avaktivera`} csrf={csrf} label={t('admin.categories.deactivate')} secondary ariaLabel={t('admin.categories.deactivateName', { name: r.name })} />
                ) : (
                  <ActionButton action={`/admin/kategorier/${r.id}/aktivera`} csrf={csrf} label={t('admin.categories.activate')} secondary ariaLabel={t('admin.categories.activateName', { name: r.name })} />
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}

export function CategoriesPage({
  categories,
  forvaltningar,
  canManageAreas,
  values = { areaName: '', subName: '', forvaltningId: '' },
  errors = {},
  notice,
  ...props
}: AdminPageProps & {
  categories: CategoryRow[];
  forvaltningar: { id: string; name: string; subcategory_required: boolean; active: boolean }[];
  canManageAreas: boolean;
  values?: { areaName: string; subName: string; forvaltningId: string };
  errors?: FieldErrors;
  notice?: string;
}) {
  const i18n = useI18n();
  const { t } = i18n;
  const areas = categories.filter((c) => c.level === 'area');
  return (
    <AdminLayout title={t('admin.categories.title')} errors={errors} notice={notice} {...props}>
      <h1>{t('admin.categories.title')}</h1>
      <p>{t('admin.categories.lead')}</p>

      <h2>{t('admin.categories.kindHeading')}</h2>
      <p>{t('admin.categories.kinds', { kinds: KINDS.map((k) => KIND_LABEL[k]).join(', ') })}</p>

      <h2>{t('admin.categories.areasHeading')}</h2>
      {canManageAreas ? (
        <>
          <CategoryTable rows={areas} csrf={props.csrf} caption={t('admin.categories.areasHeading')} />
          <form method="post" action="/admin/kategorier/omraden" novalidate>
            <input type="hidden" name="_csrf" value={props.csrf} />
            <TextInput name="areaName" label={t('admin.categories.newArea')} value={values.areaName} error={errors.areaName} />
            <button type="submit">{t('admin.categories.addArea')}</button>
          </form>
        </>
      ) : (
        <p>{t('admin.categories.areasFixed', { areas: areas.filter((a) => a.active).map((a) => a.name).join(', ') })}</p>
      )}

      <h2>{t('admin.categories.subHeading')}</h2>
      {forvaltningar.length === 0 && <p>{t('admin.categories.noForvaltning')}</p>}
      {forvaltningar.map((f) => (
        <section key={f.id} aria-labelledby={`f-${f.id}`}>
          <h3 id={`f-${f.id}`}>
            {f.name}
            {!f.active && t('admin.categories.inactiveSuffix')}
          </h3>
          <form method="post" action={`/admin/kategorier/krav/${f.id}`} class="inline-form">
            <input type="hidden" name="_csrf" value={props.csrf} />
            <input type="hidden" name="required" value={f.subcategory_required ? 'nej' : 'ja'} />
            <p>
              {i18n.rich('admin.categories.required', { required: String(f.subcategory_required), name: f.name, strong: (c) => <strong>{c}</strong> })}{' '}
              <button type="submit" class="secondary">
                {t('admin.categories.makeRequired', { required: String(!f.subcategory_required) })}
              </button>
            </p>
          </form>
          <CategoryTable rows={categories.filter((c) => c.level === 'subcategory' && c.org_unit_id === f.id)} csrf={props.csrf} caption={t('admin.categories.subCaption', { name: f.name })} />
        </section>
      ))}
      {forvaltningar.length > 0 && (
        <section aria-labelledby="ny-underkategori">
          <h3 id="ny-underkategori">{t('admin.categories.newSubHeading')}</h3>
          <form method="post" action="/admin/kategorier/underkategorier" novalidate>
            <input type="hidden" name="_csrf" value={props.csrf} />
            <Select name="forvaltningId" label={t('admin.categories.forvaltning')} options={[{ value: '', label: t('admin.categories.chooseForvaltning') }, ...forvaltningar.filter((f) => f.active).map((f) => ({ value: f.id, label: f.name }))]} value={values.forvaltningId} error={errors.forvaltningId} />
            <TextInput name="subName" label={t('admin.categories.subName')} value={values.subName} error={errors.subName} />
            <button type="submit">{t('admin.categories.addSub')}</button>
          </form>
        </section>
      )}
    </AdminLayout>
  );
}

export function CategoryPage({ category, value, errors = {}, ...props }: AdminPageProps & { category: CategoryRow; value: string; errors?: FieldErrors }) {
  const { t } = useI18n();
  const field = `name-${category.id}`;
  return (
    <AdminLayout title={t('admin.category.title', { name: category.name })} errors={errors} {...props}>
      <p>
        <a href="/admin/kategorier">{t('admin.category.all')}</a>
      </p>
      <h1>{t('admin.category.heading', { level: category.level, name: category.name })}</h1>
      {category.unit_name && <p>{t('admin.category.forvaltning', { name: category.unit_name })}</p>}
      <p>{t('admin.category.caseCount', { n: category.case_count })}</p>
      <form method="post" action={`/admin/kategorier/${category.id}`} novalidate>
        <input type="hidden" name="_csrf" value={props.csrf} />
        <TextInput name="name" id={field} label={t('admin.category.name')} value={value} error={errors[field]} />
        <button type="submit">{t('admin.category.save')}</button>
      </form>
    </AdminLayout>
  );
}

