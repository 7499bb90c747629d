import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dewPointC } from './dew-point.ts';

describe('dewPointC (Magnus, a = 17.62, b = 243.12 °C)', () => {
  it.each([
    // Reference values from Magnus-formula tables with these coefficients.
    [25, 50, 13.85],
    [30, 70, 23.93],
    [22, 45, 9.52],
    [0, 50, -9.2],
    [24, 70, 18.19],
    [-10, 50, -18.47],
  ])('%d °C at %d %% RH → %d °C', (t, rh, expected) => {
    expect(dewPointC(t, rh)).toBeCloseTo(expected, 2);
  });

  it('equals the air temperature at 100 % RH', () => {
    expect(dewPointC(20, 100)).toBeCloseTo(20, 10);
    expect(dewPointC(0, 100)).toBeCloseTo(0, 10);
  });

  it.each([
    [25, 0],
    [25, -5],
    [Number.NaN, 50],
    [25, Number.NaN],
    [Number.POSITIVE_INFINITY, 50],
    [-243.12, 50],
  ])('returns null when it cannot be computed (%d °C, %d %%)', (t, rh) => {
    expect(dewPointC(t, rh)).toBeNull();
  });

  it('never exceeds the air temperature and rises with humidity', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -20, max: 60, noNaN: true }),
        fc.double({ min: 0.1, max: 100, noNaN: true }),
        fc.double({ min: 0.1, max: 100, noNaN: true }),
        (t, rh1, rh2) => {
          const [lo, hi] = rh1 <= rh2 ? [rh1, rh2] : [rh2, rh1];
          const a = dewPointC(t, lo);
          const b = dewPointC(t, hi);
          expect(a).not.toBeNull();
          expect(b as number).toBeGreaterThanOrEqual((a as number) - 1e-9);
          expect(b as number).toBeLessThanOrEqual(t + 1e-9);
        },
      ),
    );
  });
});
