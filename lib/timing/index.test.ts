import { describe, expect, it } from 'vitest';
import { eventsFromHistory, expectedRounds, missedRounds, roundTiming, startDelay } from './index.ts';
import type { FileHistory } from '../git/history.ts';
import { parseForgeTimes } from './forge-times.ts';

const standards = { handover_min: 5, inspection_min: 60, recording_min: 60, archiving_min: 30 };

describe('roundTiming', () => {
  it('measures work, hand-over and archiving against the SOP standards', () => {
    const t = roundTiming(
      { date: '2026-11-24', started_at: '08:05', finished_at: '09:10' },
      standards,
      { submittedAt: '2026-11-24T09:20:00+07:00', approvedAt: '2026-11-24T03:10:00Z', source: 'forge' }, // 10:10 WIB
    );
    expect(t.work).toEqual({ minutes: 65, limit: 120, exceeded: false });
    expect(t.checkingOverHour).toBe(true);
    expect(t.handover).toEqual({ minutes: 10, limit: null, exceeded: false });
    expect(t.archiving).toEqual({ minutes: 50, limit: 30, exceeded: true });
    expect(t.deviations).toEqual(['checking-over-hour', 'archiving-over-standard']);
  });

  it('flags a round over two hours, an unfinished one and one not approved', () => {
    expect(roundTiming({ date: '2026-11-24', started_at: '07:30', finished_at: '09:45' }, standards).deviations).toEqual([
      'work-over-standard',
      'checking-over-hour',
      'not-approved',
    ]);
    const open = roundTiming({ date: '2026-11-24', started_at: '07:30' }, standards);
    expect(open.work.minutes).toBeNull();
    expect(open.deviations).toContain('not-finished');
  });

  it('reports a submit before the written finish time', () => {
    const t = roundTiming({ date: '2026-11-24', started_at: '08:00', finished_at: '09:00' }, standards, { submittedAt: '2026-11-24T08:50:00+07:00', approvedAt: null, source: 'forge' });
    expect(t.handover.minutes).toBe(-10);
    expect(t.deviations).toContain('submitted-before-finish');
  });

  it('takes submit and approval times from a file history', () => {
    const change = (status: 'A' | 'M', authorDate: string) => ({ status, authorDate }) as FileHistory['changes'][number];
    const file = {
      truncated: false,
      changes: [change('A', '2026-11-24T09:20:00+07:00'), change('M', '2026-11-24T10:10:00+07:00')],
      approvedVersions: [{ blob: 'x', approval: { state: 'approved', date: '2026-11-24T10:10:00+07:00' } }],
    } as unknown as FileHistory;
    expect(eventsFromHistory(file)).toEqual({ submittedAt: '2026-11-24T09:20:00+07:00', approvedAt: '2026-11-24T10:10:00+07:00', source: 'commit' });
    expect(eventsFromHistory({ ...file, truncated: true }).submittedAt).toBeNull();
    expect(eventsFromHistory(undefined)).toEqual({ submittedAt: null, approvedAt: null, source: 'commit' });
  });
});

describe('missedRounds', () => {
  const config = {
    shifts: [
      { id: 'pagi', name: 'Pagi', start: '07:30', end: '12:00' },
      { id: 'sore', name: 'Sore', start: '13:00', end: '16:00' },
    ] as [{ id: string; name: string; start: string; end: string }, ...{ id: string; name: string; start: string; end: string }[]],
    schedule: [
      { weekdays: [1, 2, 3, 4, 5], shifts: ['pagi', 'sore'], since: '2026-11-01', until: '2026-11-30' },
      { weekdays: [6], shifts: ['pagi'], since: '2026-11-01', rooms: ['ruang-a'] },
    ] as never,
    holidays: ['2026-11-25'],
  };

  it('expects rounds by weekday, since/until, rooms and holidays', () => {
    // 2026-11-23 is a Monday; 11-25 a holiday; 11-28 a Saturday (ruang-a only, pagi); 11-29 Sunday: nothing.
    const slots = expectedRounds(config, ['ruang-a', 'ruang-b'], { from: '2026-11-24', to: '2026-11-29' });
    const key = (s: { room: string; date: string; shift: string }) => `${s.date} ${s.room} ${s.shift}`;
    expect(slots.map(key)).toEqual([
      '2026-11-24 ruang-a pagi', '2026-11-24 ruang-a sore', '2026-11-24 ruang-b pagi', '2026-11-24 ruang-b sore',
      '2026-11-26 ruang-a pagi', '2026-11-26 ruang-a sore', '2026-11-26 ruang-b pagi', '2026-11-26 ruang-b sore',
      '2026-11-27 ruang-a pagi', '2026-11-27 ruang-a sore', '2026-11-27 ruang-b pagi', '2026-11-27 ruang-b sore',
      '2026-11-28 ruang-a pagi',
    ]);
    expect(expectedRounds(config, ['ruang-a'], { from: '2026-12-01', to: '2026-12-01' })).toEqual([]); // until passed
  });

  it('lists the slots with no round, counting today only for shifts that have ended', () => {
    const present = [
      { room: 'ruang-a', date: '2026-11-24', shift: 'pagi' },
      { room: 'ruang-a', date: '2026-11-24', shift: 'sore' },
    ];
    const now = new Date('2026-11-24T13:30:00+07:00'); // pagi over, sore still running
    expect(missedRounds(config, ['ruang-a', 'ruang-b'], present, { from: '2026-11-24', to: '2026-11-24', now })).toEqual([
      { room: 'ruang-b', date: '2026-11-24', shift: 'pagi' },
    ]);
  });

  it('measures how late a round started against its shift', () => {
    expect(startDelay({ shift: 'pagi', started_at: '08:05' }, config.shifts)).toBe(35);
    expect(startDelay({ shift: 'malam', started_at: '08:05' }, config.shifts)).toBeNull();
  });

  it('does not judge archiving from a submit time that cannot be true (after the approval, or in the future)', () => {
    const round = { date: '2026-11-24', started_at: '08:00', finished_at: '09:00' };
    const backdatedApproval = roundTiming(round, standards, { submittedAt: '2026-11-24T10:00:00+07:00', approvedAt: '2026-11-24T09:20:00+07:00', source: 'forge' });
    expect(backdatedApproval.archiving.minutes).toBeNull();
    expect(backdatedApproval.archiving.exceeded).toBe(false);
    expect(backdatedApproval.deviations).toContain('time-unverified');
    const future = roundTiming(round, standards, { submittedAt: '2099-01-01T00:00:00+07:00', approvedAt: null, source: 'forge' }, new Date('2026-11-25T00:00:00+07:00'));
    expect(future.deviations).toContain('time-unverified');
    const honest = roundTiming(round, standards, { submittedAt: '2026-11-24T09:10:00+07:00', approvedAt: '2026-11-24T09:30:00+07:00', source: 'forge' });
    expect([honest.archiving.minutes, honest.deviations.includes('time-unverified')]).toEqual([20, false]);
  });
});
