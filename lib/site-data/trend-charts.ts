/**
 * Trend charts rendered to SVG at build time with ECharts' server-side renderer: no client JS, the
 * page carries the SVG inline and a table with the same numbers next to it.
 */
import { createHash } from 'node:crypto';
import * as echarts from 'echarts';
import type { Lang } from '../i18n/lang.ts';
import type { ResolvedThresholds } from '../evaluate/index.ts';
import { formatDateShort, formatMonthShort, formatNumberLoose } from '../format/index.ts';
import type { TrendRow } from './trends.ts';

export interface ChartLabels {
  temperature: string;
  humidity: string;
  dewPoint: string;
  min: string;
  mean: string;
  max: string;
  normalBand: string;
  /** Full description for screen readers, e.g. "Grafik suhu harian …; angka lengkap di tabel". */
  describe: (what: string) => string;
}

const WIDTH = 800;
const HEIGHT = 300;
// Colours with ≥ 4.5:1 contrast on white; lines also differ in style, so colour is never the only cue.
const C = { max: '#b3261e', mean: '#1f4e79', min: '#2e7d32', rh: '#1f4e79', dew: '#6a1b9a', band: 'rgba(46,125,50,0.10)' };

const escapeXml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function render(option: echarts.EChartsOption, label: string): string {
  // Markers only while they stay readable; the dashes and dots of the lines still tell series apart.
  const series = Array.isArray(option.series) ? option.series : [];
  const points = (option.xAxis as { data?: unknown[] } | undefined)?.data?.length ?? 0;
  for (const s of series) (s as { showSymbol?: boolean }).showSymbol = points <= 45;
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width: WIDTH, height: HEIGHT });
  try {
    chart.setOption({ animation: false, textStyle: { fontFamily: 'system-ui, sans-serif', fontSize: 12 }, ...option });
    const svg = stableIds(chart.renderToSVGString());
    return svg.replace(/^<svg /, `<svg role="img" aria-label="${escapeXml(label)}" focusable="false" `).replace(/(<svg[^>]*>)/, `$1<title>${escapeXml(label)}</title>`);
  } finally {
    chart.dispose();
  }
}

/**
 * ECharts names the SVG's ids and classes after per-process counters ("zr7-c12", "zr7-cls-40"), so the
 * same chart came out with other bytes depending on how many were drawn before it — in another order, on
 * a render worker, in the next build. Here they are numbered in order of appearance and tagged with a
 * hash of the chart itself: the same chart is the same bytes everywhere, and two different charts on one
 * page still never share an id.
 */
export function stableIds(svg: string): string {
  const seen = new Map<string, string>();
  const counts = new Map<string, number>();
  const neutral = svg.replace(/\bzr\d+-([a-z]+)(-?)(\d+)\b/g, (token, kind: string, dash: string) => {
    let name = seen.get(token);
    if (name === undefined) {
      const n = counts.get(kind) ?? 0;
      counts.set(kind, n + 1);
      name = `zr-${kind}${dash}${n}`;
      seen.set(token, name);
    }
    return name;
  });
  const tag = createHash('sha1').update(neutral).digest('hex').slice(0, 8);
  return neutral.replace(/\bzr-/g, `zr${tag}-`);
}

const v = (x: number | null) => (x === null ? '-' : Math.round(x * 100) / 100);

function axisLabels(rows: readonly TrendRow[], lang: Lang): string[] {
  return rows.map((r) => (r.key.length === 7 ? formatMonthShort(r.key, lang) : formatDateShort(r.key, lang)));
}

function base(rows: readonly TrendRow[], lang: Lang, unit: string): echarts.EChartsOption {
  return {
    grid: { left: 56, right: 24, top: 40, bottom: 40 },
    legend: { top: 4, itemGap: 28, textStyle: { color: '#222' } },
    xAxis: { type: 'category', data: axisLabels(rows, lang), axisLabel: { color: '#333', hideOverlap: true }, axisLine: { lineStyle: { color: '#555' } } },
    yAxis: {
      type: 'value',
      scale: true,
      name: unit,
      nameTextStyle: { color: '#333' },
      axisLabel: { color: '#333', formatter: (n: number) => formatNumberLoose(n, lang, 1) },
      splitLine: { lineStyle: { color: '#e3e3e3' } },
    },
  };
}

/** Min / mean / max temperature per day (or month) with the normal band shaded. */
export function temperatureChart(rows: readonly TrendRow[], thresholds: ResolvedThresholds, lang: Lang, l: ChartLabels, title: string): string {
  const band = thresholds.temperature_c.normal;
  return render(
    {
      ...base(rows, lang, '°C'),
      series: [
        { name: l.max, type: 'line', data: rows.map((r) => v(r.temp.max)), lineStyle: { color: C.max, type: 'dashed', width: 1.5 }, itemStyle: { color: C.max }, symbol: 'triangle', symbolSize: 5, connectNulls: false,
          markArea: band.min !== undefined && band.max !== undefined ? { silent: true, itemStyle: { color: C.band }, label: { show: true, position: 'insideTopRight', color: '#2e5e31', formatter: l.normalBand }, data: [[{ yAxis: band.min }, { yAxis: band.max }]] } : undefined },
        { name: l.mean, type: 'line', data: rows.map((r) => v(r.temp.mean)), lineStyle: { color: C.mean, width: 2.5 }, itemStyle: { color: C.mean }, symbol: 'circle', symbolSize: 4 },
        { name: l.min, type: 'line', data: rows.map((r) => v(r.temp.min)), lineStyle: { color: C.min, type: 'dotted', width: 1.5 }, itemStyle: { color: C.min }, symbol: 'rect', symbolSize: 4 },
      ],
    },
    l.describe(title),
  );
}

/** Mean humidity (with its min–max) and the highest dew point per day (or month). */
export function humidityChart(rows: readonly TrendRow[], thresholds: ResolvedThresholds, lang: Lang, l: ChartLabels, title: string): string {
  const band = thresholds.humidity_pct.normal;
  const b = base(rows, lang, '% RH / °C');
  return render(
    {
      ...b,
      series: [
        { name: `${l.humidity} (${l.max})`, type: 'line', data: rows.map((r) => v(r.rh.max)), lineStyle: { color: C.rh, type: 'dashed', width: 1.5 }, itemStyle: { color: C.rh }, symbol: 'triangle', symbolSize: 5,
          markArea: band.min !== undefined && band.max !== undefined ? { silent: true, itemStyle: { color: C.band }, label: { show: true, position: 'insideTopRight', color: '#2e5e31', formatter: l.normalBand }, data: [[{ yAxis: band.min }, { yAxis: band.max }]] } : undefined },
        { name: `${l.humidity} (${l.mean})`, type: 'line', data: rows.map((r) => v(r.rh.mean)), lineStyle: { color: C.rh, width: 2.5 }, itemStyle: { color: C.rh }, symbol: 'circle', symbolSize: 4 },
        { name: `${l.dewPoint} (${l.max})`, type: 'line', data: rows.map((r) => v(r.dew.max)), lineStyle: { color: C.dew, type: 'dotted', width: 2 }, itemStyle: { color: C.dew }, symbol: 'diamond', symbolSize: 5 },
      ],
    },
    l.describe(title),
  );
}
