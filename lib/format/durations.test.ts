import { describe, expect, it } from 'vitest';
import { formatDuration } from './durations.ts';

describe('formatDuration', () => {
  it.each([
    [0, 'id', '0 menit'],
    [45, 'id', '45 menit'],
    [60, 'id', '1 jam'],
    [80, 'id', '1 jam 20 menit'],
    [1489, 'id', '1 hari 49 menit'],
    [-15, 'id', '−15 menit'],
    [80, 'en', '1 h 20 min'],
    [null, 'id', '–'],
  ] as const)('%s min in %s → %s', (min, lang, text) => {
    expect(formatDuration(min, lang)).toBe(text);
  });
});
