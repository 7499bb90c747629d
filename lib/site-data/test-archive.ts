/**
 * A small in-memory Archive for the lib/site-data unit tests: the repository's config, checklists and
 * main room, with hand-written rounds. Not used at run time.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import type { Archive, LoadedMaintenance } from '../load/archive.ts';
import { roundPath } from '../paths.ts';
import type { ChecklistsRecord, ConfigRecord, Reading, RoomRecord, RoundRecord } from '../types.generated.ts';

const REPO = join(import.meta.dirname, '..', '..');
export const ROOM = 'ruang-server-utama';

export const testConfig = (): ConfigRecord => parse(readFileSync(join(REPO, 'records/config.yaml'), 'utf8')) as ConfigRecord;
export const testChecklists = (): ChecklistsRecord => parse(readFileSync(join(REPO, 'records/checklists.yaml'), 'utf8')) as ChecklistsRecord;
export const testRoom = (): RoomRecord => parse(readFileSync(join(REPO, `records/rooms/${ROOM}.yaml`), 'utf8')) as RoomRecord;

/** A round where every device is baik; `readings` as [point, time, °C, %RH]. */
export function round(date: string, shift: string, readings: [string, string, number, number][], extra: Partial<RoundRecord> = {}): RoundRecord {
  const room = testRoom();
  return {
    room: ROOM,
    date,
    shift,
    officer: 'budi',
    started_at: shift === 'pagi' ? '08:00' : '13:30',
    finished_at: shift === 'pagi' ? '09:00' : '14:30',
    readings: readings.map(([point, time, temperature_c, humidity_pct]): Reading => ({ point, time, temperature_c, humidity_pct })) as RoundRecord['readings'],
    checks: room.equipment.map((e) => ({ equipment: e.id, status: 'baik' as const })) as RoundRecord['checks'],
    ...extra,
  };
}

export function testArchive(rounds: RoundRecord[], opts: { config?: ConfigRecord; maintenance?: LoadedMaintenance[] } = {}): Archive {
  const config = opts.config ?? testConfig();
  return {
    root: REPO,
    config: { path: 'records/config.yaml', blob: 'c0', data: config },
    checklists: { path: 'records/checklists.yaml', blob: 'c1', data: testChecklists() },
    rooms: new Map([[ROOM, { path: `records/rooms/${ROOM}.yaml`, blob: 'c2', data: testRoom() }]]),
    rounds: rounds.map((r, i) => ({ path: roundPath(r.room, r.date, r.shift), blob: `b${i}`, data: r })),
    maintenance: opts.maintenance ?? [],
    problems: [],
    allPaths: [],
    fingerprint: 'test',
    stats: { files: 0, parsed: 0, fromCache: 0 },
  };
}
