/**
 * The one deviation model: every departure of a round from the standard (a reading out of its band, a rate
 * of change, a device not *baik*, a measured value out of range, a yes/no item not standard, an open
 * finding), with its level, its cause as data (lib/i18n/deviation-text.ts words it) and its follow-up.
 * Check, the commit message, the review and the site all read these; none judges on its own.
 *
 * Follow-up: the reading's or check's own note, or a finding of the round that names the same sensor
 * point (readings) or device (checks) and is new or changed in this round. A finding carried forward
 * unchanged, or one about something else, follows up nothing.
 */
import type { Finding, RoundRecord } from '../types.generated.ts';
import type { RoundCheckEvaluation, ReadingEvaluation } from './round-verdict.ts';
import type { ResolvedThresholds } from './thresholds.ts';
import type { ReasonCode } from './reading-level.ts';

export type DeviationKind = 'temperature' | 'humidity' | 'dew-point' | 'rate-of-change' | 'device-status' | 'device-value' | 'device-item' | 'open-finding';
export type DeviationLevel = 'warning' | 'critical';
export type FollowUp = { by: 'note' } | { by: 'finding'; finding: string };

export interface Deviation {
  kind: DeviationKind;
  level: DeviationLevel;
  /** Where in the round (JSON pointer): the check and the review name its line. */
  pointer: string;
  point: string | null;
  equipment: string | null;
  time: string | null;
  /** Machine code and values; words in lib/i18n/deviation-text.ts. */
  cause: { code: string; params: Record<string, string | number> };
  followUp: FollowUp | null;
}

export interface DeviationInput {
  round: Partial<Pick<RoundRecord, 'readings' | 'checks' | 'findings'>>;
  readings: readonly ReadingEvaluation[];
  checks: readonly RoundCheckEvaluation[];
  thresholds: ResolvedThresholds;
  /** The room's previous round's findings; null for its first round; undefined when unknown (then every finding counts as new). */
  previousFindings?: readonly Finding[] | null;
}

export function roundDeviations(input: DeviationInput): Deviation[] {
  const fresh = freshFindings(input.round.findings, input.previousFindings);
  const out: Deviation[] = [];
  for (const r of input.readings) out.push(...readingDeviations(r, input, fresh));
  for (const c of input.checks) out.push(...checkDeviations(c, input, fresh));
  asArray(input.round.findings).forEach((f, i) => {
    if (isObject(f) && f.status === 'terbuka' && typeof f.id === 'string') {
      out.push({ kind: 'open-finding', level: 'warning', pointer: `/findings/${i}`, point: str(f.point), equipment: str(f.equipment), time: null, cause: { code: 'finding-open', params: { id: f.id } }, followUp: { by: 'finding', finding: f.id } });
    }
  });
  return out;
}

/** Findings that are new in this round or changed since the previous one: only these follow a deviation up. */
function freshFindings(findings: unknown, previous: readonly Finding[] | null | undefined): Finding[] {
  const list = asArray(findings).filter((f): f is Finding => isObject(f) && typeof f.id === 'string');
  if (!previous) return list;
  const before = new Map(previous.filter(isObject).map((f) => [f.id, sameFields(f)]));
  return list.filter((f) => before.get(f.id) !== sameFields(f));
}

const sameFields = (f: Finding) => JSON.stringify([f.equipment ?? null, f.point ?? null, f.description, f.action ?? null, f.status, f.raised_on ?? null, f.closed_on ?? null]);

const METRIC_KIND = { temperature: 'temperature', humidity: 'humidity', 'dew-point': 'dew-point' } as const;

function readingDeviations(r: ReadingEvaluation, input: DeviationInput, fresh: readonly Finding[]): Deviation[] {
  if (!r.assessed) return [];
  const raw = asArray(input.round.readings)[r.index];
  const reading = isObject(raw) ? raw : {};
  const followUp = str(reading.note)?.trim() ? ({ by: 'note' } as const) : findingFor(fresh, (f) => f.point === r.point);
  const base = { pointer: `/readings/${r.index}`, point: r.point, equipment: null, time: r.time || null, followUp };
  const out: Deviation[] = [];
  for (const reason of r.reasons) {
    if (reason === 'rate-of-change') {
      const v = r.rateViolation;
      out.push({ ...base, kind: 'rate-of-change', level: 'warning', cause: { code: reason, params: { rate: v ? round1(Math.abs(v.ratePerHour)) : 0, limit: input.thresholds.rate_c_per_hour ?? 0 } } });
      continue;
    }
    const metric = metricOf(reason);
    const value = metric === 'temperature' ? reading.temperature_c : metric === 'humidity' ? reading.humidity_pct : r.dewPointC;
    out.push({ ...base, kind: METRIC_KIND[metric], level: reason.endsWith('-critical') ? 'critical' : 'warning', cause: { code: reason, params: { value: typeof value === 'number' ? value : '', limit: limitOf(reason, input.thresholds) ?? '' } } });
  }
  return out;
}

function checkDeviations(c: RoundCheckEvaluation, input: DeviationInput, fresh: readonly Finding[]): Deviation[] {
  const raw = asArray(input.round.checks)[c.index];
  const check = isObject(raw) ? raw : {};
  const followUp = str(check.note)?.trim() ? ({ by: 'note' } as const) : findingFor(fresh, (f) => f.equipment === c.equipment);
  const base = { point: null, equipment: c.equipment, time: null, followUp };
  const out: Deviation[] = [];
  if (c.status !== 'baik') {
    out.push({ ...base, kind: 'device-status', level: c.status === 'rusak' ? 'critical' : 'warning', pointer: `/checks/${c.index}/status`, cause: { code: `status-${c.status}`, params: { equipment: c.equipment } } });
  }
  for (const item of c.outOfRange) {
    const side = item.max !== null && typeof item.value === 'number' && item.value > item.max ? 'above' : 'below';
    out.push({ ...base, kind: 'device-value', level: 'warning', pointer: `/checks/${c.index}/values/${item.itemId}`, cause: { code: `value-${side}`, params: { label: item.label, value: typeof item.value === 'number' ? item.value : '', unit: item.unit ?? '', limit: (side === 'above' ? item.max : item.min) ?? '' } } });
  }
  for (const item of c.failedItems) {
    out.push({ ...base, kind: 'device-item', level: 'warning', pointer: `/checks/${c.index}/items/${item.itemId}`, cause: { code: 'item-not-standard', params: { label: item.label } } });
  }
  return out;
}

function findingFor(fresh: readonly Finding[], names: (f: Finding) => boolean): FollowUp | null {
  const f = fresh.find(names);
  return f ? { by: 'finding', finding: f.id } : null;
}

function metricOf(reason: ReasonCode): 'temperature' | 'humidity' | 'dew-point' {
  return reason.startsWith('temperature') ? 'temperature' : reason.startsWith('humidity') ? 'humidity' : 'dew-point';
}

/** The limit a reason crossed: the band's max for "above", its min for "below". */
function limitOf(reason: ReasonCode, t: ResolvedThresholds): number | null {
  const metric = metricOf(reason);
  const group = metric === 'temperature' ? t.temperature_c : metric === 'humidity' ? t.humidity_pct : t.dew_point_c;
  const bandName = reason.endsWith('-critical') ? 'critical' : reason.endsWith('-warning') ? 'warning' : 'normal';
  const band = (group as Record<string, { min?: number | null; max?: number | null } | undefined>)[bandName];
  const limit = reason.includes('-above-') ? band?.max : band?.min;
  return typeof limit === 'number' ? limit : null;
}

/** The round's verdict from its deviations: the worst level, or ok. */
export function verdictOf(deviations: readonly Deviation[]): 'ok' | 'attention' | 'critical' {
  let verdict: 'ok' | 'attention' | 'critical' = 'ok';
  for (const d of deviations) {
    if (d.level === 'critical') return 'critical';
    verdict = 'attention';
  }
  return verdict;
}

const round1 = (n: number) => Math.round(n * 10) / 10 + 0;
const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);
const asArray = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
function isObject(v: unknown): v is Record<string, any> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
