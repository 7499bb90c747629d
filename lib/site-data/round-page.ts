/**
 * The page of one round, laid out as the official paper forms. Built on demand for the page being
 * rendered (the pagination array holds only {i, url}), from what the build already computed once:
 * the evaluation, the approval and the SOP timing. Nothing here re-evaluates or reads git.
 */
import type { CheckStatus, Level, ReasonCode, ResolvedThresholds, Verdict } from '../evaluate/index.ts';
import type { ChecklistsRecord, ConfigRecord, RoomRecord } from '../types.generated.ts';
import { personOf, type ApprovalView, type HistoryEvent, type PersonView } from './approval.ts';
import { renderMarkdown, renderMarkdownInline } from './markdown.ts';
import type { RoundEntry } from './round-index.ts';
import type { RoundTiming } from './sop-timing.ts';

export interface RoundPage {
  url: string;
  slug: string;
  path: string;
  blob: string;
  commit: string | null;
  room: { id: string; name: string; location: string | null };
  date: string;
  shift: { id: string; name: string; start: string | null; end: string | null };
  officer: PersonView;
  startedAt: string;
  finishedAt: string | null;
  verdict: Verdict;
  counts: RoundEntry['evaluation']['counts'];
  summary: RoundEntry['evaluation']['summary'];
  thresholds: ResolvedThresholds;
  /** Readings recorded but not judged (outlet points). */
  unassessed: number;
  readings: {
    no: number;
    point: string;
    pointName: string;
    position: string | null;
    time: string;
    temperature: number | null;
    humidity: number | null;
    dewPoint: number | null;
    assessed: boolean;
    level: Level | null;
    temperatureLevel: Level | null;
    humidityLevel: Level | null;
    dewPointLevel: Level | null;
    reasons: ReasonCode[];
    rate: { from: string; deltaC: number; minutes: number; ratePerHour: number } | null;
    source: string | null;
    noteHtml: string;
  }[];
  checks: {
    no: number;
    equipment: string;
    name: string;
    url: string;
    category: string | null;
    categoryName: string | null;
    categoryNameEn: string | null;
    status: CheckStatus;
    ok: boolean;
    items: { label: string; labelEn: string | null; type: 'boolean' | 'number'; value: boolean | number | null; unit: string | null; min: number | null; max: number | null; ok: boolean | null }[];
    noteHtml: string;
  }[];
  findings: {
    id: string;
    anchor: string;
    equipment: string;
    equipmentName: string;
    equipmentUrl: string;
    description: string;
    action: string | null;
    status: 'terbuka' | 'selesai';
    raisedOn: string | null;
    closedOn: string | null;
  }[];
  notesHtml: string;
  approval: ApprovalView;
  history: HistoryEvent[];
  historyTruncated: boolean;
  amendments: { by: PersonView; at: string; reason: string }[];
  timing: RoundTiming;
  prev: { url: string; date: string; shift: string } | null;
  next: { url: string; date: string; shift: string } | null;
}

export interface RoundPageContext {
  entries: readonly RoundEntry[];
  config: ConfigRecord | undefined;
  checklists: ChecklistsRecord | undefined;
  rooms: ReadonlyMap<string, RoomRecord>;
}

export const findingAnchor = (id: string) => `temuan-${id.toLowerCase().replace(/[^a-z0-9-]/g, '-')}`;

export function buildRoundPage(ctx: RoundPageContext, i: number): RoundPage {
  const e = ctx.entries[i];
  if (!e) throw new Error(`no round at index ${i}`);
  const r = e.record;
  const room = ctx.rooms.get(e.room);
  const points = new Map((room?.sensor_points ?? []).map((p) => [p.id, p]));
  const equipment = new Map((room?.equipment ?? []).map((q) => [q.id, q]));
  const shift = ctx.config?.shifts.find((s) => s.id === e.shift);
  const sibling = (k: number) => {
    const s = ctx.entries[k];
    return s && s.room === e.room ? { url: s.url, date: s.date, shift: s.shift } : null;
  };
  const ev = e.evaluation;
  return {
    url: e.url,
    slug: e.slug,
    path: e.path,
    blob: e.blob,
    commit: e.history.commit,
    room: { id: e.room, name: room?.name ?? e.room, location: room?.location ?? null },
    date: e.date,
    shift: { id: e.shift, name: shift?.name ?? e.shift, start: shift?.start ?? null, end: shift?.end ?? null },
    officer: personOf(ctx.config, r.officer),
    startedAt: r.started_at,
    finishedAt: r.finished_at ?? null,
    verdict: ev.verdict,
    counts: ev.counts,
    summary: ev.summary,
    thresholds: ev.thresholds,
    unassessed: ev.readings.filter((x) => !x.assessed).length,
    readings: ev.readings.map((x, k) => {
      const raw = r.readings[x.index];
      return {
        no: k + 1,
        point: x.point,
        pointName: points.get(x.point)?.name ?? x.point,
        position: x.position,
        time: x.time,
        temperature: num(raw?.temperature_c),
        humidity: num(raw?.humidity_pct),
        dewPoint: x.dewPointC,
        assessed: x.assessed,
        level: x.level,
        temperatureLevel: x.temperatureLevel,
        humidityLevel: x.humidityLevel,
        dewPointLevel: x.dewPointLevel,
        reasons: x.reasons,
        rate: x.rateViolation && { from: x.rateViolation.from, deltaC: x.rateViolation.deltaC, minutes: x.rateViolation.minutes, ratePerHour: x.rateViolation.ratePerHour },
        source: raw?.source ?? null,
        noteHtml: renderMarkdownInline(raw?.note),
      };
    }),
    checks: ev.checks.map((c, k) => {
      const q = equipment.get(c.equipment);
      const cat = c.category ? ctx.checklists?.categories[c.category] : undefined;
      return {
        no: k + 1,
        equipment: c.equipment,
        name: q?.name ?? c.equipment,
        url: `/perangkat/${e.room}/${c.equipment}/`,
        category: c.category,
        categoryName: cat?.name ?? c.category,
        categoryNameEn: cat?.name_en ?? null,
        status: c.status,
        ok: c.ok,
        items: c.items.map((it) => ({ label: it.label, labelEn: it.labelEn, type: it.type, value: it.value, unit: it.unit, min: it.min, max: it.max, ok: it.ok })),
        noteHtml: renderMarkdownInline(r.checks[c.index]?.note),
      };
    }),
    findings: (r.findings ?? []).map((f) => ({
      id: f.id,
      anchor: findingAnchor(f.id),
      equipment: f.equipment,
      equipmentName: equipment.get(f.equipment)?.name ?? f.equipment,
      equipmentUrl: `/perangkat/${e.room}/${f.equipment}/`,
      description: f.description,
      action: f.action ?? null,
      status: f.status,
      raisedOn: f.raised_on ?? null,
      closedOn: f.closed_on ?? null,
    })),
    notesHtml: renderMarkdown(r.notes),
    approval: e.history.approval,
    history: e.history.events,
    historyTruncated: e.history.truncated,
    amendments: (r.amendments ?? []).map((a) => ({ by: personOf(ctx.config, a.by), at: a.at, reason: a.reason })),
    timing: e.timing,
    prev: i > 0 ? sibling(i - 1) : null,
    next: sibling(i + 1),
  };
}

function num(x: unknown): number | null {
  return typeof x === 'number' && Number.isFinite(x) ? x : null;
}
