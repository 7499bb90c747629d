/** Defaults of `npm run new`: which shift, room and officer a new round is for (pure functions). */
import { minutesOf } from '../time.ts';
import type { ConfigRecord } from '../types.generated.ts';

export type Shift = ConfigRecord['shifts'][number];
export type Staff = ConfigRecord['staff'][number];

/**
 * The shift for a WIB time of day: the shift running at that time; between shifts (or before the
 * first, after the last) the nearest one, counting to the start of a coming shift and from the end of
 * a past one. A tie goes to the coming shift: between pagi (until 12:00) and sore (from 13:00), 12:15 is
 * still pagi, 12:30 and later sore.
 */
export function pickShift(shifts: readonly Shift[], time: string): Shift {
  const t = minutesOf(time);
  const running = shifts.find((s) => t >= minutesOf(s.start) && t < minutesOf(s.end));
  if (running) return running;
  let best = shifts[0]!;
  let bestDistance = Infinity;
  let bestComing = false;
  for (const s of shifts) {
    const coming = t < minutesOf(s.start);
    const distance = coming ? minutesOf(s.start) - t : t - minutesOf(s.end);
    if (distance < bestDistance || (distance === bestDistance && coming && !bestComing)) {
      best = s;
      bestDistance = distance;
      bestComing = coming;
    }
  }
  return best;
}

export { staffByEmail } from '../staff.ts';

/** Shifts in config order; the order of rounds within one date. */
export function shiftOrder(shifts: readonly Shift[]): Map<string, number> {
  return new Map(shifts.map((s, i) => [s.id, i]));
}
