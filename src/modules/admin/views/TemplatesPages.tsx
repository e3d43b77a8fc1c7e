import { useI18n } from '../../../platform/i18n/context.ts';
import { Select, TextArea, TextInput, type FieldErrors } from '../../../platform/views/forms.tsx';
import { KIND_LABEL, KINDS } from '../../cases/labels.ts';
import { TEMPLATE_PLACEHOLDERS, TEMPLATE_PURPOSES, type TemplatePurpose } from '../commands/templates.ts';
import { ActionButton, AdminLayout, type AdminPageProps } from './AdminLayout.tsx';
import { TableScroll } from '../../../platform/views/TableScroll.tsx';

export interface TemplateRow {
  id: string;
  title: string;
  kind: string | null;
  purpose: string;
  active: boolean;
  unit_name: string | null;
}

export function TemplatesPage({ templates, notice, ...props }: AdminPageProps & { templates: TemplateRow[]; notice?: string }) {
  const { t } = useI18n();
  return (
    <AdminLayout title={t('admin.templates.title')} notice={notice} {...props}>
      <h1>{t('admin.templates.title')}</h1>
      <p>{t('admin.templates.lead')}</p>
      <p>
        <a class="button" href="/admin/svarsmallar/ny">
          {t('admin.templates.new')}
        </a>
      </p>
      {templates.length === 0 ? (
        <p>{t('admin.templates.empty')}</p>
      ) : (
        <TableScroll label={t('admin.templates.title')}>
          <table>
            <caption class="visually-hidden">{t('admin.templates.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('admin.templates.heading')}</th>
                <th scope="col">{t('admin.templates.purpose')}</th>
                <th scope="col">{t('admin.templates.kind')}</th>
                <th scope="col">{t('admin.templates.appliesTo')}</th>
                <th scope="col">{t('admin.templates.status')}</th>
                <th scope="col">
                  <span class="visually-hidden">{t('admin.templates.action')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {templates.map((tpl) => (
                <tr key={tpl.id}>
                  <td>
                    <a href={`/admin/svarsmallar/${tpl.id}`}>{tpl.title}</a>
                  </td>
                  <td>{TEMPLATE_PURPOSES[tpl.purpose as TemplatePurpose] ?? tpl.purpose}</td>
                  <td>{tpl.kind ? KIND_LABEL[tpl.kind as keyof typeof KIND_LABEL] : t('admin.templates.allKinds')}</td>
                  <td>{tpl.unit_name ?? t('admin.templates.wholeOrganization')}</td>
                  <td>{tpl.active ? t('admin.templates.active') : t('admin.templates.inactive')}</td>
                  <td>
                    {tpl.active ? (
                      <ActionButton action={`/admin/svarsmallar/${tpl.id}/avaktivera`} csrf={props.csrf} label={t('admin.templates.deactivate')} secondary ariaLabel={t('admin.templates.deactivateName', { name: tpl.title })} />
                    ) : (
                      <ActionButton action={`/admin/svarsmallar/${tpl.id}/aktivera`} csrf={props.csrf} label={t('admin.templates.activate')} secondary ariaLabel={t('admin.templates.activateName', { name: tpl.title })} />
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
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
  const { t } = useI18n();
  const title = id ? t('admin.template.editTitle', { name: values.title }) : t('admin.templates.new');
  return (
    <AdminLayout title={title} errors={errors} notice={notice} {...props}>
      <p>
        <a href="/admin/svarsmallar">{t('admin.template.all')}</a>
      </p>
      <h1>{title}</h1>
      <form method="post" action={id ? `/admin/svarsmallar/${id}` : '/admin/svarsmallar/ny'} novalidate>
        <input type="hidden" name="_csrf" value={props.csrf} />
        <TextInput name="title" label={t('admin.template.title')} value={values.title} error={errors.title} hint={t('admin.template.titleHint')} />
        <Select name="purpose" label={t('admin.templates.purpose')} options={Object.entries(TEMPLATE_PURPOSES).map(([value, label]) => ({ value, label }))} value={values.purpose} error={errors.purpose} />
        <Select name="kind" label={t('admin.templates.kind')} options={[{ value: '', label: t('admin.templates.allKinds') }, ...KINDS.map((k) => ({ value: k, label: KIND_LABEL[k] }))]} value={values.kind} error={errors.kind} />
        <Select
          name="forvaltningId"
          label={t('admin.templates.appliesTo')}
          options={[...(orgWide ? [{ value: '', label: t('admin.templates.wholeOrganization') }] : []), ...forvaltningar.map((f) => ({ value: f.id, label: f.name }))]}
          value={values.forvaltningId}
          error={errors.forvaltningId}
        />
        <TextArea
          name="body"
          label={t('admin.template.body')}
          rows={12}
          value={values.body}
          error={errors.body}
          hint={
            <>
              {t('admin.template.placeholders')}{' '}
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
        <button type="submit">{t('admin.template.save')}</button>
      </form>
    </AdminLayout>
  );
}
