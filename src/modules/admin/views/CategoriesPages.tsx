import { Select, TextInput, type FieldErrors } from '../../../platform/views/forms.tsx';
import { KIND_LABEL, KINDS } from '../../cases/labels.ts';
import { ActionButton, AdminLayout, type AdminPageProps } from './AdminLayout.tsx';

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
  if (!rows.length) return <p>Inga ännu.</p>;
  return (
    <table>
      <caption class="visually-hidden">{caption}</caption>
      <thead>
        <tr>
          <th scope="col">Namn</th>
          <th scope="col">Ärenden</th>
          <th scope="col">Status</th>
          <th scope="col">
            <span class="visually-hidden">Åtgärder</span>
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
            <td>{r.active ? 'Aktiv' : 'Avaktiverad'}</td>
            <td class="actions">
              {i > 0 && <ActionButton action={`/admin/kategorier/${r.id}/flytta`} csrf={csrf} fields={{ riktning: 'upp' }} label="Upp" secondary ariaLabel={`Flytta ${r.name} upp`} />}
              {i < rows.length - 1 && <ActionButton action={`/admin/kategorier/${r.id}/flytta`} csrf={csrf} fields={{ riktning: 'ned' }} label="Ned" secondary ariaLabel={`Flytta ${r.name} ned`} />}
              {r.active ? (
                <ActionButton action={`/admin/kategorier/${r.id}/avaktivera`} csrf={csrf} label="Avaktivera" secondary ariaLabel={`Avaktivera ${r.name}`} />
              ) : (
                <ActionButton action={`/admin/kategorier/${r.id}/aktivera`} csrf={csrf} label="Aktivera" secondary ariaLabel={`Aktivera ${r.name}`} />
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
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
  const areas = categories.filter((c) => c.level === 'area');
  return (
    <AdminLayout title="Kategorier" errors={errors} notice={notice} {...props}>
      <h1>Kategorier</h1>
      <p>En synpunkt klassas i tre nivåer: typ (fast), område (obligatoriskt) och underkategori (per förvaltning). En avaktiverad kategori erbjuds inte längre, men ärenden som redan har den behåller den.</p>

      <h2>Typ</h2>
      <p>Typerna är fasta och gäller alla organisationer: {KINDS.map((k) => KIND_LABEL[k]).join(', ')}.</p>

      <h2>Områden</h2>
      {canManageAreas ? (
        <>
          <CategoryTable rows={areas} csrf={props.csrf} caption="Områden" />
          <form method="post" action="/admin/kategorier/omraden" novalidate>
            <input type="hidden" name="_csrf" value={props.csrf} />
            <TextInput name="areaName" label="Nytt område" value={values.areaName} error={errors.areaName} />
            <button type="submit">Lägg till området</button>
          </form>
        </>
      ) : (
        <p>{areas.filter((a) => a.active).map((a) => a.name).join(', ')}. Områdena bestäms av organisationens administratör.</p>
      )}

      <h2>Underkategorier per förvaltning</h2>
      {forvaltningar.length === 0 && <p>Det finns ingen förvaltning att lägga underkategorier på. Lägg först till en förvaltning under Organisation och enheter.</p>}
      {forvaltningar.map((f) => (
        <section key={f.id} aria-labelledby={`f-${f.id}`}>
          <h3 id={`f-${f.id}`}>
            {f.name}
            {!f.active && ' (avaktiverad)'}
          </h3>
          <form method="post" action={`/admin/kategorier/krav/${f.id}`} class="inline-form">
            <input type="hidden" name="_csrf" value={props.csrf} />
            <input type="hidden" name="required" value={f.subcategory_required ? 'nej' : 'ja'} />
            <p>
              Underkategori är <strong>{f.subcategory_required ? 'obligatorisk' : 'frivillig'}</strong> för {f.name}.{' '}
              <button type="submit" class="secondary">
                Gör den {f.subcategory_required ? 'frivillig' : 'obligatorisk'}
              </button>
            </p>
          </form>
          <CategoryTable rows={categories.filter((c) => c.level === 'subcategory' && c.org_unit_id === f.id)} csrf={props.csrf} caption={`Underkategorier för ${f.name}`} />
        </section>
      ))}
      {forvaltningar.length > 0 && (
        <section aria-labelledby="ny-underkategori">
          <h3 id="ny-underkategori">Ny underkategori</h3>
          <form method="post" action="/admin/kategorier/underkategorier" novalidate>
            <input type="hidden" name="_csrf" value={props.csrf} />
            <Select name="forvaltningId" label="Förvaltning" options={[{ value: '', label: 'Välj förvaltning' }, ...forvaltningar.filter((f) => f.active).map((f) => ({ value: f.id, label: f.name }))]} value={values.forvaltningId} error={errors.forvaltningId} />
            <TextInput name="subName" label="Underkategorins namn" value={values.subName} error={errors.subName} />
            <button type="submit">Lägg till underkategorin</button>
          </form>
        </section>
      )}
    </AdminLayout>
  );
}

export function CategoryPage({ category, value, errors = {}, ...props }: AdminPageProps & { category: CategoryRow; value: string; errors?: FieldErrors }) {
  const field = `name-${category.id}`;
  return (
    <AdminLayout title={`Byt namn på ${category.name}`} errors={errors} {...props}>
      <p>
        <a href="/admin/kategorier">Alla kategorier</a>
      </p>
      <h1>
        {category.level === 'area' ? 'Område' : 'Underkategori'}: {category.name}
      </h1>
      {category.unit_name && <p>Förvaltning: {category.unit_name}</p>}
      <p>{category.case_count} ärenden har kategorin. Ett nytt namn visas också i dem.</p>
      <form method="post" action={`/admin/kategorier/${category.id}`} novalidate>
        <input type="hidden" name="_csrf" value={props.csrf} />
        <TextInput name="name" id={field} label="Namn" value={value} error={errors[field]} />
        <button type="submit">Spara</button>
      </form>
    </AdminLayout>
  );
}

