import type * as Echarts from 'echarts';

/**
 * Charts drawn on the server with Apache ECharts as SVG: no JavaScript in the browser, sharp in
 * print and in the PDF. A chart never stands alone: each is shown next to a table with the same
 * numbers, so the SVG is marked as an image with a short description and the table carries the
 * data for screen readers.
 */

/** Colours with at least 3:1 contrast against white (WCAG 1.4.11), told apart by lightness too. */
export const PALETTE = ['#1d5b9b', '#b3541e', '#2b7a3d', '#6b3fa0', '#a3264f', '#00707a', '#5c5c5c', '#7a6200'];

export interface Series {
  name: string;
  data: (number | null)[];
}

export interface ChartOptions {
  /** Short description for assistive technology: what the chart shows, not the numbers. */
  label: string;
  width?: number;
  height?: number;
  stacked?: boolean;
  /** Bars left to right (long category names). */
  horizontal?: boolean;
  /** Values are shares in per cent. */
  percent?: boolean;
  /** Line chart instead of bars. */
  line?: boolean;
}

// The same numbers give the same picture: rendered charts are kept by their full option, so a
// page viewed again (the default view, the committee report) does not draw its charts anew.
const cache = new Map<string, string>();
// ECharts takes some 60 MB once loaded: it is loaded with the first chart, not when the server starts.
let echarts: typeof Echarts | undefined;

/** The chart renderer, once ECharts is loaded. */
export async function chartRenderer(): Promise<typeof barChart> {
  echarts ??= await import('echarts');
  return barChart;
}
const CACHE_SIZE = 300;

function render(option: Echarts.EChartsOption, width: number, height: number): string {
  const key = JSON.stringify([width, height, option]);
  const hit = cache.get(key);
  if (hit !== undefined) {
    cache.delete(key);
    cache.set(key, hit);
    return hit;
  }
  const svg = draw(option, width, height);
  cache.set(key, svg);
  if (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value!);
  return svg;
}

function draw(option: Echarts.EChartsOption, width: number, height: number): string {
  const chart = echarts!.init(null, null, { renderer: 'svg', ssr: true, width, height, locale: 'EN' });
  chart.setOption({ animation: false, textStyle: { fontFamily: 'Arial, Helvetica, sans-serif', fontSize: 12, color: '#1a1a1a' }, color: PALETTE, ...option });
  const svg = chart.renderToSVGString();
  chart.dispose();
  // Hover styles are meaningless without JavaScript, and their class names would collide
  // between several charts on one page.
  return svg.replace(/<style[\s\S]*?<\/style>/g, '').replace(/ class="zr\d+-cls-\d+"/g, '');
}

const escapeAttr = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

/** Marks the SVG as one image with a name (role="img" + aria-label) and keeps it out of the tab order. */
export function labelled(svg: string, label: string): string {
  return svg.replace(/^<svg /, `<svg role="img" aria-label="${escapeAttr(label)}" focusable="false" `);
}

function barChart(categories: string[], series: Series[], o: ChartOptions): string {
  const width = o.width ?? 720;
  const height = o.height ?? (o.horizontal ? Math.max(160, 60 + categories.length * (o.stacked ? 26 : 14 * series.length + 10)) : 320);
  const valueAxis = { type: 'value' as const, minInterval: 1, ...(o.percent ? { max: 100, axisLabel: { formatter: '{value} %' } } : {}), splitLine: { lineStyle: { color: '#d0d4da' } } };
  const categoryAxis = { type: 'category' as const, data: categories, axisLabel: { interval: 0, ...(o.horizontal ? { width: 170, overflow: 'truncate' as const } : categories.length > 8 ? { rotate: 45 } : {}) }, axisLine: { lineStyle: { color: '#5c5c5c' } } };
  const option: Echarts.EChartsOption = {
    grid: { left: o.horizontal ? 180 : 56, right: 24, top: series.length > 1 ? 40 : 16, bottom: !o.horizontal && categories.length > 8 ? 72 : 32, containLabel: false },
    legend: series.length > 1 ? { top: 0, itemWidth: 14, itemHeight: 14 } : undefined,
    xAxis: o.horizontal ? valueAxis : categoryAxis,
    yAxis: o.horizontal ? { ...categoryAxis, inverse: true } : valueAxis,
    series: series.map((s) => ({
      type: o.line ? ('line' as const) : ('bar' as const),
      name: s.name,
      data: s.data,
      ...(o.stacked ? { stack: 'total' } : {}),
      ...(o.line ? { symbolSize: 6, lineStyle: { width: 2 } } : { barMaxWidth: 40 }),
    })),
  };
  return labelled(render(option, width, height), o.label);
}
