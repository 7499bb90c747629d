import { describe, expect, it } from 'vitest';
import { resolveThresholds } from '../evaluate/index.ts';
import { SITE_TEXT } from '../i18n/site-strings.ts';
import { humidityChart, stableIds, temperatureChart } from './trend-charts.ts';
import type { TrendRow } from './trends.ts';

const stat = (min: number, mean: number, max: number) => ({ min, mean, max }) as TrendRow['temp'];
const rows = (shift: number): TrendRow[] =>
  ['2025-01-01', '2025-01-02', '2025-01-03'].map((key, i) => ({
    key, readings: 6, temp: stat(20 + i + shift, 21 + i, 23 + i), rh: stat(40, 45 + i, 50), dew: stat(8, 9, 10 + i),
    outNormal: 0, outRecommended: 0, outCritical: 0,
  }) as TrendRow);
const th = resolveThresholds(null, null);
const draw = (shift = 0) => temperatureChart(rows(shift), th, 'id', SITE_TEXT.id.chart, 'Suhu harian');

describe('chart SVG ids', () => {
  it('are the same bytes however many charts were drawn before (ECharts counts per process)', () => {
    const first = draw();
    humidityChart(rows(0), th, 'en', SITE_TEXT.en.chart, 'Humidity');
    expect(draw()).toBe(first);
    expect(first).not.toMatch(/\bzr\d+-/);
  });

  it('differ between two different charts, so one page can show both', () => {
    const ids = (svg: string) => new Set(svg.match(/id="([^"]+)"/g));
    const a = ids(draw(0));
    const b = ids(draw(1));
    expect(a.size).toBeGreaterThan(0);
    expect([...a].filter((x) => b.has(x))).toEqual([]);
  });

  it('keeps every reference pointing at an id of the same chart', () => {
    const svg = draw();
    const defined = new Set([...svg.matchAll(/id="([^"]+)"/g)].map((m) => m[1]));
    const used = [...svg.matchAll(/url\(#([^)]+)\)/g)].map((m) => m[1]);
    expect(used.length).toBeGreaterThan(0);
    expect(used.every((u) => defined.has(u))).toBe(true);
  });

  it('renumbers in order of appearance', () => {
    expect(stableIds('<g id="zr7-c12"/><g clip-path="url(#zr7-c12)" class="zr7-cls-40"/><g id="zr7-c3"/>')).toMatch(
      /^<g id="zr([0-9a-f]{8})-c0"\/><g clip-path="url\(#zr\1-c0\)" class="zr\1-cls-0"\/><g id="zr\1-c1"\/>$/,
    );
  });
});
