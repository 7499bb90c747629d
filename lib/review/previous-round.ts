import type { Archive, LoadedRecord } from '../load/archive.ts';
import type { RoundRecord } from '../types.generated.ts';

/** The latest round of the same room before this one (by date, then by the shift order in config). */
export function previousRoundOf(round: LoadedRecord<RoundRecord>, archive: Archive): LoadedRecord<RoundRecord> | null {
  const order = archive.config?.data.shifts.map((s) => s.id) ?? [];
  const key = (r: RoundRecord) => `${r.date}|${String(order.indexOf(r.shift)).padStart(3, '0')}`;
  const mine = key(round.data);
  let best: LoadedRecord<RoundRecord> | null = null;
  for (const r of archive.rounds) {
    if (r.data.room !== round.data.room || key(r.data) >= mine) continue;
    if (!best || key(r.data) > key(best.data)) best = r;
  }
  return best;
}
