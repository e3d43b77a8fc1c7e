import { Checkbox, TextInput, type FieldErrors } from '../../../platform/views/forms.tsx';
import { AdminLayout, type AdminPageProps } from '../../admin/views/AdminLayout.tsx';

export interface SettingsInput {
  pseudonymiseOnRequest: boolean;
  months: string;
  archiveName: string;
}

export function RecordsSettingsPage(p: AdminPageProps & { input: SettingsInput; errors?: FieldErrors; notice?: string }) {
  return (
    <AdminLayout title="Inställningar för arkiv och gallring" errors={p.errors} notice={p.notice} {...p}>
      <h1>Inställningar för arkiv och gallring</h1>
      <form method="post" action="/admin/arkiv/installningar" novalidate>
        <input type="hidden" name="_csrf" value={p.csrf} />
        <Checkbox name="pseudonymiseOnRequest" label="Den som granskar en begäran om radering får pseudonymisera kontaktuppgifterna i avslutade ärenden" checked={p.input.pseudonymiseOnRequest} />
        <TextInput
          name="months"
          label="Pseudonymisera kontaktuppgifterna i avslutade rutinmässiga ärenden efter (månader)"
          hint="Lämna tomt för att inte pseudonymisera automatiskt. Ärenden med bevarandestopp pseudonymiseras inte."
          inputmode="numeric"
          value={p.input.months}
          error={p.errors?.months}
        />
        <TextInput name="archiveName" label="Arkivet som tar emot leveranser" hint="Till exempel Kommunarkivet. Står i leveranspaketen." value={p.input.archiveName} error={p.errors?.archiveName} />
        <button type="submit">Spara</button>
      </form>
    </AdminLayout>
  );
}
