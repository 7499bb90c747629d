import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import type { CriteriaVersion } from '../git/approvals.ts';
import type { ArchiveHistory } from '../git/history.ts';
import type { Archive, LoadedRecord } from '../load/archive.ts';
import type { ChecklistsRecord, ConfigRecord, RoomRecord, RoundRecord } from '../types.generated.ts';
import { criteriaAt } from './criteria.ts';
import { roundEntry } from './round-index.ts';

const FIX = join(import.meta.dirname, '../../tests/fixtures');
const read = <T>(p: string) => parse(readFileSync(join(FIX, p), 'utf8')) as T;
const config = read<ConfigRecord>('archive/records/config.yaml');
const checklists = read<ChecklistsRecord>('archive/records/checklists.yaml');
const room = read<RoomRecord>('archive/records/rooms/lab.yaml');
const round = read<RoundRecord>('rounds/valid.yaml');
round.readings[0]!.temperature_c = 26; // above 25, within 30
round.readings[0]!.humidity_pct = 42; // dew point well within its limits

const limits = (max: number) => ({ ...config.thresholds, temperature_c: { normal: { min: 18, max }, warning: { min: 15, max: max + 2 }, critical: { min: 10, max: max + 5 } } });
const version = (max: number, date: string): CriteriaVersion => ({ commit: `c${max}`.padEnd(40, '0'), date, configBlob: `b${max}`, checklistsBlob: 'k', thresholds: limits(max), checklists });
const archive = (max: number) =>
  ({ config: { data: { ...config, thresholds: limits(max) } }, checklists: { data: checklists }, rooms: new Map([['lab', { data: room }]]) }) as unknown as Archive;
const history = (criteria: CriteriaVersion[]) => ({ files: new Map(), shallow: false, criteria }) as unknown as ArchiveHistory;
const loaded = { path: 'records/rounds/2026/11/2026-11-20-lab-pagi.yaml', blob: 'x', data: round } as LoadedRecord<RoundRecord>;

describe('criteria judged as they were', () => {
  it('picks the version approved last before the round was recorded (the first for older rounds)', () => {
    const vs = [version(25, '2026-11-01T10:00:00+07:00'), version(30, '2026-11-20T09:00:00+07:00')];
    expect(criteriaAt(vs, '2026-10-01', '08:00')?.commit).toBe(vs[0]!.commit);
    expect(criteriaAt(vs, '2026-11-20', '08:59')?.commit).toBe(vs[0]!.commit);
    expect(criteriaAt(vs, '2026-11-20', '09:00')?.commit).toBe(vs[1]!.commit);
    expect(criteriaAt([], '2026-11-20', '09:00')).toBeNull();
  });

  it('a threshold relaxed after the round re-judges nothing: the round keeps the verdict of its time', () => {
    const relaxedToday = archive(30);
    const kept = roundEntry(relaxedToday, loaded, 0, history([version(25, '2026-11-01T10:00:00+07:00'), version(30, '2026-11-21T10:00:00+07:00')]));
    expect(kept.evaluation.verdict).toBe('attention');
    expect(kept.criteria).toEqual({ commit: version(25, '').commit, date: '2026-11-01T10:00:00+07:00', current: false });
    const after = roundEntry(relaxedToday, loaded, 0, history([version(25, '2026-11-01T10:00:00+07:00'), version(30, '2026-11-19T10:00:00+07:00')]));
    expect(after.evaluation.verdict).toBe('ok');
    expect(after.criteria?.current).toBe(true);
  });

  it('without approved versions (no trust anchor) the working files judge, as npm run check does', () => {
    const e = roundEntry(archive(25), loaded, 0, history([]));
    expect(e.evaluation.verdict).toBe('attention');
    expect(e.criteria).toBeNull();
  });
});
