import { describe, expect, it } from 'vitest';
import type { Thresholds } from '../types.generated.ts';
import { DEFAULT_THRESHOLDS, ensureResolved, resolveThresholds } from './thresholds.ts';

describe('DEFAULT_THRESHOLDS', () => {
  it('mirrors DESIGN.md', () => {
    expect(DEFAULT_THRESHOLDS).toEqual({
      temperature_c: { normal: { min: 20, max: 25 }, warning: { min: 18, max: 27 }, critical: { min: 15, max: 32 } },
      humidity_pct: { normal: { min: 40, max: 60 }, warning: { max: 60 }, critical: { min: 8, max: 80 } },
      dew_point_c: { warning: { min: -9, max: 15 }, critical: { max: 17 } },
      rate_c_per_hour: 5,
    });
  });

  it('is frozen all the way down', () => {
    expect(Object.isFrozen(DEFAULT_THRESHOLDS.temperature_c.normal)).toBe(true);
    expect(() => {
      (DEFAULT_THRESHOLDS.temperature_c.normal as { max: number }).max = 99;
    }).toThrow();
  });
});

describe('resolveThresholds', () => {
  it('falls back to the defaults when config says nothing', () => {
    expect(resolveThresholds()).toEqual(DEFAULT_THRESHOLDS);
    expect(resolveThresholds(null, null)).toEqual(DEFAULT_THRESHOLDS);
    expect(resolveThresholds({})).toEqual(DEFAULT_THRESHOLDS);
  });

  it('lets a room override one bound and keeps every other bound', () => {
    const config: Thresholds = { temperature_c: { normal: { min: 19, max: 26 } }, rate_c_per_hour: 20 };
    const room: Thresholds = { temperature_c: { normal: { max: 24 } } };
    const t = resolveThresholds(config, room);
    expect(t.temperature_c.normal).toEqual({ min: 19, max: 24 });
    expect(t.temperature_c.critical).toEqual({ min: 15, max: 32 });
    expect(t.humidity_pct).toEqual(DEFAULT_THRESHOLDS.humidity_pct);
    expect(t.rate_c_per_hour).toBe(20);
  });

  it('lets a room override the rate limit and a dew-point band', () => {
    const t = resolveThresholds({ rate_c_per_hour: 5 }, { rate_c_per_hour: 20, dew_point_c: { critical: { max: 16 } } });
    expect(t.rate_c_per_hour).toBe(20);
    expect(t.dew_point_c.critical).toEqual({ max: 16 });
    expect(t.dew_point_c.warning).toEqual({ min: -9, max: 15 });
  });

  it('ignores bounds that are not finite numbers (half-written config)', () => {
    const config = {
      temperature_c: { normal: { min: null, max: '26' }, critical: null },
      rate_c_per_hour: 0,
    } as unknown as Thresholds;
    expect(resolveThresholds(config)).toEqual(DEFAULT_THRESHOLDS);
  });

  it('never mutates its inputs or the defaults', () => {
    const config: Thresholds = { temperature_c: { normal: { max: 26 } } };
    const before = structuredClone(config);
    const t = resolveThresholds(config, { temperature_c: { normal: { max: 24 } } });
    t.temperature_c.normal.max = 30;
    expect(config).toEqual(before);
    expect(DEFAULT_THRESHOLDS.temperature_c.normal.max).toBe(25);
  });

  it('ensureResolved returns resolved thresholds as they are and resolves anything else', () => {
    const t = resolveThresholds({ temperature_c: { normal: { max: 24 } } });
    expect(ensureResolved(t)).toBe(t);
    expect(ensureResolved({ temperature_c: { normal: { max: 24 } } })).toEqual(t);
    expect(ensureResolved(undefined)).toEqual(DEFAULT_THRESHOLDS);
  });
});
