import { describe, expect, it } from 'vitest';
import { indexRounds } from './round-index.ts';
import { round, testArchive } from './test-archive.ts';
import { computeTrends } from './trends.ts';

describe('computeTrends', () => {
  const archive = testArchive([
    round('2026-11-01', 'pagi', [
      ['rak-a-depan', '08:10', 22, 50],
      ['rak-b-depan', '08:11', 24, 56],
      ['rak-a-belakang', '08:12', 38, 30], // outlet: not counted
    ]),
    round('2026-11-01', 'sore', [
      ['rak-a-depan', '13:40', 26, 50], // warning (above normal)
      ['rak-b-depan', '13:41', 23, 50],
    ]),
    round('2026-11-02', 'pagi', [
      ['rak-a-depan', '08:10', 26.5, 45], // still warning: the same excursion
      ['rak-b-depan', '08:11', 33, 50], // critical: a new excursion at another point
    ]),
  ]);
  const trends = computeTrends(indexRounds(archive, new Map(), null)).get('ruang-server-utama')!;

  it('computes daily min / mean / max over assessed readings only', () => {
    const d1 = trends.daily[0]!;
    expect(d1.key).toBe('2026-11-01');
    expect(d1.readings).toBe(4);
    expect(d1.temp).toEqual({ min: 22, mean: 23.75, max: 26 });
    expect(d1.rh).toEqual({ min: 50, mean: 51.5, max: 56 });
    expect(d1.dew.max).not.toBeNull();
  });

  it('counts the share of readings outside each band', () => {
    const d1 = trends.daily[0]!;
    expect(d1.outNormal).toBe(1);
    expect(d1.outNormalShare).toBe(0.25);
    expect(d1.outCritical).toBe(0);
    const d2 = trends.daily[1]!;
    expect(d2.outNormal).toBe(2);
    expect(d2.outCritical).toBe(1);
    expect(d2.outRecommended).toBe(1); // 33 °C is outside 18–27; 26.5 is inside it
  });

  it('groups consecutive non-normal readings of a point into one excursion, across rounds', () => {
    expect(trends.excursions).toHaveLength(2);
    const [a, b] = trends.excursions;
    expect(a).toMatchObject({ point: 'rak-a-depan', startDate: '2026-11-01', startTime: '13:40', endDate: '2026-11-02', readings: 2, worst: 'warning', peakTemp: 26.5, ongoing: true });
    expect(b).toMatchObject({ point: 'rak-b-depan', startDate: '2026-11-02', worst: 'critical', readings: 1 });
    expect(trends.daily.map((d) => d.excursions)).toEqual([1, 1]);
  });

  it('aggregates months over all readings of the month', () => {
    expect(trends.monthly).toHaveLength(1);
    const m = trends.monthly[0]!;
    expect(m.key).toBe('2026-11');
    expect(m.readings).toBe(6);
    expect(m.temp.min).toBe(22);
    expect(m.temp.max).toBe(33);
    expect(m.excursions).toBe(2);
    expect(m.excursionDays).toBe(2);
  });
});
