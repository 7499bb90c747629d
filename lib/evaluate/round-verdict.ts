import type { ChecklistsRecord, RoomRecord, RoundRecord, Thresholds } from '../types.generated.ts';
import { evaluateCheck, normalizeStatus, type CheckEvaluation, type CheckStatus } from './checklist.ts';
import { rateViolations, type RateViolation } from './rate-of-change.ts';
import { evaluateReading, isFiniteNumber, maxLevel, type Level, type ReadingLevels } from './reading-level.ts';
import { resolveThresholds, type ResolvedThresholds } from './thresholds.ts';

export type Verdict = 'ok' | 'attention' | 'critical';
export type SensorPosition = NonNullable<RoomRecord['sensor_points'][number]['position']>;

export interface RoundContext {
  /** config.yaml thresholds; the room's own override is merged on top here. */
  thresholds?: Thresholds | null;
  checklists?: ChecklistsRecord | null;
  /** The round's room; undefined when the round names an unknown room (checks then have no checklist). */
  room?: RoomRecord | null;
  /** The previous round of the same room, for rate of change across rounds (used only on the same date). */
  previous?: Pick<RoundRecord, 'date' | 'readings'> | null;
}

export interface ReadingEvaluation extends ReadingLevels {
  /** Position in round.readings. */
  index: number;
  point: string;
  time: string;
  /** From the room file; null for a point the room does not list. */
  position: SensorPosition | null;
  /**
   * false for outlet (hot-aisle) points: the limits apply at the equipment inlet, and a 38 °C exhaust is
   * normal. Such readings keep their values and dew point but get no levels and are left out of counts,
   * summary and rate of change.
   */
  assessed: boolean;
  /** The rate-of-change violation ending at this reading; it raises the level to at least warning. */
  rateViolation: RateViolation | null;
}

export interface RoundCheckEvaluation extends CheckEvaluation {
  /** Position in round.checks. */
  index: number;
  /** Category id from the room's inventory; null when the equipment is not in the room. */
  category: string | null;
  /** false when the category has no entry in checklists.yaml (or the equipment is unknown). */
  checklistFound: boolean;
}

export interface RoundEvaluation {
  thresholds: ResolvedThresholds;
  readings: ReadingEvaluation[];
  /** Indices of readings with neither a finite temperature nor a finite humidity (blank form rows). */
  ignoredReadings: number[];
  rateViolations: RateViolation[];
  checks: RoundCheckEvaluation[];
  verdict: Verdict;
  counts: {
    readings: Record<Level, number> & { notAssessed: number };
    checks: Record<CheckStatus, number>;
    outOfRangeValues: number;
    failedItems: number;
    missingItems: number;
    openFindings: number;
    closedFindings: number;
  };
  /** Over assessed readings; null when there is no value. Means rounded to 0.01. */
  summary: {
    tempMin: number | null;
    tempMax: number | null;
    tempMean: number | null;
    rhMin: number | null;
    rhMax: number | null;
    rhMean: number | null;
    dewMax: number | null;
  };
}

/**
 * One round against the standard. Verdict: critical when a reading is critical or a device is rusak;
 * attention when a reading is warning, the temperature changed too fast, a measured value is out of
 * range, a yes/no item is false, a device is perlu-perhatian or tidak-diperiksa, or a finding is open;
 * otherwise ok. Missing items and unknown ids are the validator's to report, not a verdict.
 * Never throws, also not on a half-filled round with nulls from a scaffolded form.
 */
export function evaluateRound(round: RoundRecord, context: RoundContext = {}): RoundEvaluation {
  const room = isObject(context.room) ? context.room : null;
  const thresholds = resolveThresholds(context.thresholds, room?.thresholds);
  const positions = new Map<string, SensorPosition | null>();
  for (const sp of asArray(room?.sensor_points)) {
    if (isObject(sp) && typeof sp.id === 'string') positions.set(sp.id, sp.position ?? null);
  }

  // Readings
  const readings: ReadingEvaluation[] = [];
  const ignoredReadings: number[] = [];
  const rawReadings = asArray(round?.readings);
  rawReadings.forEach((raw, index) => {
    const r = isObject(raw) ? raw : {};
    if (!isFiniteNumber(r.temperature_c) && !isFiniteNumber(r.humidity_pct)) {
      ignoredReadings.push(index);
      return;
    }
    const point = typeof r.point === 'string' ? r.point : '';
    const position = positions.get(point) ?? null;
    const assessed = position !== 'outlet';
    const levels = evaluateReading(r, thresholds);
    readings.push({
      ...(assessed ? levels : unassessed(levels)),
      index,
      point,
      time: typeof r.time === 'string' ? r.time : '',
      position,
      assessed,
      rateViolation: null,
    });
  });

  const assessedIndices = new Set(readings.filter((r) => r.assessed).map((r) => r.index));
  const previous = isObject(context.previous) ? context.previous : null;
  const violations = rateViolations(
    rawReadings.map((r, i) => (assessedIndices.has(i) && isObject(r) ? r : {})),
    thresholds.rate_c_per_hour,
    {
      date: typeof round?.date === 'string' ? round.date : undefined,
      previous: previous && {
        date: previous.date,
        readings: asArray(previous.readings).filter(
          (r) => isObject(r) && positions.get(String(r.point)) !== 'outlet',
        ) as RoundRecord['readings'],
      },
    },
  );
  const byIndex = new Map(readings.map((r) => [r.index, r]));
  for (const v of violations) {
    const r = byIndex.get(v.toIndex);
    if (!r) continue;
    r.rateViolation = v;
    r.reasons.push('rate-of-change');
    r.level = maxLevel(r.level ?? 'normal', 'warning');
  }

  // Checks
  const equipmentCategory = new Map<string, string>();
  for (const eq of asArray(room?.equipment)) {
    if (isObject(eq) && typeof eq.id === 'string' && typeof eq.category === 'string') {
      equipmentCategory.set(eq.id, eq.category);
    }
  }
  const categories = isObject(context.checklists?.categories) ? context.checklists.categories : {};
  const checks: RoundCheckEvaluation[] = asArray(round?.checks).map((raw, index) => {
    const check = (isObject(raw) ? raw : {}) as RoundRecord['checks'][number];
    const category = equipmentCategory.get(String(check.equipment)) ?? null;
    const checklist = category !== null && Object.hasOwn(categories, category) ? categories[category] : undefined;
    return { ...evaluateCheck(check, checklist), index, category, checklistFound: isObject(checklist) };
  });

  // Counts, summary, verdict
  const readingCounts = { normal: 0, warning: 0, critical: 0, notAssessed: 0 };
  for (const r of readings) {
    if (r.level === null) readingCounts.notAssessed++;
    else readingCounts[r.level]++;
  }
  const checkCounts: Record<CheckStatus, number> = { baik: 0, 'perlu-perhatian': 0, rusak: 0, 'tidak-diperiksa': 0 };
  for (const c of checks) checkCounts[c.status]++;
  const sum = (f: (c: RoundCheckEvaluation) => unknown[]) => checks.reduce((n, c) => n + f(c).length, 0);
  let openFindings = 0;
  let closedFindings = 0;
  for (const f of asArray(round?.findings)) {
    if (!isObject(f)) continue;
    if (f.status === 'terbuka') openFindings++;
    else if (f.status === 'selesai') closedFindings++;
  }
  const counts: RoundEvaluation['counts'] = {
    readings: readingCounts,
    checks: checkCounts,
    outOfRangeValues: sum((c) => c.outOfRange),
    failedItems: sum((c) => c.failedItems),
    missingItems: sum((c) => c.missingItems),
    openFindings,
    closedFindings,
  };

  let verdict: Verdict = 'ok';
  if (readingCounts.critical > 0 || checkCounts.rusak > 0) verdict = 'critical';
  else if (
    readingCounts.warning > 0 ||
    violations.length > 0 ||
    counts.outOfRangeValues > 0 ||
    counts.failedItems > 0 ||
    checkCounts['perlu-perhatian'] > 0 ||
    checkCounts['tidak-diperiksa'] > 0 ||
    openFindings > 0
  ) {
    verdict = 'attention';
  }

  return {
    thresholds,
    readings,
    ignoredReadings,
    rateViolations: violations,
    checks,
    verdict,
    counts,
    summary: summarize(readings.filter((r) => r.assessed), rawReadings),
  };
}

function unassessed(levels: ReadingLevels): ReadingLevels {
  return {
    ...levels,
    temperatureLevel: null,
    humidityLevel: null,
    dewPointLevel: null,
    level: null,
    outsideRecommended: false,
    outsideRecommendedBy: [],
    reasons: [],
  };
}

function summarize(readings: readonly ReadingEvaluation[], raw: readonly unknown[]): RoundEvaluation['summary'] {
  const temps: number[] = [];
  const rhs: number[] = [];
  const dews: number[] = [];
  for (const r of readings) {
    const source = raw[r.index] as Record<string, unknown>;
    if (isFiniteNumber(source.temperature_c)) temps.push(source.temperature_c);
    if (isFiniteNumber(source.humidity_pct)) rhs.push(source.humidity_pct);
    if (r.dewPointC !== null) dews.push(r.dewPointC);
  }
  return {
    tempMin: min(temps),
    tempMax: max(temps),
    tempMean: mean(temps),
    rhMin: min(rhs),
    rhMax: max(rhs),
    rhMean: mean(rhs),
    dewMax: max(dews),
  };
}

// Loops rather than Math.min(...xs): a logger import can hold more values than the argument limit.
function min(xs: readonly number[]): number | null {
  let m: number | null = null;
  for (const x of xs) if (m === null || x < m) m = x;
  return m;
}
function max(xs: readonly number[]): number | null {
  let m: number | null = null;
  for (const x of xs) if (m === null || x > m) m = x;
  return m;
}
function mean(xs: readonly number[]): number | null {
  if (xs.length === 0) return null;
  let s = 0;
  for (const x of xs) s += x;
  return Math.round((s / xs.length) * 100) / 100 + 0;
}

function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

function isObject(value: unknown): value is Record<string, any> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
