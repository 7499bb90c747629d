import type { Band, Thresholds } from '../types.generated.ts';

type Bands<T> = { [K in keyof T]-?: Band };

/** Thresholds with every band present (a band's min or max may still be absent: unbounded on that side). */
export interface ResolvedThresholds {
  temperature_c: Bands<NonNullable<Thresholds['temperature_c']>>;
  humidity_pct: Bands<NonNullable<Thresholds['humidity_pct']>>;
  dew_point_c: Bands<NonNullable<Thresholds['dew_point_c']>>;
  rate_c_per_hour: number;
}

/**
 * DESIGN.md defaults (ASHRAE TC 9.9 2021; 20–25 °C / 40–60 % RH of Indonesian server-room SOPs),
 * used wherever config.yaml or a room leaves a bound out. Frozen: shared by every evaluation.
 */
export const DEFAULT_THRESHOLDS: ResolvedThresholds = deepFreeze({
  temperature_c: {
    normal: { min: 20, max: 25 },
    warning: { min: 18, max: 27 },
    critical: { min: 15, max: 32 },
  },
  humidity_pct: {
    normal: { min: 40, max: 60 },
    warning: { max: 60 },
    critical: { min: 8, max: 80 },
  },
  dew_point_c: {
    warning: { min: -9, max: 15 },
    critical: { max: 17 },
  },
  rate_c_per_hour: 5,
});

// Results of resolveThresholds, so evaluateReading can skip re-merging thresholds it is handed back.
const resolved = new WeakSet<object>();

/**
 * Defaults ← config ← room, merged bound by bound: a room that sets only `temperature_c.normal.max`
 * keeps every other bound from config (or from the defaults where config is silent). A bound that is
 * not a finite number is ignored, so a half-written config never blanks a limit.
 */
export function resolveThresholds(
  configThresholds?: Thresholds | null,
  roomThresholds?: Thresholds | null,
): ResolvedThresholds {
  const layers = [configThresholds, roomThresholds].filter(isObject) as Thresholds[];
  const out: ResolvedThresholds = {
    temperature_c: {
      normal: mergeBand(layers, 'temperature_c', 'normal'),
      warning: mergeBand(layers, 'temperature_c', 'warning'),
      critical: mergeBand(layers, 'temperature_c', 'critical'),
    },
    humidity_pct: {
      normal: mergeBand(layers, 'humidity_pct', 'normal'),
      warning: mergeBand(layers, 'humidity_pct', 'warning'),
      critical: mergeBand(layers, 'humidity_pct', 'critical'),
    },
    dew_point_c: {
      warning: mergeBand(layers, 'dew_point_c', 'warning'),
      critical: mergeBand(layers, 'dew_point_c', 'critical'),
    },
    rate_c_per_hour: DEFAULT_THRESHOLDS.rate_c_per_hour,
  };
  for (const layer of layers) {
    const rate = layer.rate_c_per_hour;
    if (typeof rate === 'number' && Number.isFinite(rate) && rate > 0) out.rate_c_per_hour = rate;
  }
  resolved.add(out);
  return out;
}

// resolveThresholds results by config thresholds, then by room thresholds (NONE for an absent layer).
const NONE = {};
const memo = new WeakMap<object, WeakMap<object, ResolvedThresholds>>();

/**
 * resolveThresholds for evaluateRound, which runs once per round with the same few config and room
 * objects: the merge is done once per pair (loaded records are not mutated) and each call gets its
 * own copy, so no two evaluations share (and could alter) one thresholds object.
 */
export function resolveThresholdsMemo(
  configThresholds?: Thresholds | null,
  roomThresholds?: Thresholds | null,
): ResolvedThresholds {
  const configKey = isObject(configThresholds) ? configThresholds : NONE;
  const roomKey = isObject(roomThresholds) ? roomThresholds : NONE;
  let byRoom = memo.get(configKey);
  if (!byRoom) memo.set(configKey, (byRoom = new WeakMap()));
  let merged = byRoom.get(roomKey);
  if (!merged) byRoom.set(roomKey, (merged = resolveThresholds(configThresholds, roomThresholds)));
  return copyResolved(merged);
}

function copyResolved(t: ResolvedThresholds): ResolvedThresholds {
  const out: ResolvedThresholds = {
    temperature_c: { normal: { ...t.temperature_c.normal }, warning: { ...t.temperature_c.warning }, critical: { ...t.temperature_c.critical } },
    humidity_pct: { normal: { ...t.humidity_pct.normal }, warning: { ...t.humidity_pct.warning }, critical: { ...t.humidity_pct.critical } },
    dew_point_c: { warning: { ...t.dew_point_c.warning }, critical: { ...t.dew_point_c.critical } },
    rate_c_per_hour: t.rate_c_per_hour,
  };
  resolved.add(out);
  return out;
}

/** Thresholds as given when they already came from resolveThresholds, else resolved over the defaults. */
export function ensureResolved(thresholds?: Thresholds | ResolvedThresholds | null): ResolvedThresholds {
  if (thresholds && resolved.has(thresholds)) return thresholds as ResolvedThresholds;
  return resolveThresholds(thresholds);
}

type Metric = 'temperature_c' | 'humidity_pct' | 'dew_point_c';

function mergeBand(layers: readonly Thresholds[], metric: Metric, band: string): Band {
  const defaults = (DEFAULT_THRESHOLDS[metric] as Record<string, Band>)[band] ?? {};
  const out: Band = { ...defaults };
  for (const layer of layers) {
    const group = layer[metric];
    const given = isObject(group) ? (group as Record<string, unknown>)[band] : undefined;
    if (!isObject(given)) continue;
    const { min, max } = given as Record<string, unknown>;
    if (typeof min === 'number' && Number.isFinite(min)) out.min = min;
    if (typeof max === 'number' && Number.isFinite(max)) out.max = max;
  }
  return out;
}

function isObject(value: unknown): value is object {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function deepFreeze<T>(value: T): T {
  if (isObject(value)) {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}
