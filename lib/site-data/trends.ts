/**
 * Temperature, humidity and dew-point trends per room: daily and monthly statistics and the list of
 * excursions, computed once per build from the evaluated rounds.
 *
 * Definitions (also stated on the Tren page):
 * - Only assessed readings count (inlet and room points; outlet/hot-aisle readings are not judged).
 * - min / mean / max over the readings of the day (month); the mean is the plain mean of readings.
 *   Dew point per reading is the evaluator's value (Magnus, rounded to 0.1 °C as shown on the form).
 * - "Time outside a band" is the share of readings outside it: rounds sample at a steady rhythm,
 *   so the share of samples estimates the share of time. Bands: normal (config), recommended
 *   (ASHRAE, the `warning` band) and allowable (outside `critical`).
 * - An excursion is a run of consecutive non-normal readings of one sensor point (across rounds);
 *   it belongs to the day and month it started.
 */
import type { Level } from '../evaluate/index.ts';
import type { RoundEntry } from './round-index.ts';

export interface Stat {
  min: number | null;
  mean: number | null;
  max: number | null;
}

export interface TrendRow {
  /** YYYY-MM-DD for daily rows, YYYY-MM for monthly rows. */
  key: string;
  readings: number;
  temp: Stat;
  rh: Stat;
  dew: Stat;
  /** Readings with a metric outside its normal band (dew point: outside its warning band). */
  outNormal: number;
  /** Readings outside the ASHRAE recommended envelope. */
  outRecommended: number;
  /** Readings outside the allowable (critical) limits. */
  outCritical: number;
  /** Shares 0…1 of the three above; null without readings. */
  outNormalShare: number | null;
  outRecommendedShare: number | null;
  outCriticalShare: number | null;
  excursions: number;
  /** Monthly rows: days with at least one excursion start. */
  excursionDays: number;
}

export interface Excursion {
  room: string;
  point: string;
  startDate: string;
  startTime: string;
  startUrl: string;
  endDate: string;
  endTime: string;
  endUrl: string;
  readings: number;
  worst: Level;
  peakTemp: number | null;
  peakRh: number | null;
  /** Still going at the room's latest reading of this point. */
  ongoing: boolean;
}

export interface RoomTrends {
  room: string;
  daily: TrendRow[];
  monthly: TrendRow[];
  excursions: Excursion[];
}

interface Acc {
  key: string;
  t: number[];
  h: number[];
  d: number[];
  n: number;
  outNormal: number;
  outRecommended: number;
  outCritical: number;
  excursions: number;
  excursionDays: Set<string>;
}

const newAcc = (key: string): Acc => ({ key, t: [], h: [], d: [], n: 0, outNormal: 0, outRecommended: 0, outCritical: 0, excursions: 0, excursionDays: new Set() });

function stat(xs: number[]): Stat {
  if (xs.length === 0) return { min: null, mean: null, max: null };
  let min = xs[0]!;
  let max = xs[0]!;
  let sum = 0;
  for (const x of xs) {
    if (x < min) min = x;
    if (x > max) max = x;
    sum += x;
  }
  return { min, mean: Math.round((sum / xs.length) * 1000) / 1000, max };
}

function finish(a: Acc): TrendRow {
  const share = (k: number) => (a.n === 0 ? null : k / a.n);
  return {
    key: a.key,
    readings: a.n,
    temp: stat(a.t),
    rh: stat(a.h),
    dew: stat(a.d),
    outNormal: a.outNormal,
    outRecommended: a.outRecommended,
    outCritical: a.outCritical,
    outNormalShare: share(a.outNormal),
    outRecommendedShare: share(a.outRecommended),
    outCriticalShare: share(a.outCritical),
    excursions: a.excursions,
    excursionDays: a.excursionDays.size,
  };
}

/** Trends for every room that has rounds; `entries` in the round index order (room, date, shift). */
export function computeTrends(entries: readonly RoundEntry[]): Map<string, RoomTrends> {
  const out = new Map<string, RoomTrends>();
  let i = 0;
  while (i < entries.length) {
    const room = entries[i]!.room;
    let j = i;
    while (j < entries.length && entries[j]!.room === room) j++;
    out.set(room, roomTrends(room, entries.slice(i, j)));
    i = j;
  }
  return out;
}

function roomTrends(room: string, rounds: readonly RoundEntry[]): RoomTrends {
  const days = new Map<string, Acc>();
  const months = new Map<string, Acc>();
  const open = new Map<string, Excursion>();
  const excursions: Excursion[] = [];

  for (const e of rounds) {
    const day = days.get(e.date) ?? newAcc(e.date);
    days.set(e.date, day);
    const month = months.get(e.ym) ?? newAcc(e.ym);
    months.set(e.ym, month);
    const readings = e.evaluation.readings
      .filter((r) => r.assessed && r.level !== null)
      .sort((a, b) => a.time.localeCompare(b.time) || a.index - b.index);
    for (const r of readings) {
      const raw = e.record.readings[r.index];
      const t = typeof raw?.temperature_c === 'number' && Number.isFinite(raw.temperature_c) ? raw.temperature_c : null;
      const h = typeof raw?.humidity_pct === 'number' && Number.isFinite(raw.humidity_pct) ? raw.humidity_pct : null;
      const outNormal =
        (r.temperatureLevel !== null && r.temperatureLevel !== 'normal') ||
        (r.humidityLevel !== null && r.humidityLevel !== 'normal') ||
        (r.dewPointLevel !== null && r.dewPointLevel !== 'normal');
      const critical = r.temperatureLevel === 'critical' || r.humidityLevel === 'critical' || r.dewPointLevel === 'critical';
      for (const a of [day, month]) {
        a.n++;
        if (t !== null) a.t.push(t);
        if (h !== null) a.h.push(h);
        if (r.dewPointC !== null) a.d.push(r.dewPointC);
        if (outNormal) a.outNormal++;
        if (r.outsideRecommended) a.outRecommended++;
        if (critical) a.outCritical++;
      }

      // Excursions follow the reading level, which includes a too-fast temperature change.
      const level = r.level ?? 'normal';
      const current = open.get(r.point);
      if (level === 'normal') {
        if (current) open.delete(r.point);
        continue;
      }
      if (current) {
        current.endDate = e.date;
        current.endTime = r.time;
        current.endUrl = e.url;
        current.readings++;
        if (level === 'critical') current.worst = 'critical';
        current.peakTemp = maxOrNull(current.peakTemp, t);
        current.peakRh = maxOrNull(current.peakRh, h);
        continue;
      }
      const x: Excursion = {
        room,
        point: r.point,
        startDate: e.date,
        startTime: r.time,
        startUrl: e.url,
        endDate: e.date,
        endTime: r.time,
        endUrl: e.url,
        readings: 1,
        worst: level,
        peakTemp: t,
        peakRh: h,
        ongoing: false,
      };
      open.set(r.point, x);
      excursions.push(x);
      day.excursions++;
      month.excursions++;
      month.excursionDays.add(e.date);
    }
  }
  for (const x of open.values()) x.ongoing = true;
  return {
    room,
    daily: [...days.values()].map(finish),
    monthly: [...months.values()].map(finish),
    excursions,
  };
}

function maxOrNull(a: number | null, b: number | null): number | null {
  if (a === null) return b;
  if (b === null) return a;
  return Math.max(a, b);
}
