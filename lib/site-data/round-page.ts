/**
 * The page of one round, laid out as the official paper forms. Built on demand for the page being
 * rendered (the pagination array holds only {i, url}), from what the build already computed once:
 * the evaluation, the approval and the SOP timing. Nothing here re-evaluates or reads git.
 *
 * A page travels (to the content store's hash, to a render worker) as RoundPageData: each device row
 * names its DeviceSheet — the device's name, category and standard conditions, the same on every round
 * of a room — by the sheet's content hash, instead of carrying it. Those texts were ≈16 of a round's
 * ≈20 KB of page data, stringified, hashed, copied to a worker and parsed again for every round; a
 * room has a few dozen sheets. hydrateRoundPage puts them back for the template.
 */
import { createHash } from 'node:crypto';
import type { CheckStatus, Level, ReasonCode, ResolvedThresholds, Verdict } from '../evaluate/index.ts';
import type { ChecklistsRecord, ConfigRecord, RoomRecord } from '../types.generated.ts';
import type { CriteriaView } from './criteria.ts';
import { personOf, type ApprovalView, type HistoryEvent, type PersonView } from './approval.ts';
import { renderMarkdown, renderMarkdownInline } from './markdown.ts';
import type { RoundEntry } from './round-index.ts';
import type { RoundTiming } from './sop-timing.ts';
import { own } from '../own.ts';

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
  /** Who committed the round when it was not the officer (a colleague typing in a paper form); else null. */
  recordedBy: PersonView | null;
  startedAt: string;
  finishedAt: string | null;
  verdict: Verdict;
  counts: RoundEntry['evaluation']['counts'];
  summary: RoundEntry['evaluation']['summary'];
  thresholds: ResolvedThresholds;
  /** The approved criteria version that judged this round (null: today's working files). */
  criteria: CriteriaView | null;
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
  /** Device rows: the device's sheet with this round's values. */
  checks: (Omit<DeviceSheet, 'items'> & {
    no: number;
    status: CheckStatus;
    ok: boolean;
    items: (SheetItem & { value: boolean | number | null; ok: boolean | null })[];
    noteHtml: string;
  })[];
  findings: {
    id: string;
    anchor: string;
    /** The device and/or the sensor point the finding is about (one of them at least). */
    equipment: string | null;
    equipmentName: string | null;
    equipmentUrl: string | null;
    point: string | null;
    pointName: string | null;
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

type PageCheck = RoundPage['checks'][number];
type PageItem = PageCheck['items'][number];

/** A checklist item as the form prints it: its words and its standard. */
export interface SheetItem {
  label: string;
  labelEn: string | null;
  type: 'boolean' | 'number';
  unit: string | null;
  min: number | null;
  max: number | null;
}

/** What a device row of the maintenance form shows that is the same on every round of its room. */
export interface DeviceSheet {
  equipment: string;
  name: string;
  url: string;
  category: string | null;
  categoryName: string | null;
  categoryNameEn: string | null;
  items: SheetItem[];
}

/** A round page as it travels: device rows name their sheet (its content hash) and carry only this round's values. */
export interface RoundPageData extends Omit<RoundPage, 'checks'> {
  checks: {
    no: number;
    sheet: string;
    status: PageCheck['status'];
    ok: boolean;
    /** Per sheet item, in its order. */
    values: PageItem['value'][];
    itemOk: PageItem['ok'][];
    noteHtml: string;
  }[];
}

/**
 * The device sheets of a build, each made once and named by its content hash. `onNew` hears of each
 * sheet before the first page that names it is handed on (the build sends it to the render workers).
 */
export class DeviceSheets {
  /** By room, device and category: the sheet last made for them, to compare a round's items against. */
  private readonly latest = new Map<string, { id: string; sheet: DeviceSheet }>();
  readonly byId = new Map<string, DeviceSheet>();

  constructor(private readonly onNew: (id: string, sheet: DeviceSheet) => void = () => {}) {}

  /** The id of the sheet with these texts (`made` builds it when the room's last one differs). */
  idOf(room: string, check: { equipment: string; category: string | null; items: readonly SheetItem[] }, made: () => Omit<DeviceSheet, 'items'>): string {
    const key = `${room}\0${check.equipment}\0${check.category ?? ''}`;
    const known = this.latest.get(key);
    // The texts come from the room and checklist records, fixed for a build; compared anyway, so a
    // page can never show another sheet's texts.
    if (known && sameItems(known.sheet.items, check.items)) {
      const head = made();
      const k = known.sheet;
      if (head.name === k.name && head.url === k.url && head.categoryName === k.categoryName && head.categoryNameEn === k.categoryNameEn) return known.id;
    }
    const sheet: DeviceSheet = {
      ...made(),
      items: check.items.map((it) => ({ label: it.label, labelEn: it.labelEn, type: it.type, unit: it.unit, min: it.min, max: it.max })),
    };
    // 64 bits of the hash: a build has a few hundred sheets, and every device row of every page names one.
    const json = JSON.stringify(sheet);
    const id = createHash('sha1').update(json).digest('hex').slice(0, 16);
    const same = this.byId.get(id);
    if (same === undefined) {
      this.byId.set(id, sheet);
      this.onNew(id, sheet);
    } else if (JSON.stringify(same) !== json) throw new Error(`device sheets ${json} and ${JSON.stringify(same)} share the id ${id}`);
    this.latest.set(key, { id, sheet: same ?? sheet });
    return id;
  }
}

function sameItems(a: readonly SheetItem[], b: readonly SheetItem[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (x.label !== y.label || x.labelEn !== y.labelEn || x.type !== y.type || x.unit !== y.unit || x.min !== y.min || x.max !== y.max) return false;
  }
  return true;
}

/** The page the template shows: each device row with its sheet's texts. A sheet the page names must be known. */
export function hydrateRoundPage(d: RoundPageData, sheetOf: (id: string) => DeviceSheet | undefined): RoundPage {
  return {
    ...d,
    checks: d.checks.map((c) => {
      const sheet = sheetOf(c.sheet);
      if (!sheet) throw new Error(`round page ${d.url}: device sheet ${c.sheet} unknown`);
      return {
        no: c.no,
        equipment: sheet.equipment,
        name: sheet.name,
        url: sheet.url,
        category: sheet.category,
        categoryName: sheet.categoryName,
        categoryNameEn: sheet.categoryNameEn,
        status: c.status,
        ok: c.ok,
        // A literal in the template's field order: one object shape for every item of every page.
        items: sheet.items.map((it, k) => ({ label: it.label, labelEn: it.labelEn, type: it.type, value: c.values[k] ?? null, unit: it.unit, min: it.min, max: it.max, ok: c.itemOk[k] ?? null })),
        noteHtml: c.noteHtml,
      };
    }),
  };
}

export interface RoundPageContext {
  entries: readonly RoundEntry[];
  config: ConfigRecord | undefined;
  checklists: ChecklistsRecord | undefined;
  rooms: ReadonlyMap<string, RoomRecord>;
  sheets: DeviceSheets;
}

export const findingAnchor = (id: string) => `temuan-${id.toLowerCase().replace(/[^a-z0-9-]/g, '-')}`;

export function buildRoundPage(ctx: RoundPageContext, i: number): RoundPageData {
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
    recordedBy: e.history.recordedBy && e.history.recordedBy.id !== r.officer ? e.history.recordedBy : null,
    startedAt: r.started_at,
    finishedAt: r.finished_at ?? null,
    verdict: ev.verdict,
    counts: ev.counts,
    summary: ev.summary,
    thresholds: ev.thresholds,
    criteria: e.criteria,
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
    checks: ev.checks.map((c, k) => ({
      no: k + 1,
      sheet: ctx.sheets.idOf(e.room, c, () => {
        const cat = c.category ? own(ctx.checklists?.categories, c.category) : undefined;
        return {
          equipment: c.equipment,
          name: equipment.get(c.equipment)?.name ?? c.equipment,
          url: `/perangkat/${e.room}/${c.equipment}/`,
          category: c.category,
          categoryName: cat?.name ?? c.category,
          categoryNameEn: cat?.name_en ?? null,
        };
      }),
      status: c.status,
      ok: c.ok,
      values: c.items.map((it) => it.value),
      itemOk: c.items.map((it) => it.ok),
      noteHtml: renderMarkdownInline(r.checks[c.index]?.note),
    })),
    findings: (r.findings ?? []).map((f) => ({
      id: f.id,
      anchor: findingAnchor(f.id),
      equipment: f.equipment ?? null,
      equipmentName: f.equipment ? (equipment.get(f.equipment)?.name ?? f.equipment) : null,
      equipmentUrl: f.equipment ? `/perangkat/${e.room}/${f.equipment}/` : null,
      point: f.point ?? null,
      pointName: f.point ? (points.get(f.point)?.name ?? f.point) : null,
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
