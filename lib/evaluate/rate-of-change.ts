import type { Reading } from '../types.generated.ts';
import { isFiniteNumber } from './reading-level.ts';

/** The fields rate of change needs; a schema-valid Reading fits, nulls from a blank form are skipped. */
export type RateReading = {
  readonly [K in 'point' | 'time' | 'temperature_c']?: Reading[K] | null;
};

export interface RateViolation {
  point: string;
  /** HH:MM of the earlier and the later reading. */
  from: string;
  to: string;
  fromC: number;
  toC: number;
  /** Signed (positive = warming), rounded to 0.01 °C. */
  deltaC: number;
  minutes: number;
  /** Signed deltaC per hour, rounded to 0.01 °C/h. */
  ratePerHour: number;
  /** Index of the later reading in `readings`. */
  toIndex: number;
  /** Index of the earlier reading in `readings`, or in `previous.readings` when fromPrevious. */
  fromIndex: number;
  fromPrevious: boolean;
}

export interface RateOptions {
  /** Date of `readings` (YYYY-MM-DD); needed to use `previous`. */
  date?: string;
  /**
   * The previous round's readings. Used only when its date equals `date`: times are HH:MM without a
   * date, and across midnight the AC duty cycle and night set-back make the gap meaningless anyway.
   * They only ever serve as the earlier end of a pair; their own violations belong to that round.
   */
  previous?: { date: string; readings: readonly RateReading[] } | null;
}

const WINDOW_MIN = 60;
// Values arrive with one or two decimals; this swallows float noise such as 27.1 − 22.1 = 5.000000000000002.
const EPSILON = 1e-9;

/**
 * ASHRAE's rate limit per sensor point: within any 60-minute window the temperature must not change by
 * more than `limitCPerHour`. Two readings ≤ 60 min apart are flagged when |ΔT| > limit (a 6 °C jump in
 * 10 min breaks it even though it is not sustained); readings further apart when |ΔT|/Δh > limit.
 * Every pair is checked, not just neighbours (20 → 23 → 26 °C at 30-min steps is 6 °C within the hour).
 * Each later reading keeps its worst pair, and pairs whose time spans overlap are one excursion: only
 * the worst is reported. Readings without a valid HH:MM time or a finite temperature are skipped, as
 * are two readings at the same minute (a duplicate, not a rate).
 */
export function rateViolations(
  readings: readonly RateReading[],
  limitCPerHour: number,
  options: RateOptions = {},
): RateViolation[] {
  if (!isFiniteNumber(limitCPerHour) || limitCPerHour <= 0 || !Array.isArray(readings)) return [];
  const byPoint = new Map<string, Sample[]>();
  const add = (list: readonly RateReading[], previous: boolean) =>
    list.forEach((r, index) => {
      const minutes = minutesOfDay(r?.time);
      if (minutes === null || !isFiniteNumber(r?.temperature_c) || typeof r?.point !== 'string') return;
      const samples = byPoint.get(r.point) ?? [];
      samples.push({ minutes, time: r.time as string, tempC: r.temperature_c, index, previous });
      byPoint.set(r.point, samples);
    });
  const prev = options.previous;
  if (prev && options.date !== undefined && prev.date === options.date && Array.isArray(prev.readings)) {
    add(prev.readings, true);
  }
  add(readings, false);

  const out: RateViolation[] = [];
  for (const [point, samples] of byPoint) {
    samples.sort((a, b) => a.minutes - b.minutes);
    const worstPerReading: Candidate[] = [];
    samples.forEach((to, j) => {
      if (to.previous) return;
      let best: Candidate | null = null;
      for (let i = 0; i < j; i++) {
        const from = samples[i] as Sample;
        const minutes = to.minutes - from.minutes;
        if (minutes <= 0) continue;
        const delta = Math.abs(to.tempC - from.tempC);
        // A change below the reported 0.01 °C is no change (a near-zero limit must not flag noise).
        if (round2(delta) === 0) continue;
        // Excess over the limit, as a ratio; > 1 is a violation.
        const excess = minutes <= WINDOW_MIN ? delta / limitCPerHour : (delta * 60) / minutes / limitCPerHour;
        if (excess <= 1 + EPSILON) continue;
        // Ties go to the shorter span (later `from`): it locates the change more precisely.
        if (!best || excess >= best.excess) best = { from, to, excess };
      }
      if (best) worstPerReading.push(best);
    });
    let current: Candidate | null = null;
    let groupEnd = -1;
    for (const c of worstPerReading) {
      if (current && c.from.minutes < groupEnd) {
        if (c.excess > current.excess) current = c;
        groupEnd = c.to.minutes;
        continue;
      }
      if (current) out.push(toViolation(point, current));
      current = c;
      groupEnd = c.to.minutes;
    }
    if (current) out.push(toViolation(point, current));
  }
  return out.sort((a, b) => a.to.localeCompare(b.to) || a.point.localeCompare(b.point));
}

/** Minutes since midnight of a strict HH:MM (00:00–23:59), else null. */
export function minutesOfDay(time: unknown): number | null {
  if (typeof time !== 'string') return null;
  const m = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(time);
  return m ? Number(m[1]) * 60 + Number(m[2]) : null;
}

interface Sample {
  minutes: number;
  time: string;
  tempC: number;
  index: number;
  previous: boolean;
}

interface Candidate {
  from: Sample;
  to: Sample;
  excess: number;
}

function toViolation(point: string, { from, to }: Candidate): RateViolation {
  const minutes = to.minutes - from.minutes;
  const delta = to.tempC - from.tempC;
  return {
    point,
    from: from.time,
    to: to.time,
    fromC: from.tempC,
    toC: to.tempC,
    deltaC: round2(delta),
    minutes,
    ratePerHour: round2((delta * 60) / minutes),
    toIndex: to.index,
    fromIndex: from.index,
    fromPrevious: from.previous,
  };
}

function round2(x: number): number {
  return Math.round(x * 100) / 100 + 0;
}
