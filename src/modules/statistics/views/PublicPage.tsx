import { Select, type Option } from '../../../platform/views/forms.tsx';
import { Layout } from '../../../platform/views/layout.tsx';
import type { Table } from '../tables.ts';
import { ChartWithTable, DataTable, StatStyles } from './components.tsx';

export interface PublicPageProps {
  orgName: string;
  year: string;
  yearOptions: Option[];
  periodText: string;
  months: { svg: string; table: Table };
  deadlines: Table;
  groups: { svg: string; table: Table };
}

export function PublicStatisticsPage(p: PublicPageProps) {
  return (
    <Layout title="Statistik över synpunkter" orgName={p.orgName}>
      <StatStyles />
      <h1>Statistik över synpunkter</h1>
      <p class="lead">
        Så många synpunkter fick {p.orgName} {p.periodText}, och så snabbt svarade vi.
      </p>
      <p>
        Siffrorna gäller klagomål, frågor, beröm och förslag från invånare och andra. De visar bara antal och andelar – aldrig vad någon skrev eller vem som skrev. Grupper med färre än
        fem synpunkter visas inte, så att ingen enskild synpunkt kan pekas ut. Ärenden som hänvisats vidare, till exempel felanmälningar, och interna synpunkter från medarbetare ingår inte.
      </p>
      <form method="get" action="/statistik/publik" class="stat-form" aria-labelledby="ar-val">
        <h2 id="ar-val" class="visually-hidden">
          Välj år
        </h2>
        <div class="row">
          <Select name="ar" label="År" value={p.year} options={p.yearOptions} />
        </div>
        <div class="actions">
          <button type="submit">Visa</button>
        </div>
      </form>
      <h2>Inkomna synpunkter</h2>
      <ChartWithTable svg={p.months.svg} table={p.months.table} links={false} lastRowTotal />
      <h2>Svar inom tidsfristen</h2>
      <p>Andelen av synpunkterna som fick en bekräftelse och ett svar inom de tidsfrister som gäller, räknat i arbetsdagar.</p>
      <DataTable table={p.deadlines} links={false} />
      <h2>Per förvaltning</h2>
      <ChartWithTable svg={p.groups.svg} table={p.groups.table} links={false} />
    </Layout>
  );
}
