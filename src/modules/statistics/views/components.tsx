import type { ComponentChildren } from 'preact';
import { useI18n } from '../../../platform/i18n/context.ts';
import { cellHref, cellText, type Cell, type Table } from '../tableModel.ts';

/** How a cell's value is written: Swedish staff conventions by default, the reader's language on the public page. */
export type CellFormat = (c: Cell) => string;

/** The statistics stylesheet (screen and print), linked from the page body. */
export function StatStyles() {
  return <link rel="stylesheet" href="/assets/statistik.css" />;
}

export function Few() {
  return <span class="few">{useI18n().t('stats.few')}</span>;
}

function CellView({ cell, links, format }: { cell: Cell; links: boolean; format: CellFormat }) {
  const text = format(cell);
  const href = links ? cellHref(cell) : undefined;
  const numeric = cell.kind !== 'text';
  return (
    <td class={numeric ? 'num' : undefined}>
      {href ? <a href={href}>{text}</a> : text}
      {cell.few && <Few />}
    </td>
  );
}

/** An accessible data table: caption, column headers and row headers with scope. */
export function DataTable({ table, links = true, lastRowTotal = false, format = cellText }: { table: Table; links?: boolean; lastRowTotal?: boolean; format?: CellFormat }) {
  const { t } = useI18n();
  return (
    <>
      {/* A wide table scrolls inside its box; focusable so the keyboard can scroll it, named for the screen reader. */}
      <div class="stat-table-wrap" role="region" aria-label={table.title} tabindex={0}>
        <table class="stat-table" id={`tabell-${table.id}`}>
          <caption>{table.title}</caption>
          <thead>
            <tr>
              {table.head.map((h, i) => (
                <th scope="col" class={i > 0 ? 'num' : undefined} key={h}>
                  {h}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {table.rows.length === 0 ? (
              <tr>
                <td colSpan={table.head.length}>{t('stats.table.empty')}</td>
              </tr>
            ) : (
              table.rows.map((r, i) => (
                <tr key={`${r.header}-${i}`} class={lastRowTotal && i === table.rows.length - 1 ? 'total' : undefined}>
                  <th scope="row">
                    {r.header}
                    {r.few && <Few />}
                  </th>
                  {r.cells.map((c, j) => (
                    <CellView cell={c} links={links} format={format} key={j} />
                  ))}
                </tr>
              ))
            )}
          </tbody>
        </table>
      </div>
      {table.note && <p class="stat-note">{table.note}</p>}
    </>
  );
}

/** A server-rendered chart (SVG, role="img" with a name) followed by the table with its numbers. */
export function ChartWithTable({ svg, table, links = true, lastRowTotal = false, format, children }: { svg: string | null; table: Table; links?: boolean; lastRowTotal?: boolean; format?: CellFormat; children?: ComponentChildren }) {
  const { t } = useI18n();
  return (
    <figure class="stat-figure">
      {/* ECharts lays a chart out left to right; inside a right-to-left page its text would otherwise be anchored the wrong way. */}
      {svg && <div class="chart" dir="ltr" dangerouslySetInnerHTML={{ __html: svg }} />}
      <figcaption class="visually-hidden">{t('stats.chart.caption', { table: table.title })}</figcaption>
      {children}
      <DataTable table={table} links={links} lastRowTotal={lastRowTotal} format={format} />
    </figure>
  );
}
