import { describe, expect, it } from 'vitest';
import { pickShift, staffByEmail } from './defaults.ts';

const shifts = [
  { id: 'pagi', name: 'Pagi', start: '07:30', end: '12:00' },
  { id: 'sore', name: 'Sore', start: '13:00', end: '16:00' },
];

describe('pickShift', () => {
  it.each([
    ['05:00', 'pagi'], // before the first: the coming one
    ['07:30', 'pagi'],
    ['11:59', 'pagi'],
    ['12:15', 'pagi'], // between: the nearer
    ['12:30', 'sore'], // a tie goes to the coming shift
    ['12:45', 'sore'],
    ['15:00', 'sore'],
    ['22:00', 'sore'], // after the last: the last
  ])('%s → %s', (time, shift) => {
    expect(pickShift(shifts, time).id).toBe(shift);
  });
});

describe('staffByEmail', () => {
  it('matches case-insensitively, and nothing for no email', () => {
    const staff = [{ id: 'budi', name: 'Budi', email: 'Budi.Santoso@lumajangkab.go.id', role: 'admin' as const }];
    expect(staffByEmail(staff, ' budi.santoso@LUMAJANGKAB.go.id')?.id).toBe('budi');
    expect(staffByEmail(staff, null)).toBeUndefined();
    expect(staffByEmail(staff, 'x@y')).toBeUndefined();
  });
});
