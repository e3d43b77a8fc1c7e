import { AdminLayout, type AdminPageProps } from './AdminLayout.tsx';

const DESCRIPTIONS: Record<string, string> = {
  '/admin/organisationer': 'Organisationerna i installationen: kommun, bolag och förbund, med egna adresser.',
  '/admin/enheter': 'Förvaltningar, avdelningar och enheter, med nämnden för varje förvaltning.',
  '/admin/personer': 'Medarbetare och deras roller. Bjud in, ändra roller och avaktivera.',
  '/admin/kategorier': 'Typer, områden och underkategorier per förvaltning.',
  '/admin/svarsmallar': 'Frasbiblioteket: svarsmallar per organisation eller förvaltning och typ.',
  '/admin/texter': 'Startsidans texter, hänvisningar för det som inte är synpunkter, och brevhuvudet.',
  '/admin/inloggning': 'Inloggning via organisationens identitetsleverantör (OpenID Connect) och lösenord.',
  '/admin/tidsfrister': 'Tidsfrister per typ och organisationens egna stängda dagar.',
  '/admin/e-postmallar': 'Texterna i de e-postmeddelanden som skickas automatiskt.',
  '/admin/utkorg': 'E-post som har skickats eller väntar på att skickas.',
  '/admin/api-nycklar': 'Nycklar för andra system som lämnar och hämtar ärenden.',
  '/admin/sakerhetskopior': 'När den senaste säkerhetskopian gjordes, och när nästa görs.',
  '/admin/logg': 'Alla ändringar i administrationen: vem, när, före och efter.',
};

export function OverviewPage(props: AdminPageProps) {
  return (
    <AdminLayout title="Administration" {...props}>
      <h1>Administration</h1>
      <dl class="summary-list">
        {props.nav
          .filter((n) => n.href !== '/admin')
          .map((n) => (
            <div key={n.href}>
              <dt>
                <a href={n.href}>{n.label}</a>
              </dt>
              <dd>{DESCRIPTIONS[n.href] ?? ''}</dd>
            </div>
          ))}
      </dl>
    </AdminLayout>
  );
}
