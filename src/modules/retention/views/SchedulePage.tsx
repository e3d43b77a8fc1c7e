import { useI18n } from '../../../platform/i18n/context.ts';
import { Radios, Select, TextInput, type FieldErrors } from '../../../platform/views/forms.tsx';
import { ActionButton, AdminLayout, type AdminPageProps } from '../../admin/views/AdminLayout.tsx';
import { KIND_LABEL, KINDS } from '../../cases/labels.ts';
import type { RuleInput } from '../rules.ts';
import type { RunRule } from '../disposal.ts';
import { TableScroll } from '../../../platform/views/TableScroll.tsx';

export const EMPTY_RULE: RuleInput = { significance: '', kind: '', areaId: '', action: '', years: '', decisionRef: '' };

export function SchedulePage(p: AdminPageProps & { rules: RunRule[]; areas: { id: string; name: string }[]; input: RuleInput; errors?: FieldErrors; notice?: string }) {
  const { t } = useI18n();
  return (
    <AdminLayout title={t('retention.schedule.title')} errors={p.errors} notice={p.notice} {...p}>
      <h1>{t('retention.schedule.title')}</h1>
      <p>{t('retention.schedule.intro')}</p>
      <h2>{t('retention.schedule.rules')}</h2>
      {p.rules.length === 0 ? (
        <>
          <p>{t('retention.schedule.noPlan')}</p>
          <ActionButton action="/admin/arkiv/gallringsplan/hjo" csrf={p.csrf} label={t('retention.schedule.startWithHjo')} secondary />
        </>
      ) : (
        <TableScroll label={t('retention.schedule.caption')}>
        <table>
          <caption class="visually-hidden">{t('retention.schedule.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('retention.schedule.rule')}</th>
              <th scope="col">{t('retention.schedule.decisionRef')}</th>
              <th scope="col">
                <span class="visually-hidden">{t('retention.schedule.remove')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {p.rules.map((r) => (
              <tr key={r.id}>
                <td>{r.text}</td>
                <td>{r.decisionRef}</td>
                <td>
                  <ActionButton action={`/admin/arkiv/gallringsplan/${r.id}/ta-bort`} csrf={p.csrf} label={t('retention.schedule.remove')} secondary ariaLabel={t('retention.schedule.removeLabel', { rule: r.text })} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        </TableScroll>
      )}
      <h2>{t('retention.schedule.addTitle')}</h2>
      <p>{t('retention.schedule.addText')}</p>
      <form method="post" action="/admin/arkiv/gallringsplan" novalidate>
        <input type="hidden" name="_csrf" value={p.csrf} />
        <Radios
          name="significance"
          legend={t('retention.schedule.significance')}
          value={p.input.significance}
          error={p.errors?.significance}
          options={[
            { value: 'important', label: t('retention.schedule.important') },
            { value: 'routine', label: t('retention.schedule.routine') },
          ]}
        />
        <Select name="kind" label={t('retention.schedule.kind')} value={p.input.kind} error={p.errors?.kind} options={[{ value: '', label: t('retention.schedule.allKinds') }, ...KINDS.map((k) => ({ value: k, label: KIND_LABEL[k] }))]} />
        <Select name="areaId" label={t('retention.schedule.area')} value={p.input.areaId} error={p.errors?.areaId} options={[{ value: '', label: t('retention.schedule.allAreas') }, ...p.areas.map((a) => ({ value: a.id, label: a.name }))]} />
        <Radios
          name="action"
          legend={t('retention.schedule.action')}
          value={p.input.action}
          error={p.errors?.action}
          options={[
            { value: 'dispose', label: t('retention.schedule.dispose'), hint: t('retention.schedule.disposeHint') },
            { value: 'keep', label: t('retention.schedule.keep'), hint: t('retention.schedule.keepHint') },
          ]}
        />
        <TextInput name="years" label={t('retention.schedule.years')} inputmode="numeric" value={p.input.years} error={p.errors?.years} />
        <TextInput name="decisionRef" label={t('retention.schedule.decisionRef')} hint={t('retention.schedule.decisionRefHint')} value={p.input.decisionRef} error={p.errors?.decisionRef} />
        <button type="submit">{t('retention.schedule.save')}</button>
      </form>
    </AdminLayout>
  );
}
