import type { ChecklistsRecord, Finding, RoomRecord, RoundRecord, Thresholds } from '../types.generated.ts';
import { roundDeviations, verdictOf, type Deviation } from './deviations.ts';
import { evaluateCheck, type ChecklistCategory, type CheckEvaluation, type CheckStatus } from './checklist.ts';
import { rateViolations, type RateViolation } from './rate-of-change.ts';
import { evaluateReading, isFiniteNumber, maxLevel, type Level, type ReadingLevels } from './reading-level.ts';
import { resolveThresholdsMemo, type ResolvedThresholds } from './thresholds.ts';

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
  /**
   * The room's previous round's findings (null: this is its first round): a finding follows a deviation up
   * only when it is new or changed in this round. Undefined when unknown: every finding then counts as new.
   */
  previousFindings?: readonly Finding[] | null;
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
  /** Every departure from the standard, with its cause and follow-up (lib/evaluate/deviations.ts). */
  deviations: Deviation[];
  /** The worst deviation's level: critical, attention (a warning) or ok. */
  verdict: Verdict;
  counts: {
    readings: Record<Level, number> & { notAssessed: number };
    checks: Record<CheckStatus, number>;
    outOfRangeValues: number;
    failedItems: number;
    missingItems: number;
    openFindings: number;
    closedFindings: number;
    /** Deviations by level, and those with no follow-up (no note, no new or changed finding naming it). */
    deviations: { warning: number; critical: number; withoutFollowUp: number };
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
 * One round against the standard. Verdict: the worst of its deviations (lib/evaluate/deviations.ts):
 * critical when a reading is critical or a device is rusak; attention when a reading is warning, the
 * temperature changed too fast, a measured value is out of range, a yes/no item is false, a device is
 * perlu-perhatian or tidak-diperiksa, or a finding is open; otherwise ok. Missing items and unknown ids are the validator's to report, not a verdict.
 * Never throws, also not on a half-filled round with nulls from a scaffolded form.
 */
export function evaluateRound(round: RoundRecord, context: RoundContext = {}): RoundEvaluation {
  const room = isObject(context.room) ? context.room : null;
  const thresholds = resolveThresholdsMemo(context.thresholds, room?.thresholds);
  const lookups = roomLookups(room);
  const positions = lookups.positions;

  // Readings
  const readings: ReadingEvaluation[] = [];
  const ignoredReadings: number[] = [];
  const rawReadings = asArray(round?.readings);
  // What rate of change sees: assessed readings as they are, every other slot an empty reading.
  const rateInput: unknown[] = new Array(rawReadings.length);
  // Evaluations by position in round.readings, to attach rate violations.
  const byIndex: (ReadingEvaluation | undefined)[] = new Array(rawReadings.length);
  for (let index = 0; index < rawReadings.length; index++) {
    rateInput[index] = NO_READING;
    if (!(index in rawReadings)) continue; // a hole in a sparse array: skipped, as forEach would
    const raw = rawReadings[index];
    const r = isObject(raw) ? raw : NO_READING;
    if (!isFiniteNumber(r.temperature_c) && !isFiniteNumber(r.humidity_pct)) {
      ignoredReadings.push(index);
      continue;
    }
    const point = typeof r.point === 'string' ? r.point : '';
    const position = positions.get(point) ?? null;
    const time = typeof r.time === 'string' ? r.time : '';
    const evaluation = readingEvaluation(evaluateReading(r, thresholds), index, point, time, position);
    readings.push(evaluation);
    byIndex[index] = evaluation;
    if (evaluation.assessed) rateInput[index] = r;
  }

  const previous = isObject(context.previous) ? context.previous : null;
  const violations = rateViolations(rateInput as RoundRecord['readings'], thresholds.rate_c_per_hour, {
    date: typeof round?.date === 'string' ? round.date : undefined,
    previous: previous && {
      date: previous.date,
      readings: asArray(previous.readings).filter(
        (r) => isObject(r) && positions.get(String(r.point)) !== 'outlet',
      ) as RoundRecord['readings'],
    },
  });
  for (const v of violations) {
    const r = byIndex[v.toIndex];
    if (!r) continue;
    r.rateViolation = v;
    r.reasons.push('rate-of-change');
    r.level = maxLevel(r.level ?? 'normal', 'warning');
  }

  // Checks
  const targets = lookups.checkTargets(context.checklists?.categories);
  const checks: RoundCheckEvaluation[] = asArray(round?.checks).map((raw, index) => {
    const check = (isObject(raw) ? raw : {}) as RoundRecord['checks'][number];
    const target = targets.get(String(check.equipment)) ?? NO_TARGET;
    return roundCheckEvaluation(evaluateCheck(check, target.checklist), index, target);
  });

  // Counts, summary, verdict
  const readingCounts = { normal: 0, warning: 0, critical: 0, notAssessed: 0 };
  for (const r of readings) {
    if (r.level === null) readingCounts.notAssessed++;
    else readingCounts[r.level]++;
  }
  const checkCounts: Record<CheckStatus, number> = { baik: 0, 'perlu-perhatian': 0, rusak: 0, 'tidak-diperiksa': 0 };
  let outOfRangeValues = 0;
  let failedItems = 0;
  let missingItems = 0;
  for (const c of checks) {
    checkCounts[c.status]++;
    outOfRangeValues += c.outOfRange.length;
    failedItems += c.failedItems.length;
    missingItems += c.missingItems.length;
  }
  let openFindings = 0;
  let closedFindings = 0;
  for (const f of asArray(round?.findings)) {
    if (!isObject(f)) continue;
    if (f.status === 'terbuka') openFindings++;
    else if (f.status === 'selesai') closedFindings++;
  }
  const deviations = roundDeviations({ round: isObject(round) ? round : {}, readings, checks, thresholds, previousFindings: context.previousFindings });
  const deviationCounts = { warning: 0, critical: 0, withoutFollowUp: 0 };
  for (const d of deviations) {
    deviationCounts[d.level]++;
    if (!d.followUp) deviationCounts.withoutFollowUp++;
  }
  const counts: RoundEvaluation['counts'] = {
    readings: readingCounts,
    checks: checkCounts,
    outOfRangeValues,
    failedItems,
    missingItems,
    openFindings,
    closedFindings,
    deviations: deviationCounts,
  };
  const verdict: Verdict = verdictOf(deviations);

  return {
    thresholds,
    readings,
    ignoredReadings,
    rateViolations: violations,
    checks,
    deviations,
    verdict,
    counts,
    summary: summarize(readings, rawReadings),
  };
}

// Stand-in for a reading that is not an object, or that rate of change must not see. Never mutated.
const NO_READING: Record<string, unknown> = Object.freeze({});

/**
 * Written out key by key rather than spread from `levels`: the result is kept for the whole build, and
 * an object literal is built in one step and stored compactly. Keys in ReadingLevels order, then ours.
 * Outlet readings keep their dew point but get no levels (see ReadingEvaluation.assessed).
 */
function readingEvaluation(
  levels: ReadingLevels,
  index: number,
  point: string,
  time: string,
  position: SensorPosition | null,
): ReadingEvaluation {
  const assessed = position !== 'outlet';
  return {
    temperatureLevel: assessed ? levels.temperatureLevel : null,
    humidityLevel: assessed ? levels.humidityLevel : null,
    dewPointLevel: assessed ? levels.dewPointLevel : null,
    level: assessed ? levels.level : null,
    dewPointC: levels.dewPointC,
    outsideRecommended: assessed ? levels.outsideRecommended : false,
    outsideRecommendedBy: assessed ? levels.outsideRecommendedBy : [],
    reasons: assessed ? levels.reasons : [],
    index,
    point,
    time,
    position,
    assessed,
    rateViolation: null,
  };
}

/** Written out key by key for the same reason as readingEvaluation; keys in CheckEvaluation order. */
function roundCheckEvaluation(c: CheckEvaluation, index: number, target: CheckTarget): RoundCheckEvaluation {
  return {
    equipment: c.equipment,
    status: c.status,
    items: c.items,
    missingItems: c.missingItems,
    outOfRange: c.outOfRange,
    failedItems: c.failedItems,
    unknownItems: c.unknownItems,
    misplacedItems: c.misplacedItems,
    ok: c.ok,
    contradictsStatus: c.contradictsStatus,
    index,
    category: target.category,
    checklistFound: target.checklistFound,
  };
}

/** What a check of one piece of equipment is judged against. */
interface CheckTarget {
  /** Category id from the room's inventory; null when the equipment is not in the room. */
  category: string | null;
  checklist: ChecklistCategory | undefined;
  checklistFound: boolean;
}

const NO_TARGET: CheckTarget = { category: null, checklist: undefined, checklistFound: false };

/** Per-room lookups, built once per room object rather than once per round. */
interface RoomLookups {
  /** Sensor point id → position (null when the room gives none). */
  positions: ReadonlyMap<string, SensorPosition | null>;
  /** Equipment id → its category and checklist, for one checklists.yaml `categories` value. */
  checkTargets(categories: unknown): ReadonlyMap<string, CheckTarget>;
}

// Loaded records are not mutated, so a room's lookups stay valid as long as the room object lives.
const roomLookupCache = new WeakMap<object, RoomLookups>();
const NO_ROOM = {};
const NO_CATEGORIES = {};

function roomLookups(room: Record<string, any> | null): RoomLookups {
  const key = room ?? NO_ROOM;
  let lookups = roomLookupCache.get(key);
  if (!lookups) roomLookupCache.set(key, (lookups = buildRoomLookups(room)));
  return lookups;
}

function buildRoomLookups(room: Record<string, any> | null): RoomLookups {
  const positions = new Map<string, SensorPosition | null>();
  for (const sp of asArray(room?.sensor_points)) {
    if (isObject(sp) && typeof sp.id === 'string') positions.set(sp.id, sp.position ?? null);
  }
  const equipmentCategory = new Map<string, string>();
  for (const eq of asArray(room?.equipment)) {
    if (isObject(eq) && typeof eq.id === 'string' && typeof eq.category === 'string') {
      equipmentCategory.set(eq.id, eq.category);
    }
  }
  const byCategories = new WeakMap<object, Map<string, CheckTarget>>();
  return {
    positions,
    checkTargets(categories) {
      const key = isObject(categories) ? categories : NO_CATEGORIES;
      let targets = byCategories.get(key);
      if (!targets) {
        targets = new Map();
        for (const [id, category] of equipmentCategory) {
          const checklist = Object.hasOwn(key, category) ? (key as Record<string, ChecklistCategory>)[category] : undefined;
          targets.set(id, { category, checklist, checklistFound: isObject(checklist) });
        }
        byCategories.set(key, targets);
      }
      return targets;
    },
  };
}

/** One pass over the assessed readings, in order (the sums, and so the means, are the same as before). */
function summarize(readings: readonly ReadingEvaluation[], raw: readonly unknown[]): RoundEvaluation['summary'] {
  let tempMin: number | null = null;
  let tempMax: number | null = null;
  let tempSum = 0;
  let tempCount = 0;
  let rhMin: number | null = null;
  let rhMax: number | null = null;
  let rhSum = 0;
  let rhCount = 0;
  let dewMax: number | null = null;
  for (const r of readings) {
    if (!r.assessed) continue;
    const source = raw[r.index] as Record<string, unknown>;
    const t = source.temperature_c;
    if (isFiniteNumber(t)) {
      if (tempMin === null || t < tempMin) tempMin = t;
      if (tempMax === null || t > tempMax) tempMax = t;
      tempSum += t;
      tempCount++;
    }
    const rh = source.humidity_pct;
    if (isFiniteNumber(rh)) {
      if (rhMin === null || rh < rhMin) rhMin = rh;
      if (rhMax === null || rh > rhMax) rhMax = rh;
      rhSum += rh;
      rhCount++;
    }
    const dew = r.dewPointC;
    if (dew !== null && (dewMax === null || dew > dewMax)) dewMax = dew;
  }
  return {
    tempMin,
    tempMax,
    tempMean: mean(tempSum, tempCount),
    rhMin,
    rhMax,
    rhMean: mean(rhSum, rhCount),
    dewMax,
  };
}

function mean(sum: number, count: number): number | null {
  if (count === 0) return null;
  return Math.round((sum / count) * 100) / 100 + 0;
}

function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

function isObject(value: unknown): value is Record<string, any> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
