import type { Archive, LoadedRecord } from './archive.ts';
import type { RoundRecord } from '../types.generated.ts';

/**
 * The one order of rounds: room, date, the configured shift order (an unknown shift last), then path.
 * Sort keys are read once per record: `data` may be a lazy getter over the record cache.
 */
export function sortRounds(archive: Pick<Archive, 'rounds' | 'config'>, rounds: readonly LoadedRecord<RoundRecord>[] = archive.rounds): LoadedRecord<RoundRecord>[] {
  const shiftOrder = new Map((archive.config?.data.shifts ?? []).map((s, i) => [s.id, i]));
  const keyed = rounds.map((r) => ({ r, room: r.data.room, date: r.data.date, shift: shiftOrder.get(r.data.shift) ?? Number.MAX_SAFE_INTEGER }));
  keyed.sort((a, b) => (a.room < b.room ? -1 : a.room > b.room ? 1 : 0) || (a.date < b.date ? -1 : a.date > b.date ? 1 : 0) || a.shift - b.shift || (a.r.path < b.r.path ? -1 : a.r.path > b.r.path ? 1 : 0));
  return keyed.map((k) => k.r);
}

/** Each round's predecessor in its room (null for a room's first round), in sortRounds' order. */
export function previousRounds(archive: Pick<Archive, 'rounds' | 'config'>): Map<string, LoadedRecord<RoundRecord> | null> {
  const out = new Map<string, LoadedRecord<RoundRecord> | null>();
  let last: LoadedRecord<RoundRecord> | null = null;
  for (const r of sortRounds(archive)) {
    out.set(r.path, last && last.data.room === r.data.room ? last : null);
    last = r;
  }
  return out;
}
