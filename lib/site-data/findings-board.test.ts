import { describe, expect, it } from 'vitest';
import { findingsBoard, openOn } from './findings-board.ts';
import { indexRounds } from './round-index.ts';
import { round, testArchive } from './test-archive.ts';
import type { MaintenanceView } from './maintenance-list.ts';

const r = (date: string, shift: string, findings: NonNullable<Parameters<typeof round>[3]>['findings']) =>
  round(date, shift, [['rak-a-depan', shift === 'pagi' ? '08:10' : '13:40', 22, 50]], { findings });

describe('findingsBoard', () => {
  const archive = testArchive([
    r('2026-11-01', 'pagi', [{ id: 'T-2026-001', equipment: 'ac-02', description: 'Filter kotor', status: 'terbuka', raised_on: '2026-11-01' }]),
    r('2026-11-01', 'sore', [
      { id: 'T-2026-001', equipment: 'ac-02', description: 'Filter kotor', status: 'terbuka', raised_on: '2026-11-01' },
      { id: 'T-2026-002', equipment: 'rak-c', description: 'Pintu rak terbuka', action: 'Ditutup', status: 'selesai', raised_on: '2026-11-01', closed_on: '2026-11-01' },
    ]),
    r('2026-11-04', 'pagi', [{ id: 'T-2026-001', equipment: 'ac-02', description: 'Filter kotor', action: 'Filter diganti', status: 'selesai', raised_on: '2026-11-01', closed_on: '2026-11-04' }]),
    r('2026-11-05', 'pagi', [{ id: 'T-2026-003', equipment: 'kebersihan-01', description: 'Debu', status: 'terbuka', raised_on: '2026-11-05' }]),
  ]);
  const maintenance = [{ url: '/pemeliharaan/2026/x/', date: '2026-11-04', title: 'Ganti filter', findings: ['T-2026-001'] }] as unknown as MaintenanceView[];
  const board = findingsBoard(indexRounds(archive, new Map(), null), maintenance, '2026-11-10');
  const byId = new Map(board.map((f) => [f.id, f]));

  it('follows a finding from the round that raised it to the round that closed it', () => {
    const f = byId.get('T-2026-001')!;
    expect(f.status).toBe('selesai');
    expect(f.raisedIn).toMatchObject({ date: '2026-11-01', shift: 'pagi' });
    expect(f.closedIn).toMatchObject({ date: '2026-11-04', shift: 'pagi' });
    expect(f.closedOn).toBe('2026-11-04');
    expect(f.ageDays).toBe(3);
    expect(f.rounds).toBe(3);
    expect(f.action).toBe('Filter diganti');
    expect(f.maintenance).toEqual([{ url: '/pemeliharaan/2026/x/', date: '2026-11-04', title: 'Ganti filter' }]);
  });

  it('closes a finding raised and closed in the same round', () => {
    const f = byId.get('T-2026-002')!;
    expect(f.status).toBe('selesai');
    expect(f.closedIn).toMatchObject({ date: '2026-11-01', shift: 'sore' });
    expect(f.ageDays).toBe(0);
    expect(openOn(f, '2026-11-30')).toBe(false);
  });

  it('ages open findings to today and lists them first', () => {
    expect(board[0]!.id).toBe('T-2026-003');
    expect(board[0]!.ageDays).toBe(5);
    expect(openOn(board[0]!, '2026-11-30')).toBe(true);
    expect(openOn(board[0]!, '2026-11-04')).toBe(false);
  });
});
