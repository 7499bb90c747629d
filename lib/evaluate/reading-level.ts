import type { Band, Reading, Thresholds } from '../types.generated.ts';
import { dewPointC } from './dew-point.ts';
import { ensureResolved, type ResolvedThresholds } from './thresholds.ts';

export const LEVELS = ['normal', 'warning', 'critical'] as const;
export type Level = (typeof LEVELS)[number];

export type Metric = 'temperature' | 'humidity' | 'dew-point';

/** Why a reading is not normal; stable machine codes that lib/i18n turns into words. */
export const REASON_CODES = [
  'temperature-above-normal',
  'temperature-below-normal',
  'temperature-above-critical',
  'temperature-below-critical',
  'humidity-above-normal',
  'humidity-below-normal',
  'humidity-above-critical',
  'humidity-below-critical',
  'dew-point-above-warning',
  'dew-point-below-warning',
  'dew-point-above-critical',
  'dew-point-below-critical',
  'rate-of-change',
] as const;
export type ReasonCode = (typeof REASON_CODES)[number];

export interface ReadingLevels {
  /** null when the value is not a finite number (left blank, or not a number: the validator says so). */
  temperatureLevel: Level | null;
  humidityLevel: Level | null;
  /** null when the dew point cannot be computed (a value missing, or RH ≤ 0). */
  dewPointLevel: Level | null;
  /** The worst of the three; null only when neither temperature nor humidity is a finite number. */
  level: Level | null;
  /** Rounded to 0.1 °C, the precision it is shown with, and classified at that precision. */
  dewPointC: number | null;
  /** Outside an ASHRAE recommended (`warning`) band: information, it does not change the level. */
  outsideRecommended: boolean;
  outsideRecommendedBy: Metric[];
  reasons: ReasonCode[];
}

/** The values evaluateReading looks at; a schema-valid Reading fits, and so does a half-filled one. */
export type ReadingValues = {
  readonly [K in 'temperature_c' | 'humidity_pct']?: Reading[K] | null;
};

export function levelRank(level: Level): number {
  return LEVELS.indexOf(level);
}

export function maxLevel(a: Level, b: Level): Level {
  return levelRank(a) >= levelRank(b) ? a : b;
}

export function isFiniteNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

/**
 * One metric against its bands (bounds inclusive). Temperature and humidity: inside `normal` → normal,
 * outside `critical` → critical, otherwise warning. Dew point has no normal band: outside `critical` →
 * critical, outside `warning` (ASHRAE recommended) → warning.
 */
export function classifyValue(
  metric: Metric,
  value: number,
  thresholds: ResolvedThresholds,
): { level: Level; reason: ReasonCode | null } {
  const reason = reasonOf(metric, value, thresholds);
  return { level: levelOfReason(reason), reason };
}

/** Levels of one reading. Never throws: values that are not finite numbers get a null level. */
export function evaluateReading(
  reading: ReadingValues,
  thresholds?: Thresholds | ResolvedThresholds | null,
): ReadingLevels {
  const t = ensureResolved(thresholds);
  const temp = isFiniteNumber(reading?.temperature_c) ? reading.temperature_c : null;
  const rh = isFiniteNumber(reading?.humidity_pct) ? reading.humidity_pct : null;
  const dewRaw = temp === null || rh === null ? null : dewPointC(temp, rh);
  // + 0 turns −0 into 0 so it never prints as "-0".
  const dew = dewRaw === null ? null : Math.round(dewRaw * 10) / 10 + 0;

  const reasons: ReasonCode[] = [];
  const outsideRecommendedBy: Metric[] = [];
  const temperatureLevel = judge('temperature', temp, t, reasons, outsideRecommendedBy);
  const humidityLevel = judge('humidity', rh, t, reasons, outsideRecommendedBy);
  const dewPointLevel = judge('dew-point', dew, t, reasons, outsideRecommendedBy);
  return {
    temperatureLevel,
    humidityLevel,
    dewPointLevel,
    level: worse(worse(temperatureLevel, humidityLevel), dewPointLevel),
    dewPointC: dew,
    outsideRecommended: outsideRecommendedBy.length > 0,
    outsideRecommendedBy,
    reasons,
  };
}

// Runs once per metric of every reading of every round: it appends to the caller's arrays and
// allocates nothing itself.
function judge(
  metric: Metric,
  value: number | null,
  t: ResolvedThresholds,
  reasons: ReasonCode[],
  outsideRecommendedBy: Metric[],
): Level | null {
  if (value === null) return null;
  const reason = reasonOf(metric, value, t);
  if (reason !== null) reasons.push(reason);
  if (sideOutside(value, groupOf(metric, t).warning)) outsideRecommendedBy.push(metric);
  return levelOfReason(reason);
}

/** The worse of two levels, where null (no value) loses to any level. */
function worse(a: Level | null, b: Level | null): Level | null {
  if (a === null) return b;
  return b === null ? a : maxLevel(a, b);
}

type Side = 'above' | 'below';
type BandGroup = { normal?: Band; warning: Band; critical: Band };

// Reason codes by metric, side and band, built once so that classifying a value builds no string.
// (Only the combinations reasonOf asks for are REASON_CODES: there is no temperature-…-warning.)
const REASON_BY = Object.fromEntries(
  (['temperature', 'humidity', 'dew-point'] as const).map((metric) => [
    metric,
    {
      above: { normal: `${metric}-above-normal`, warning: `${metric}-above-warning`, critical: `${metric}-above-critical` },
      below: { normal: `${metric}-below-normal`, warning: `${metric}-below-warning`, critical: `${metric}-below-critical` },
    },
  ]),
) as Record<Metric, Record<Side, Record<'normal' | 'warning' | 'critical', ReasonCode>>>;

/**
 * Why the value is not normal, or null: outside `critical`, else outside the band whose inside is
 * normal (`normal`, or for dew point, which has no normal band, `warning`).
 */
function reasonOf(metric: Metric, value: number, t: ResolvedThresholds): ReasonCode | null {
  const group = groupOf(metric, t);
  const outsideCritical = sideOutside(value, group.critical);
  if (outsideCritical) return REASON_BY[metric][outsideCritical].critical;
  const innerName = metric === 'dew-point' ? 'warning' : 'normal';
  const outsideInner = sideOutside(value, group[innerName] as Band);
  return outsideInner ? REASON_BY[metric][outsideInner][innerName] : null;
}

function levelOfReason(reason: ReasonCode | null): Level {
  if (reason === null) return 'normal';
  return reason.endsWith('-critical') ? 'critical' : 'warning';
}

function groupOf(metric: Metric, t: ResolvedThresholds): BandGroup {
  if (metric === 'temperature') return t.temperature_c;
  return metric === 'humidity' ? t.humidity_pct : t.dew_point_c;
}

function sideOutside(value: number, band: Band): Side | null {
  if (isFiniteNumber(band.max) && value > band.max) return 'above';
  if (isFiniteNumber(band.min) && value < band.min) return 'below';
  return null;
}
