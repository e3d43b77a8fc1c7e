import { Select, TextArea, TextInput, type FieldErrors } from '../../../platform/views/forms.tsx';
import { KIND_LABEL, KINDS } from '../../cases/labels.ts';
import { TEMPLATE_PLACEHOLDERS, TEMPLATE_PURPOSES, type TemplatePurpose } from '../commands/templates.ts';
import { ActionButton, AdminLayout, type AdminPageProps } from './AdminLayout.tsx';

export interface TemplateRow {
  id: string;
  title: string;
  kind: string | null;
  purpose: string;
  active: boolean;
  unit_name: string | null;
}

export function TemplatesPage({ templates, notice, ...props }: AdminPageProps & { templates: TemplateRow[]; notice?: string }) {
  return (
    <AdminLayout title="Svarsmallar" notice={notice} {...props}>
      <h1>Svarsmallar</h1>
      <p>Mallarna i frasbiblioteket erbjuds handläggarna när de svarar. En mall kan gälla hela organisationen eller en förvaltning, och alla typer eller en typ.</p>
      <p>
        <a class="button" href="/admin/svarsmallar/ny">
          Ny svarsmall
        </a>
      </p>
      {templates.length === 0 ? (
        <p>Det finns inga svarsmallar ännu.</p>
      ) : (
        <table>
          <caption class="visually-hidden">Svarsmallar</caption>
          <thead>
            <tr>
              <th scope="col">Rubrik</th>
              <th scope="col">Används till</th>
              <th scope="col">Typ</th>
              <th scope="col">Gäller</th>
              <th scope="col">Status</th>
              <th scope="col">
                <span class="visually-hidden">Åtgärd</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {templates.map((t) => (
              <tr key={t.id}>
                <td>
                  <a href={`/admin/svarsmallar/${t.id}`}>{t.title}</a>
                </td>
                <td>{TEMPLATE_PURPOSES[t.purpose as TemplatePurpose] ?? t.purpose}</td>
                <td>{t.kind ? KIND_LABEL[t.kind as keyof typeof KIND_LABEL] : 'Alla typer'}</td>
                <td>{t.unit_name ?? 'Hela organisationen'}</td>
                <td>{t.active ? 'Aktiv' : 'Avaktiverad'}</td>
                <td>
                  {t.active ? (
                    <ActionButton action={`/admin/svarsmallar/${t.id}/avaktivera`} csrf={props.csrf} label="Avaktivera" secondary ariaLabel={`Avaktivera ${t.title}`} />
                  ) : (
                    <ActionButton action={`/admin/svarsmallar/${t.id}/aktivera`} csrf={props.csrf} label="Aktivera" secondary ariaLabel={`Aktivera ${t.title}`} />
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </AdminLayout>
  );
}

export interface TemplateValues {
  title: string;
  body: string;
  kind: string;
  purpose: string;
  forvaltningId: string;
}

export function TemplateFormPage({ id, values, forvaltningar, orgWide, errors = {}, notice, ...props }: AdminPageProps & { id?: string; values: TemplateValues; forvaltningar: { id: string; name: string }[]; orgWide: boolean; errors?: FieldErrors; notice?: string }) {
  const title = id ? `Ändra svarsmallen ${values.title}` : 'Ny svarsmall';
  return (
    <AdminLayout title={title} errors={errors} notice={notice} {...props}>
      <p>
        <a href="/admin/svarsmallar">Alla svarsmallar</a>
      </p>
      <h1>{title}</h1>
      <form method="post" action={id ? `/admin/svarsmallar/${id}` : '/admin/svarsmallar/ny'} novalidate>
        <input type="hidden" name="_csrf" value={props.csrf} />
        <TextInput name="title" label="Rubrik" value={values.title} error={errors.title} hint="Det handläggaren ser i listan över mallar." />
        <Select name="purpose" label="Används till" options={Object.entries(TEMPLATE_PURPOSES).map(([value, label]) => ({ value, label }))} value={values.purpose} error={errors.purpose} />
        <Select name="kind" label="Typ" options={[{ value: '', label: 'Alla typer' }, ...KINDS.map((k) => ({ value: k, label: KIND_LABEL[k] }))]} value={values.kind} error={errors.kind} />
        <Select
          name="forvaltningId"
          label="Gäller"
          options={[...(orgWide ? [{ value: '', label: 'Hela organisationen' }] : []), ...forvaltningar.map((f) => ({ value: f.id, label: f.name }))]}
          value={values.forvaltningId}
          error={errors.forvaltningId}
        />
        <TextArea
          name="body"
          label="Text"
          rows={12}
          value={values.body}
          error={errors.body}
          hint={
            <>
              Platshållare som fylls i när mallen används:{' '}
              {Object.entries(TEMPLATE_PLACEHOLDERS).map(([p, d], i) => (
                <span key={p}>
                  {i > 0 && ', '}
                  <code>{p}</code> ({d})
                </span>
              ))}
              .
            </>
          }
        />
        <button type="submit">Spara mallen</button>
      </form>
    </AdminLayout>
  );
}
