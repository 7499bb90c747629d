import { describe, expect, it } from 'vitest';
import { fastPathVerdict } from '../../lib/load/yaml-fast.ts';
import { expectSame, generatedRounds } from '../helpers/yaml-corpus.ts';

describe('the YAML fast path over a large corpus', () => {
  it('equals the exact path on a year of demo rounds and ten synthetic room layouts', () => {
    const rounds = generatedRounds({ demoDays: 365, benchRooms: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10], benchDays: 60 });
    expect(rounds.length).toBeGreaterThan(2000);
    rounds.forEach((text, i) => {
      expect(fastPathVerdict(text)).toBe('fast');
      expectSame(text);
      if (i % 8 === 0) expectSame(Buffer.from(text.replace(/\n/g, '\r\n')));
    });
  });
});
