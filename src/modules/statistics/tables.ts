import { KINDS, KIND_LABEL } from '../cases/labels.ts';
import { REFERRAL_TYPES } from '../cases/lifecycle.ts';
import type { CaseFilter } from '../cases/listQueries.ts';
import { drill, MAIN, receivedIn } from './drilldown.ts';
import { firstDay, lastDay, monthName, periodLabel, type Period } from './period.ts';
import { SMALL_GROUP, type GroupBy, type PeriodSummary, type StatisticsResult } from './result.ts';
import { capitalize, count, days, share, type Cell, type Row, type Table } from './tableModel.ts';

/** The statistics of a result as tables (see tableModel.ts). */
export const GROUP_TITLE: Record<GroupBy, string> = {
  forvaltning: 'förvaltning',
  namnd: 'nämnd',
  enhet: 'enhet',
  kind: 'typ',
  area: 'område',
  subcategory: 'underkategori',
  channel: 'kanal',
};

export const REFERRAL_LABEL = (type: string): string => (REFERRAL_TYPES as Record<string, string>)[type] ?? 'Annat';

/** The drill-down filter for one group row of the result's grouping. */
function groupFilter(groupBy: GroupBy, key: string): CaseFilter {
  if (groupBy === 'forvaltning') return { unitId: key };
  if (groupBy === 'namnd') return key === 'none' ? { unitId: 'none' } : { committee: key };
  if (groupBy === 'enhet') return key === 'none' ? { unitId: 'none' } : { unitExact: key };
  if (groupBy === 'kind') return { kind: [key] };
  if (groupBy === 'area') return { areaId: key };
  if (groupBy === 'subcategory') return { subcategoryId: key };
  return { channel: key };
}

export function summaryTable(r: StatisticsResult): Table {
  const ps: [PeriodSummary, Period][] = [
    [r.current, r.current.period],
    [r.previous, r.previous.period],
    [r.lastYear, r.lastYear.period],
  ];
  const f = r.request.filter;
  const row = (header: string, cell: (s: PeriodSummary, p: Period) => Cell): Row => ({ header, cells: ps.map(([s, p]) => cell(s, p)) });
  return {
    id: 'sammanfattning',
    title: 'Sammanfattning med jämförelse',
    head: ['Mått', `Vald period (${periodLabel(r.current.period)})`, `Föregående period (${periodLabel(r.previous.period)})`, `Samma period förra året (${periodLabel(r.lastYear.period)})`],
    rows: [
      row('Inkomna synpunkter', (s, p) => count(s.received, drill(f, MAIN, receivedIn(p)))),
      ...KINDS.map((k) => row(`– varav ${KIND_LABEL[k].toLowerCase()}`, (s, p) => count(s.byKind[k], drill(f, MAIN, receivedIn(p), { kind: [k] })))),
      row('Besvarade', (s, p) => count(s.times.responseWorking.n, drill(f, MAIN, receivedIn(p), { answered: true }))),
      row('Svarstid, median (arbetsdagar)', (s) => days(s.times.responseWorking, 'median')),
      row('Svarstid, 90:e percentilen (arbetsdagar)', (s) => days(s.times.responseWorking, 'p90')),
      row('Svarstid, median (kalenderdagar)', (s) => days(s.times.responseCalendar, 'median')),
      row('Svarstid, 90:e percentilen (kalenderdagar)', (s) => days(s.times.responseCalendar, 'p90')),
      row('Avslutade', (s, p) => count(s.times.handlingWorking.n, drill(f, MAIN, receivedIn(p), { status: ['closed'] }))),
      row('Handläggningstid, median (arbetsdagar)', (s) => days(s.times.handlingWorking, 'median')),
      row('Handläggningstid, 90:e percentilen (arbetsdagar)', (s) => days(s.times.handlingWorking, 'p90')),
      row('Handläggningstid, median (kalenderdagar)', (s) => days(s.times.handlingCalendar, 'median')),
      row('Handläggningstid, 90:e percentilen (kalenderdagar)', (s) => days(s.times.handlingCalendar, 'p90')),
      row('Bekräftade inom tidsfristen (andel)', (s) => share(s.ackOk, s.ackLate)),
      row('– bekräftade i tid', (s, p) => count(s.ackOk, drill(f, MAIN, receivedIn(p), { deadline: 'ack_ok' }))),
      row('– bekräftade för sent eller inte alls', (s, p) => count(s.ackLate, drill(f, MAIN, receivedIn(p), { deadline: 'ack_late' }))),
      row('Besvarade inom tidsfristen (andel)', (s) => share(s.answerOk, s.answerLate)),
      row('– besvarade i tid', (s, p) => count(s.answerOk, drill(f, MAIN, receivedIn(p), { deadline: 'answer_ok' }))),
      row('– besvarade för sent eller inte ännu', (s, p) => count(s.answerLate, drill(f, MAIN, receivedIn(p), { deadline: 'answer_late' }))),
      row('Interna synpunkter (redovisas för sig)', (s, p) => count(s.internal, drill(f, receivedIn(p), { internal: true, referral: 'none', merged: false, handled: true }))),
      row('Hänvisade – inte synpunkter (redovisas för sig)', (s, p) => count(s.referred, drill(f, receivedIn(p), { referral: 'any', merged: false }))),
      row('Inte handlagda – kränkande innehåll (redovisas för sig)', (s, p) => count(s.notHandled, drill(f, receivedIn(p), { merged: false, referral: 'none', handled: false, spam: false }))),
      row('Skräp (spam, räknas inte)', (s, p) => count(s.spam, drill(f, receivedIn(p), { merged: false, referral: 'none', spam: true }))),
      row('Sammanslagna dubbletter (räknas inte)', (s, p) => count(s.merged, drill(f, receivedIn(p), { merged: true }))),
      row('Publicerade svar på webbplatsen (avidentifierade)', (s) => count(s.published)),
    ],
    note: 'Svarstid räknas från mottagandet till första svaret till synpunktslämnaren, handläggningstid till avslut. Arbetsdagar räknas utan helger, helgdagar och organisationens klämdagar. Ärenden räknas i den månad de kom in; publicerade svar i den månad de först publicerades.',
  };
}

export function monthKindTable(r: StatisticsResult): Table {
  const f = r.request.filter;
  const monthFilter = (m: string): CaseFilter => ({ receivedFrom: firstDay(m), receivedTo: lastDay(m) });
  return {
    id: 'per-manad-och-typ',
    title: `Inkomna synpunkter per månad och typ, ${periodLabel(r.current.period)}`,
    head: ['Månad', ...KINDS.map((k) => KIND_LABEL[k]), 'Totalt'],
    rows: [
      ...r.months.map((m) => ({
        header: monthName(m.month),
        cells: [...KINDS.map((k) => count(m.byKind[k], drill(f, MAIN, monthFilter(m.month), { kind: [k] }))), count(m.total, drill(f, MAIN, monthFilter(m.month)))],
      })),
      {
        header: 'Totalt',
        cells: [...KINDS.map((k) => count(r.current.byKind[k], drill(f, MAIN, receivedIn(r.current.period), { kind: [k] }))), count(r.current.received, drill(f, MAIN, receivedIn(r.current.period)))],
      },
    ],
  };
}

export function monthAreaTable(r: StatisticsResult): Table {
  const f = r.request.filter;
  const monthFilter = (m: string): CaseFilter => ({ receivedFrom: firstDay(m), receivedTo: lastDay(m) });
  return {
    id: 'per-manad-och-omrade',
    title: `Inkomna synpunkter per månad och område, ${periodLabel(r.current.period)}`,
    head: ['Månad', ...r.areas.map((a) => a.label), 'Totalt'],
    rows: [
      ...r.months.map((m) => ({
        header: monthName(m.month),
        cells: [...r.areas.map((a) => count(m.byArea[a.key] ?? 0, drill(f, MAIN, monthFilter(m.month), { areaId: a.key }))), count(m.total, drill(f, MAIN, monthFilter(m.month)))],
      })),
      {
        header: 'Totalt',
        cells: [
          ...r.areas.map((a) => count(r.months.reduce((s, m) => s + (m.byArea[a.key] ?? 0), 0), drill(f, MAIN, receivedIn(r.current.period), { areaId: a.key }))),
          count(r.current.received, drill(f, MAIN, receivedIn(r.current.period))),
        ],
      },
    ],
    note: 'Ej klassificerad: synpunkter som ännu inte har registrerats med ett område.',
  };
}

export function timesTable(r: StatisticsResult): Table {
  const ps = [r.current, r.previous, r.lastYear];
  const f = r.request.filter;
  const rows: Row[] = [];
  for (const [measure, label, filter] of [
    ['responseWorking', 'Svarstid, arbetsdagar', { answered: true }],
    ['responseCalendar', 'Svarstid, kalenderdagar', { answered: true }],
    ['handlingWorking', 'Handläggningstid, arbetsdagar', { status: ['closed'] }],
    ['handlingCalendar', 'Handläggningstid, kalenderdagar', { status: ['closed'] }],
  ] as const) {
    rows.push({
      header: label,
      cells: ps.flatMap((s) => [count(s.times[measure].n, drill(f, MAIN, receivedIn(s.period), filter as CaseFilter)), days(s.times[measure], 'median'), days(s.times[measure], 'p90')]),
    });
  }
  const head = ['Mått'];
  for (const name of ['vald period', 'föregående period', 'samma period förra året']) head.push(`Antal, ${name}`, `Median, ${name}`, `90:e percentilen, ${name}`);
  return { id: 'svarstider', title: 'Svarstid och handläggningstid i dagar', head, rows };
}

export function deadlineTable(r: StatisticsResult): Table {
  const f = r.request.filter;
  const ps = [r.current, r.previous, r.lastYear];
  const names = ['Vald period', 'Föregående period', 'Samma period förra året'];
  return {
    id: 'tidsfrister',
    title: 'Bekräftelse och svar inom tidsfristen',
    head: ['Period', 'Bekräftade i tid', 'Bekräftade för sent', 'Andel bekräftade i tid', 'Besvarade i tid', 'Besvarade för sent', 'Andel besvarade i tid'],
    rows: ps.map((s, i) => ({
      header: `${names[i]} (${periodLabel(s.period)})`,
      cells: [
        count(s.ackOk, drill(f, MAIN, receivedIn(s.period), { deadline: 'ack_ok' })),
        count(s.ackLate, drill(f, MAIN, receivedIn(s.period), { deadline: 'ack_late' })),
        share(s.ackOk, s.ackLate),
        count(s.answerOk, drill(f, MAIN, receivedIn(s.period), { deadline: 'answer_ok' })),
        count(s.answerLate, drill(f, MAIN, receivedIn(s.period), { deadline: 'answer_late' })),
        share(s.answerOk, s.answerLate),
      ],
    })),
    note: 'Räknas för synpunkter med en tidsfrist från synpunktslämnare som kan nås (inte anonyma). Öppna ärenden vars tidsfrist har passerat räknas som för sent, utom när handläggningen väntar på synpunktslämnaren.',
  };
}

export function groupTable(r: StatisticsResult): Table {
  const f = r.request.filter;
  const g = r.request.groupBy;
  const p = r.current.period;
  return {
    id: 'per-grupp',
    title: `Per ${GROUP_TITLE[g]}, ${periodLabel(p)}`,
    head: [capitalize(GROUP_TITLE[g]), 'Inkomna', 'Andel bekräftade i tid', 'Andel besvarade i tid', 'Svarstid, median (arbetsdagar)', 'Handläggningstid, median (arbetsdagar)'],
    rows: r.groups.map((row) => ({
      header: row.members?.length ? `${row.label} (${row.members.join(', ')})` : row.label,
      few: row.received < SMALL_GROUP,
      cells: [count(row.received, drill(f, MAIN, receivedIn(p), groupFilter(g, row.key))), share(row.ackOk, row.ackLate), share(row.answerOk, row.answerLate), days(row.responseWorking, 'median'), days(row.handlingWorking, 'median')],
    })),
  };
}

export function subcategoryTable(r: StatisticsResult, limit = 10): Table {
  const f = r.request.filter;
  const few = (n: number) => n > 0 && n < SMALL_GROUP;
  return {
    id: 'underkategorier',
    title: `Vanligaste underkategorierna, ${periodLabel(r.current.period)}`,
    head: ['Underkategori', 'Förvaltning', 'Vald period', 'Föregående period', 'Samma period förra året', 'Förändring mot föregående period'],
    rows: r.subcategories.slice(0, limit).map((s) => ({
      header: s.label,
      few: few(s.current),
      cells: [
        { v: s.forvaltning, kind: 'text' },
        count(s.current, drill(f, MAIN, receivedIn(r.current.period), { subcategoryId: s.key })),
        count(s.previous, drill(f, MAIN, receivedIn(r.previous.period), { subcategoryId: s.key })),
        count(s.lastYear, drill(f, MAIN, receivedIn(r.lastYear.period), { subcategoryId: s.key })),
        { v: trend(s.current, s.previous), kind: 'text' },
      ],
    })),
    note: 'Underkategorierna visar var det kommer flest synpunkter – och var det finns mest att förbättra.',
  };
}

export function trend(now: number, before: number): string {
  if (before === 0) return now === 0 ? 'Oförändrat' : 'Ny';
  const d = now - before;
  if (d === 0) return 'Oförändrat';
  return `${d > 0 ? 'Ökning' : 'Minskning'} med ${Math.abs(d)} (${d > 0 ? '+' : '−'}${Math.round((100 * Math.abs(d)) / before)} %)`;
}

export function referralTable(r: StatisticsResult): Table {
  const f = r.request.filter;
  const p = r.current.period;
  return {
    id: 'hanvisningar',
    title: `Hänvisade ärenden och interna synpunkter, ${periodLabel(p)}`,
    head: ['Slag', 'Antal'],
    rows: [
      ...r.referrals.map((x) => ({ header: `Hänvisad: ${REFERRAL_LABEL(x.type)}`, few: x.n < SMALL_GROUP, cells: [count(x.n, drill(f, receivedIn(p), { referral: x.type, merged: false }))] })),
      ...KINDS.filter((k) => r.internalByKind[k] > 0).map((k) => ({
        header: `Intern synpunkt: ${KIND_LABEL[k].toLowerCase()}`,
        few: r.internalByKind[k] < SMALL_GROUP,
        cells: [count(r.internalByKind[k], drill(f, receivedIn(p), { internal: true, referral: 'none', merged: false, handled: true, kind: [k] }))],
      })),
      { header: 'Inte handlagda (kränkande innehåll)', cells: [count(r.current.notHandled, drill(f, receivedIn(p), { merged: false, referral: 'none', handled: false, spam: false }))] },
      { header: 'Skräp (spam)', cells: [count(r.current.spam, drill(f, receivedIn(p), { merged: false, referral: 'none', spam: true }))] },
      { header: 'Sammanslagna dubbletter', cells: [count(r.current.merged, drill(f, receivedIn(p), { merged: true }))] },
    ],
    note: 'Hänvisningar (till exempel felanmälan och överklagande) är inte synpunkter och räknas inte med i övriga siffror, inte heller det som inte handlades för att innehållet var kränkande eller var skräp. Interna synpunkter från medarbetare redovisas för sig och publiceras aldrig.',
  };
}

export function backlogTable(r: StatisticsResult): Table {
  const f = r.request.filter;
  const today = r.request.today;
  const ageFilter = (minAge: number, maxAge: number | null): CaseFilter => ({
    ...(maxAge === null ? {} : { receivedFrom: addDays(today, -maxAge) }),
    receivedTo: addDays(today, -minAge),
  });
  return {
    id: 'oppna-arenden',
    title: `Öppna synpunkter efter ålder den ${today}`,
    head: ['Ålder (kalenderdagar sedan mottagandet)', 'Antal'],
    rows: [
      ...r.backlog.buckets.map((b) => ({ header: b.label, cells: [count(b.n, drill(f, MAIN, { open: true }, ageFilter(b.minAge, b.maxAge)))] })),
      { header: 'Alla öppna', cells: [count(r.backlog.total, drill(f, MAIN, { open: true }))] },
      { header: 'Försenade (svarsfristen har passerat)', cells: [count(r.backlog.overdue, drill(f, MAIN, { overdue: true }))] },
    ],
    note: 'Öppna ärenden just nu, oavsett vald period. Försenade: registrerade, tilldelade eller pågående ärenden vars svarsfrist har passerat.',
  };
}

export function measuresTable(r: StatisticsResult): Table {
  return {
    id: 'atgarder',
    title: `Åtgärder i ärenden som avslutades ${periodLabel(r.current.period)}`,
    head: ['Ärende', 'Avslutat', 'Enhet', 'Åtgärd'],
    rows: r.measures.items.map((m) => ({ header: m.number, cells: [{ v: m.closedOn, kind: 'text' }, { v: m.unit ?? '', kind: 'text' }, { v: m.text, kind: 'text' }] })),
    note:
      r.measures.count > r.measures.items.length
        ? `Visar de ${r.measures.items.length} senaste av ${r.measures.count} åtgärder. Alla finns i exporten.`
        : undefined,
  };
}

/** The drill-down filter behind the measure count. */
export function measuresFilter(r: StatisticsResult): CaseFilter {
  return drill(r.request.filter, { status: ['closed'], closedFrom: firstDay(r.current.period.from), closedTo: lastDay(r.current.period.to), hasMeasure: true });
}

export function allTables(r: StatisticsResult): Table[] {
  return [summaryTable(r), monthKindTable(r), monthAreaTable(r), timesTable(r), deadlineTable(r), groupTable(r), subcategoryTable(r, 1000), referralTable(r), backlogTable(r), measuresTable(r)];
}

export const TABLE_IDS = ['sammanfattning', 'per-manad-och-typ', 'per-manad-och-omrade', 'svarstider', 'tidsfrister', 'per-grupp', 'underkategorier', 'hanvisningar', 'oppna-arenden', 'atgarder'] as const;

function addDays(day: string, n: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}
