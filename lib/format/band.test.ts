import { describe, expect, it } from 'vitest';
import { formatBand } from './band.ts';

describe('formatBand', () => {
  it('names closed, half-open and open bands', () => {
    expect(formatBand({ min: 20, max: 25 })).toBe('20–25');
    expect(formatBand({ max: 80 })).toBe('≤ 80');
    expect(formatBand({ min: 12.4 }, (n) => String(n).replace('.', ','))).toBe('≥ 12,4');
    expect(formatBand(undefined)).toBe('');
  });
});
