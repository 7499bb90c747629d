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
  const { inner, innerName, critical } = bandsOf(metric, thresholds);
  const outsideCritical = sideOutside(value, critical);
  if (outsideCritical) return { level: 'critical', reason: `${metric}-${outsideCritical}-critical` as ReasonCode };
  const outsideInner = sideOutside(value, inner);
  if (outsideInner) return { level: 'warning', reason: `${metric}-${outsideInner}-${innerName}` as ReasonCode };
  return { level: 'normal', reason: null };
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
  const judge = (metric: Metric, value: number | null): Level | null => {
    if (value === null) return null;
    const { level, reason } = classifyValue(metric, value, t);
    if (reason) reasons.push(reason);
    if (sideOutside(value, bandsOf(metric, t).warning)) outsideRecommendedBy.push(metric);
    return level;
  };
  const temperatureLevel = judge('temperature', temp);
  const humidityLevel = judge('humidity', rh);
  const dewPointLevel = judge('dew-point', dew);

  let level: Level | null = null;
  for (const l of [temperatureLevel, humidityLevel, dewPointLevel]) {
    if (l !== null) level = level === null ? l : maxLevel(level, l);
  }
  return {
    temperatureLevel,
    humidityLevel,
    dewPointLevel,
    level,
    dewPointC: dew,
    outsideRecommended: outsideRecommendedBy.length > 0,
    outsideRecommendedBy,
    reasons,
  };
}

/** `inner` is the band whose inside is normal: `normal`, or for dew point (no normal band) `warning`. */
function bandsOf(
  metric: Metric,
  t: ResolvedThresholds,
): { inner: Band; innerName: 'normal' | 'warning'; warning: Band; critical: Band } {
  if (metric === 'dew-point') return { ...t.dew_point_c, inner: t.dew_point_c.warning, innerName: 'warning' };
  const bands = metric === 'temperature' ? t.temperature_c : t.humidity_pct;
  return { ...bands, inner: bands.normal, innerName: 'normal' };
}

function sideOutside(value: number, band: Band): 'above' | 'below' | null {
  if (isFiniteNumber(band.max) && value > band.max) return 'above';
  if (isFiniteNumber(band.min) && value < band.min) return 'below';
  return null;
}
