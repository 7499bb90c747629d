import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Thresholds } from '../types.generated.ts';
import { classifyValue, evaluateReading, levelRank, LEVELS, REASON_CODES, type Level } from './reading-level.ts';
import { DEFAULT_THRESHOLDS, resolveThresholds } from './thresholds.ts';

describe('temperature levels (normal 20–25, critical 15–32)', () => {
  it.each([
    [14.9, 'critical', 'temperature-below-critical'],
    [15, 'warning', 'temperature-below-normal'],
    [19.9, 'warning', 'temperature-below-normal'],
    [20, 'normal', null],
    [22.4, 'normal', null],
    [25, 'normal', null],
    [25.1, 'warning', 'temperature-above-normal'],
    [27, 'warning', 'temperature-above-normal'],
    [32, 'warning', 'temperature-above-normal'],
    [32.1, 'critical', 'temperature-above-critical'],
  ] as const)('%d °C → %s', (t, level, reason) => {
    expect(classifyValue('temperature', t, DEFAULT_THRESHOLDS)).toEqual({ level, reason });
    const r = evaluateReading({ temperature_c: t, humidity_pct: 45 }, DEFAULT_THRESHOLDS);
    expect(r.temperatureLevel).toBe(level);
    if (reason) expect(r.reasons).toContain(reason);
  });

  it.each([
    [27, false],
    [27.1, true],
    [18, false],
    [17.9, true],
  ])('%d °C outside the ASHRAE recommended 18–27 °C: %s (information only)', (t, outside) => {
    const r = evaluateReading({ temperature_c: t, humidity_pct: 30 }, DEFAULT_THRESHOLDS);
    expect(r.outsideRecommendedBy.includes('temperature')).toBe(outside);
    expect(r.temperatureLevel).toBe('warning');
  });
});

describe('humidity levels (normal 40–60, critical 8–80)', () => {
  it.each([
    [7.9, 'critical', 'humidity-below-critical'],
    [8, 'warning', 'humidity-below-normal'],
    [39.9, 'warning', 'humidity-below-normal'],
    [40, 'normal', null],
    [60, 'normal', null],
    [60.1, 'warning', 'humidity-above-normal'],
    [80, 'warning', 'humidity-above-normal'],
    [80.1, 'critical', 'humidity-above-critical'],
  ] as const)('%d %% RH → %s', (rh, level, reason) => {
    expect(classifyValue('humidity', rh, DEFAULT_THRESHOLDS)).toEqual({ level, reason });
    // 18 °C keeps the dew point below 15 °C even at 80.1 % RH.
    expect(evaluateReading({ temperature_c: 18, humidity_pct: rh }).humidityLevel).toBe(level);
  });

  it('flags RH above 60 % as outside the recommended range', () => {
    expect(evaluateReading({ temperature_c: 20, humidity_pct: 60 }).outsideRecommended).toBe(false);
    const r = evaluateReading({ temperature_c: 20, humidity_pct: 60.1 });
    expect(r.outsideRecommended).toBe(true);
    expect(r.outsideRecommendedBy).toEqual(['humidity']);
  });
});

describe('dew point levels (recommended −9…15, critical > 17)', () => {
  it.each([
    [-9.1, 'warning', 'dew-point-below-warning'],
    [-9, 'normal', null],
    [15, 'normal', null],
    [15.1, 'warning', 'dew-point-above-warning'],
    [17, 'warning', 'dew-point-above-warning'],
    [17.1, 'critical', 'dew-point-above-critical'],
  ] as const)('%d °C → %s', (dp, level, reason) => {
    expect(classifyValue('dew-point', dp, DEFAULT_THRESHOLDS)).toEqual({ level, reason });
  });

  it.each([
    // [T, RH, dew point at 0.1 °C, dew level, overall level]
    [22, 50, 11.1, 'normal', 'normal'],
    [25, 60, 16.7, 'warning', 'warning'],
    [24, 70, 18.2, 'critical', 'critical'],
    [0, 50, -9.2, 'warning', 'critical'],
  ] as const)('%d °C / %d %% → dew point %d °C, %s; overall %s', (t, rh, dp, dewLevel, level) => {
    const r = evaluateReading({ temperature_c: t, humidity_pct: rh });
    expect(r.dewPointC).toBe(dp);
    expect(r.dewPointLevel).toBe(dewLevel);
    expect(r.level).toBe(level);
  });

  it('a dew point outside the recommended band is outside recommended', () => {
    // 25 °C/60 %: temperature and RH normal, dew point 16.7 °C.
    const r = evaluateReading({ temperature_c: 25, humidity_pct: 60 });
    expect(r.temperatureLevel).toBe('normal');
    expect(r.humidityLevel).toBe('normal');
    expect(r.outsideRecommendedBy).toEqual(['dew-point']);
    expect(r.reasons).toEqual(['dew-point-above-warning']);
  });
});

describe('evaluateReading', () => {
  it('takes the worst level and lists one reason per metric', () => {
    const r = evaluateReading({ temperature_c: 33, humidity_pct: 65 });
    expect(r).toMatchObject({ temperatureLevel: 'critical', humidityLevel: 'warning', dewPointLevel: 'critical', level: 'critical' });
    expect(r.reasons).toEqual(['temperature-above-critical', 'humidity-above-normal', 'dew-point-above-critical']);
  });

  it('a normal reading has no reasons', () => {
    expect(evaluateReading({ temperature_c: 22.4, humidity_pct: 51 })).toEqual({
      temperatureLevel: 'normal',
      humidityLevel: 'normal',
      dewPointLevel: 'normal',
      level: 'normal',
      dewPointC: 11.8,
      outsideRecommended: false,
      outsideRecommendedBy: [],
      reasons: [],
    });
  });

  it('applies a room override', () => {
    const t = resolveThresholds(DEFAULT_THRESHOLDS, { temperature_c: { normal: { max: 24 } } });
    expect(evaluateReading({ temperature_c: 24.5, humidity_pct: 45 }, t).temperatureLevel).toBe('warning');
    expect(evaluateReading({ temperature_c: 24.5, humidity_pct: 45 }).temperatureLevel).toBe('normal');
    // Raw (unresolved) thresholds work too: the missing parts come from the defaults.
    expect(evaluateReading({ temperature_c: 24.5, humidity_pct: 45 }, { temperature_c: { normal: { max: 24 } } }).level).toBe(
      'warning',
    );
  });

  it('leaves blank values out instead of throwing', () => {
    const r = evaluateReading({ temperature_c: 30, humidity_pct: null });
    expect(r).toMatchObject({ temperatureLevel: 'warning', humidityLevel: null, dewPointLevel: null, dewPointC: null, level: 'warning' });
    const blank = evaluateReading({ temperature_c: null, humidity_pct: undefined });
    expect(blank.level).toBeNull();
    expect(blank.reasons).toEqual([]);
    expect(evaluateReading({ temperature_c: Number.NaN, humidity_pct: 50 }).temperatureLevel).toBeNull();
  });

  it('RH 0 has no dew point but still a humidity level', () => {
    const r = evaluateReading({ temperature_c: 22, humidity_pct: 0 });
    expect(r).toMatchObject({ dewPointC: null, dewPointLevel: null, humidityLevel: 'critical', level: 'critical' });
  });

  it('never throws, whatever it is given', () => {
    fc.assert(
      fc.property(fc.anything(), fc.anything(), fc.anything(), (t, rh, thresholds) => {
        const r = evaluateReading({ temperature_c: t, humidity_pct: rh } as never, thresholds as Thresholds);
        expect(r.level === null || LEVELS.includes(r.level)).toBe(true);
        for (const reason of r.reasons) expect(REASON_CODES).toContain(reason);
      }),
    );
    fc.assert(
      fc.property(fc.double(), fc.double(), (t, rh) => {
        const r = evaluateReading({ temperature_c: t, humidity_pct: rh });
        expect(r.level === null || LEVELS.includes(r.level)).toBe(true);
      }),
    );
  });
});

describe('monotonic: further from the normal band never lowers the level', () => {
  const rank = (l: Level | null) => (l === null ? -1 : levelRank(l));
  const value = fc.double({ min: -20, max: 60, noNaN: true });
  const step = fc.double({ min: 0, max: 40, noNaN: true });

  // Sane thresholds: critical ⊇ warning ⊇ normal, as a config should be.
  const nested = fc
    .array(fc.double({ min: -10, max: 50, noNaN: true }), { minLength: 6, maxLength: 6 })
    .map((xs) => xs.sort((a, b) => a - b))
    .map(([cmin, wmin, nmin, nmax, wmax, cmax]) =>
      resolveThresholds({
        temperature_c: { critical: { min: cmin, max: cmax }, warning: { min: wmin, max: wmax }, normal: { min: nmin, max: nmax } },
      }),
    );

  it('temperature level, any sane thresholds', () => {
    fc.assert(
      fc.property(nested, value, step, (t, x, d) => {
        const { min = -Infinity, max = Infinity } = t.temperature_c.normal;
        const level = (v: number) => rank(evaluateReading({ temperature_c: v, humidity_pct: 50 }, t).temperatureLevel);
        if (x >= max) expect(level(x + d)).toBeGreaterThanOrEqual(level(x));
        if (x <= min) expect(level(x - d)).toBeGreaterThanOrEqual(level(x));
      }),
    );
  });

  it('overall level with the defaults at a normal humidity', () => {
    fc.assert(
      fc.property(value, step, fc.double({ min: 40, max: 60, noNaN: true }), (x, d, rh) => {
        const level = (v: number) => rank(evaluateReading({ temperature_c: v, humidity_pct: rh }).level);
        if (x >= 25) expect(level(x + d)).toBeGreaterThanOrEqual(level(x));
        if (x <= 20) expect(level(x - d)).toBeGreaterThanOrEqual(level(x));
      }),
    );
  });
});
