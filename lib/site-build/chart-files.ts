/**
 * A trend chart as a job: everything one ECharts SVG is drawn from, small enough to cross to a render
 * worker. Drawing a chart costs ≈15 ms, and a build from nothing draws four per room and month
 * (temperature and humidity, both languages) — at 50 rooms several thousand — so they are drawn on the
 * render workers beside the pages instead of one by one on the main thread.
 */
import type { ResolvedThresholds } from '../evaluate/index.ts';
import type { Lang } from '../i18n/lang.ts';
import { SITE_TEXT } from '../i18n/site-strings.ts';
import { humidityChart, temperatureChart } from '../site-data/trend-charts.ts';
import type { TrendRow } from '../site-data/trends.ts';

export interface ChartSpec {
  chart: 'temp' | 'rh';
  lang: Lang;
  title: string;
  rows: readonly TrendRow[];
  thresholds: ResolvedThresholds;
}

/** The SVG of one chart (a render worker loads this module, and ECharts with it, on its first chart only). */
export function drawChart(spec: ChartSpec): string {
  const labels = SITE_TEXT[spec.lang].chart;
  return spec.chart === 'temp'
    ? temperatureChart(spec.rows, spec.thresholds, spec.lang, labels, spec.title)
    : humidityChart(spec.rows, spec.thresholds, spec.lang, labels, spec.title);
}
