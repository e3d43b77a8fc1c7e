import type { ComponentChildren } from 'preact';
import { cellHref, cellText, FEW_TEXT, type Cell, type Table } from '../tables.ts';

/** The statistics stylesheet (screen and print), linked from the page body. */
export function StatStyles() {
  return <link rel="stylesheet" href="/assets/statistik.css" />;
}

export function Few() {
  return <span class="few">{FEW_TEXT}</span>;
}

function CellView({ cell, links }: { cell: Cell; links: boolean }) {
  const text = cellText(cell);
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
export function DataTable({ table, links = true, lastRowTotal = false }: { table: Table; links?: boolean; lastRowTotal?: boolean }) {
  return (
    <>
      <div class="stat-table-wrap">
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
                <td colSpan={table.head.length}>Inga ärenden i urvalet.</td>
              </tr>
            ) : (
              table.rows.map((r, i) => (
                <tr key={`${r.header}-${i}`} class={lastRowTotal && i === table.rows.length - 1 ? 'total' : undefined}>
                  <th scope="row">
                    {r.header}
                    {r.few && <Few />}
                  </th>
                  {r.cells.map((c, j) => (
                    <CellView cell={c} links={links} key={j} />
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
export function ChartWithTable({ svg, table, links = true, lastRowTotal = false, children }: { svg: string | null; table: Table; links?: boolean; lastRowTotal?: boolean; children?: ComponentChildren }) {
  return (
    <figure class="stat-figure">
      {svg && <div class="chart" dangerouslySetInnerHTML={{ __html: svg }} />}
      <figcaption class="visually-hidden">Diagrammet visar samma siffror som tabellen {table.title.toLowerCase()}.</figcaption>
      {children}
      <DataTable table={table} links={links} lastRowTotal={lastRowTotal} />
    </figure>
  );
}
