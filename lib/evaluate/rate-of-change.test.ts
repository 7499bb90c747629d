import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { minutesOfDay, rateViolations, type RateReading } from './rate-of-change.ts';

const series = (point: string, ...pairs: [string, number | null][]): RateReading[] =>
  pairs.map(([time, temperature_c]) => ({ point, time, temperature_c }));

describe('rateViolations (limit 5 °C/h)', () => {
  it.each([
    ['5.1 °C in 30 min', [['08:00', 22], ['08:30', 27.1]], 5.1],
    ['5.0 °C in 60 min (at the limit)', [['08:00', 22], ['09:00', 27]], null],
    ['5 °C with float noise (22.1 → 27.1)', [['08:00', 22.1], ['09:00', 27.1]], null],
    ['6 °C in 10 min', [['08:00', 22], ['08:10', 28]], 6],
    ['cooling by 5.5 °C in 45 min', [['08:00', 27], ['08:45', 21.5]], -5.5],
    ['10 °C across 2 h (5 °C/h, at the limit)', [['08:00', 20], ['10:00', 30]], null],
    ['11 °C across 2 h (5.5 °C/h)', [['08:00', 20], ['10:00', 31]], 11],
    ['3 °C across 4 h', [['08:00', 20], ['12:00', 23]], null],
  ] as const)('%s', (_name, pairs, delta) => {
    const v = rateViolations(series('rak-a-depan', ...(pairs as unknown as [string, number][])), 5);
    if (delta === null) expect(v).toEqual([]);
    else {
      expect(v).toHaveLength(1);
      expect(v[0]?.deltaC).toBe(delta);
    }
  });

  it('reports from/to, minutes and the hourly rate', () => {
    expect(rateViolations(series('p', ['08:00', 20], ['10:00', 31]), 5)).toEqual([
      { point: 'p', from: '08:00', to: '10:00', fromC: 20, toC: 31, deltaC: 11, minutes: 120, ratePerHour: 5.5, toIndex: 1, fromIndex: 0, fromPrevious: false },
    ]);
  });

  it('checks every pair within 60 min, not only neighbours', () => {
    // 3 °C per half hour: each step is fine, the hour is not.
    const v = rateViolations(series('p', ['08:00', 20], ['08:30', 23], ['09:00', 26]), 5);
    expect(v).toEqual([expect.objectContaining({ from: '08:00', to: '09:00', deltaC: 6 })]);
  });

  it('reports one step change once, not once per later reading in the window', () => {
    const pairs: [string, number][] = [['08:00', 22], ['08:10', 22], ['08:20', 28], ['08:30', 28], ['08:40', 28], ['08:50', 28]];
    const v = rateViolations(series('p', ...pairs), 5);
    expect(v).toHaveLength(1);
    expect(v[0]).toMatchObject({ from: '08:10', to: '08:20', deltaC: 6 });
    // Within the excursion the largest change in the hour is the one reported.
    pairs[5] = ['08:50', 28.2];
    expect(rateViolations(series('p', ...pairs), 5)).toEqual([expect.objectContaining({ from: '08:10', to: '08:50', deltaC: 6.2 })]);
  });

  it('reports separate excursions separately', () => {
    const v = rateViolations(series('p', ['08:00', 22], ['09:00', 28], ['10:00', 34]), 5);
    expect(v.map((x) => `${x.from}-${x.to}`)).toEqual(['08:00-09:00', '09:00-10:00']);
  });

  it('keeps sensor points apart and sorts by time', () => {
    const readings = [
      ...series('b', ['09:00', 23]),
      ...series('a', ['09:00', 22.5]),
      ...series('b', ['08:00', 22]),
      ...series('a', ['08:00', 30]),
    ];
    const v = rateViolations(readings, 5);
    expect(v).toEqual([expect.objectContaining({ point: 'a', from: '08:00', to: '09:00', deltaC: -7.5, toIndex: 1, fromIndex: 3 })]);
  });

  it('uses 20 °C/h when configured (no tape drives)', () => {
    expect(rateViolations(series('p', ['08:00', 20], ['08:30', 27]), 20)).toEqual([]);
  });

  it('skips blank temperatures, bad times and same-minute duplicates', () => {
    const readings: RateReading[] = [
      ...series('p', ['08:00', 20], ['08:20', null], ['8:30', 30], ['24:00', 30], ['08:00', 26]),
      { point: null, time: '08:40', temperature_c: 40 },
      { time: '08:40', temperature_c: 40 },
    ];
    expect(rateViolations(readings, 5)).toEqual([]);
    expect(rateViolations(readings, Number.NaN)).toEqual([]);
    expect(rateViolations(readings, 0)).toEqual([]);
  });

  describe('previous round', () => {
    const current = series('p', ['13:00', 28], ['14:00', 28.5]);
    const previous = { date: '2026-11-24', readings: series('p', ['11:00', 20], ['12:30', 22.5], ['12:40', 30]) };

    it('is used as the earlier end when it is the same day', () => {
      const v = rateViolations(current, 5, { date: '2026-11-24', previous });
      expect(v).toEqual([
        expect.objectContaining({ from: '12:30', to: '13:00', deltaC: 5.5, fromPrevious: true, fromIndex: 1, toIndex: 0 }),
      ]);
    });

    it("does not re-report the previous round's own violations", () => {
      const v = rateViolations(series('p', ['15:00', 30]), 5, { date: '2026-11-24', previous });
      expect(v).toEqual([]);
    });

    it('is ignored on another day or without a date', () => {
      expect(rateViolations(current, 5, { date: '2026-11-25', previous })).toEqual([]);
      expect(rateViolations(current, 5, { previous })).toEqual([]);
    });
  });

  it('ignores a change below 0.01 °C even against a near-zero limit', () => {
    const readings = [
      { point: 'b', time: '00:00', temperature_c: 0 },
      { point: 'b', time: '00:01', temperature_c: 1e-323 },
    ];
    expect(rateViolations(readings as RateReading[], 5e-324)).toEqual([]);
  });

  it('never throws', () => {
    const reading = fc.record(
      {
        point: fc.oneof(fc.constantFrom('a', 'b'), fc.anything()),
        time: fc.oneof(fc.integer({ min: 0, max: 1439 }).map((m) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`), fc.anything()),
        temperature_c: fc.oneof(fc.double(), fc.anything()),
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(fc.array(reading), fc.double(), (readings, limit) => {
        const v = rateViolations(readings as RateReading[], limit);
        for (const x of v) expect(Math.abs(x.deltaC)).toBeGreaterThan(0);
      }),
    );
  });
});

describe('minutesOfDay', () => {
  it.each([
    ['00:00', 0],
    ['08:10', 490],
    ['23:59', 1439],
    ['24:00', null],
    ['8:10', null],
    ['08:60', null],
    [490, null],
    [null, null],
  ])('%s → %s', (time, minutes) => {
    expect(minutesOfDay(time)).toBe(minutes);
  });
});
