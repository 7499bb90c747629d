import { describe, expect, it } from 'vitest';
import { maintenancePath, parseRoundPath, recordKindOf, roundPath } from './paths.ts';

describe('record paths', () => {
  it('builds and parses a round path, with dashes in the room id', () => {
    const p = roundPath('ruang-server-utama', '2026-11-24', 'pagi');
    expect(p).toBe('records/rounds/2026/11/2026-11-24-ruang-server-utama-pagi.yaml');
    expect(parseRoundPath(p, ['pagi', 'sore'])).toEqual({ date: '2026-11-24', room: 'ruang-server-utama', shift: 'pagi' });
  });

  it('rejects a round filed under the wrong month folder', () => {
    expect(parseRoundPath('records/rounds/2026/10/2026-11-24-lab-pagi.yaml', ['pagi'])).toBeNull();
  });

  it('tells record kinds apart by location', () => {
    expect(recordKindOf('records/config.yaml')).toBe('config');
    expect(recordKindOf('records/rooms/lab.yaml')).toBe('room');
    expect(recordKindOf(maintenancePath('2026-10-07', 'ganti-kompresor'))).toBe('maintenance');
    expect(recordKindOf('records/notes.txt')).toBeNull();
  });
});
