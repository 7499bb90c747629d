/**
 * Everything the archive site shows, computed once per build from the loaded archive, the
 * evaluations and the one git-history read. Language-neutral: numbers, ISO dates and codes; the
 * templates format them (lib/format) and word them (lib/i18n/site-strings.ts) per language.
 */
import { demoPublicKeys } from '../demo/demo-history.ts';
import { auditView, type AuditView } from './audit-view.ts';
import { integrityIssues, type IntegrityIssue } from '../git/archive-integrity.ts';
import type { ArchiveHistory } from '../git/history.ts';
import type { Archive, LoadedRecord } from '../load/archive.ts';
import { peekEvaluation } from '../check.ts';
import type { Problem } from '../problems.ts';
import { resolveThresholds, type ResolvedThresholds, type RoundEvaluation } from '../evaluate/index.ts';
import type { RoomRecord, RoundRecord } from '../types.generated.ts';
import { personOf, type PersonView } from './approval.ts';
import { deviceHistories, type DeviceView } from './device-history.ts';
import { compareFindings, findingsBoard, type FindingView } from './findings-board.ts';
import { homeView, type HomeView } from './home.ts';
import { maintenanceViews, type MaintenanceView } from './maintenance-list.ts';
import { monthlyRecaps, monthsBetween, type AsOf, type MonthRecap } from './monthly-recap.ts';
import { buildRoundPage, DeviceSheets, type RoundPageData } from './round-page.ts';
import { sortRounds } from '../load/round-order.ts';
import { roundEntry, roundRow, roundSummary, type RoundEntry, type RoundRow, type RoundSummary } from './round-index.ts';
import { dueSlots, scheduleStart, slotKey, type Slot } from './sop-timing.ts';
import { computeTrends, type Excursion, type RoomTrends, type TrendRow } from './trends.ts';
import { own } from '../own.ts';

export interface RoomView {
  id: string;
  name: string;
  location: string | null;
  /** /perangkat/<room>/ anchor on the inventory page. */
  anchor: string;
  formUrl: string;
  trendUrl: string;
  thresholds: ResolvedThresholds;
  sensorPoints: { id: string; name: string; position: string | null; logger: string | null }[];
  equipment: { id: string; name: string; category: string; categoryName: string; categoryNameEn: string | null; url: string; brand: string | null; model: string | null; serial: string | null; rack: string | null; latestStatus: string | null }[];
  /** The blank paper form: each device with its checklist items. */
  form: { id: string; name: string; categoryName: string; categoryNameEn: string | null; items: { label: string; labelEn: string | null; type: 'boolean' | 'number'; unit: string | null; min: number | null; max: number | null }[] }[];
}

export interface MonthLink {
  ym: string;
  url: string;
  rounds: number;
  rooms: { room: string; url: string; rounds: number }[];
}

export interface SiteModel {
  generatedAt: string;
  asOf: AsOf;
  demo: boolean;
  organization: { government: string; agency: string; division: string | null; section: string; address: string | null; city: string | null };
  sop: { number: string | null; title: string | null; approvedOn: string | null };
  standards: { handover: number; inspection: number; recording: number; archiving: number } | null;
  shifts: { id: string; name: string; start: string; end: string }[];
  kasi: PersonView[];
  names: { rooms: Record<string, string>; staff: Record<string, string>; shifts: Record<string, string>; points: Record<string, Record<string, string>>; equipment: Record<string, Record<string, string>> };
  history: { available: boolean; shallow: boolean; head: string | null; error: string | null };
  problems: { errors: number; warnings: number; files: string[] };
  rooms: RoomView[];
  home: HomeView;
  months: MonthLink[];
  roundMonths: { ym: string; url: string; rows: RoundRow[]; prev: string | null; next: string | null }[];
  roomMonths: { ym: string; room: string; url: string; rows: RoundRow[] }[];
  rounds: number;
  devices: DeviceView[];
  findings: FindingView[];
  maintenance: MaintenanceView[];
  trends: { room: string; url: string; daily: TrendRow[]; recentDaily: TrendRow[]; monthly: (TrendRow & { url: string })[]; excursions: Excursion[] }[];
  trendMonths: { room: string; ym: string; url: string; rows: TrendRow[]; excursions: Excursion[]; prev: string | null; next: string | null }[];
  recaps: MonthRecap[];
  missed: Slot[];
  audit: AuditView;
}

export interface SiteInputs {
  archive: Archive;
  evaluations: ReadonlyMap<string, RoundEvaluation>;
  problems: readonly Problem[];
  history: ArchiveHistory | null;
  historyError: string | null;
  asOf: AsOf;
  generatedAt: string;
  /** Days of daily rows on the Tren overview. */
  recentDays?: number;
  /** Integrity issues the build found (default: those of the history alone). */
  integrity?: IntegrityIssue[];
}

export interface SiteData {
  model: SiteModel;
  /** Every round's list row, in the round index order (room, date, shift). */
  rows: RoundRow[];
}

/**
 * One room's rounds as full entries (record + evaluation), handed to the build while they are in
 * memory: its round pages and downloads are written from here, then the entries are dropped.
 */
export interface RoomRounds {
  room: string;
  entries: readonly RoundEntry[];
  /** The page of entries[k]: built on demand, so a page is held only while it is written. Its device sheets are in `sheets`. */
  page(k: number): RoundPageData;
}

/**
 * Computes the site model room by room: only one room's full entries are alive at a time (at
 * 200,000 rounds all of them would need ≈6 GB), and what outlives a room is small — list rows,
 * recap summaries, trend rows, device runs, findings. `onRoom` is called once per room with rounds;
 * the round pages it builds name their device sheets, kept (and announced) by `sheets`.
 */
export function buildSiteData(inp: SiteInputs, onRoom?: (r: RoomRounds) => void, sheets = new DeviceSheets()): SiteData {
  const { archive, asOf } = inp;
  const config = archive.config?.data;
  const checklists = archive.checklists?.data;
  const rooms = new Map<string, RoomRecord>([...archive.rooms].map(([id, r]) => [id, r.data]));
  const maintenance = maintenanceViews(archive.maintenance, inp.history, config);

  const byRoom = new Map<string, LoadedRecord<RoundRecord>[]>();
  for (const r of sortRounds(archive)) {
    const room = r.data.room;
    (byRoom.get(room) ?? byRoom.set(room, []).get(room)!).push(r);
  }
  const rows: RoundRow[] = [];
  const summaries: RoundSummary[] = [];
  const latest: RoundEntry[] = [];
  const trendsByRoom = new Map<string, RoomTrends>();
  const devices: DeviceView[] = [];
  const findingLists: FindingView[][] = [];
  let firstRound: string | null = null;
  let lastRound: string | null = null;
  const roomOrder = [...new Set([...rooms.keys(), ...byRoom.keys()])].sort((a, b) => a.localeCompare(b));
  for (const room of roomOrder) {
    const list = byRoom.get(room) ?? [];
    const offset = rows.length;
    const entries = list.map((r, k) => roundEntry(archive, r, offset + k, inp.history, peekEvaluation(inp.evaluations, r.path)));
    // Findings and their continuity are per room (the checker's rules are too).
    const roomFindings = findingsBoard(entries, maintenance, asOf.date);
    findingLists.push(roomFindings);
    const roomRecord = rooms.get(room);
    if (roomRecord) devices.push(...deviceHistories(new Map([[room, roomRecord]]), checklists, entries, roomFindings, maintenance));
    if (entries.length === 0) continue;
    trendsByRoom.set(room, computeTrends(entries).get(room)!);
    for (const e of entries) {
      rows.push(roundRow(e));
      summaries.push(roundSummary(e));
      if (firstRound === null || e.date < firstRound) firstRound = e.date;
      if (lastRound === null || e.date > lastRound) lastRound = e.date;
    }
    latest.push(entries[entries.length - 1]!);
    const ctx = { entries, config, checklists, rooms, sheets };
    onRoom?.({ room, entries, page: (k) => buildRoundPage(ctx, k) });
  }
  const findings = findingLists.flat().sort(compareFindings);

  // Months from the schedule start (or the first round) to the as-of month.
  const start = [config ? scheduleStart(config) : null, firstRound].filter((d): d is string => d !== null).sort()[0] ?? asOf.date;
  const endMonth = [asOf.date.slice(0, 7), lastRound?.slice(0, 7) ?? ''].sort().pop()!;
  const months = monthsBetween(start.slice(0, 7), endMonth);
  const roomIds = [...rooms.keys()].sort();
  const due = config ? dueSlots(config, roomIds, start, asOf) : [];
  const done = new Set(summaries.map(slotKey));
  const missed = due.filter((s) => !done.has(slotKey(s)));
  const recaps = config
    ? monthlyRecaps({ config, rooms: roomIds, entries: summaries, due, trends: trendsByRoom, findings, maintenance, months, asOf })
    : [];

  // Round lists by month, and by month and room (rows are in room order; k keeps it for ties).
  const chrono = rows.map((row, k) => ({ row, k })).sort((a, b) => a.row.date.localeCompare(b.row.date) || a.row.room.localeCompare(b.row.room) || a.k - b.k);
  const byMonth = new Map<string, RoundRow[]>();
  const byRoomMonth = new Map<string, { ym: string; room: string; rows: RoundRow[] }>();
  for (const { row } of chrono) {
    const ym = row.date.slice(0, 7);
    (byMonth.get(ym) ?? byMonth.set(ym, []).get(ym)!).push(row);
    const k = `${ym}|${row.room}`;
    (byRoomMonth.get(k) ?? byRoomMonth.set(k, { ym, room: row.room, rows: [] }).get(k)!).rows.push(row);
  }
  const monthUrl = (ym: string) => `/ronde/${ym.slice(0, 4)}/${ym.slice(5, 7)}/`;
  const roomMonthUrl = (ym: string, room: string) => `${monthUrl(ym)}ruang/${room}/`;
  const roundMonthKeys = [...byMonth.keys()];
  const roundMonths = roundMonthKeys.map((ym, k) => ({
    ym,
    url: monthUrl(ym),
    rows: byMonth.get(ym)!,
    prev: k > 0 ? monthUrl(roundMonthKeys[k - 1]!) : null,
    next: k < roundMonthKeys.length - 1 ? monthUrl(roundMonthKeys[k + 1]!) : null,
  }));
  const roomMonths = [...byRoomMonth.values()].map((x) => ({ ...x, url: roomMonthUrl(x.ym, x.room) }));
  const monthLinks: MonthLink[] = roundMonths
    .map((m) => ({
      ym: m.ym,
      url: m.url,
      rounds: m.rows.length,
      rooms: roomMonths.filter((x) => x.ym === m.ym).map((x) => ({ room: x.room, url: x.url, rounds: x.rows.length })),
    }))
    .reverse();

  // Trends
  const recentDays = inp.recentDays ?? 90;
  const trendUrl = (room: string) => `/tren/#tren-${room}`;
  const trendMonthUrl = (room: string, ym: string) => `/tren/${room}/${ym.slice(0, 4)}/${ym.slice(5, 7)}/`;
  const trends: SiteModel['trends'] = [];
  const trendMonths: SiteModel['trendMonths'] = [];
  for (const [room, t] of [...trendsByRoom].sort(([a], [b]) => a.localeCompare(b))) {
    trends.push({
      room,
      url: trendUrl(room),
      daily: t.daily,
      recentDaily: t.daily.slice(-recentDays),
      monthly: t.monthly.map((m) => ({ ...m, url: trendMonthUrl(room, m.key) })),
      excursions: t.excursions,
    });
    const keys = t.monthly.map((m) => m.key);
    keys.forEach((ym, k) =>
      trendMonths.push({
        room,
        ym,
        url: trendMonthUrl(room, ym),
        rows: t.daily.filter((d) => d.key.startsWith(ym)),
        excursions: t.excursions.filter((x: Excursion) => x.startDate.startsWith(ym)),
        prev: k > 0 ? trendMonthUrl(room, keys[k - 1]!) : null,
        next: k < keys.length - 1 ? trendMonthUrl(room, keys[k + 1]!) : null,
      }),
    );
  }

  const latestStatus = new Map(devices.map((d) => [`${d.room}|${d.id}`, d.latest?.status ?? null]));
  const roomViews: RoomView[] = [...archive.rooms].sort(([a], [b]) => a.localeCompare(b)).map(([id, { data: r }]) => ({
    id,
    name: r.name,
    location: r.location ?? null,
    anchor: `ruang-${id}`,
    formUrl: `/formulir/${id}/`,
    trendUrl: trendsByRoom.has(id) ? trendUrl(id) : '/tren/',
    thresholds: resolveThresholds(config?.thresholds, r.thresholds),
    sensorPoints: r.sensor_points.map((p) => ({ id: p.id, name: p.name, position: p.position ?? null, logger: p.logger ?? null })),
    equipment: r.equipment.map((q) => {
      const cat = own(checklists?.categories, q.category);
      return {
        id: q.id,
        name: q.name,
        category: q.category,
        categoryName: cat?.name ?? q.category,
        categoryNameEn: cat?.name_en ?? null,
        url: `/perangkat/${id}/${q.id}/`,
        brand: q.brand ?? null,
        model: q.model ?? null,
        serial: q.serial ?? null,
        rack: q.rack ?? null,
        latestStatus: latestStatus.get(`${id}|${q.id}`) ?? null,
      };
    }),
    form: r.equipment
      .filter((q) => !q.retired || q.retired > asOf.date)
      .map((q) => {
        const cat = own(checklists?.categories, q.category);
        return {
          id: q.id,
          name: q.name,
          categoryName: cat?.name ?? q.category,
          categoryNameEn: cat?.name_en ?? null,
          items: (cat?.items ?? []).map((it) => ({ label: it.label, labelEn: it.label_en ?? null, type: it.type, unit: it.unit ?? null, min: it.min ?? null, max: it.max ?? null })),
        };
      }),
  }));

  const model: SiteModel = {
    ...siteFrame(inp),
    rooms: roomViews,
    home: homeView({ rooms, latest, rows, findings, missed, recaps, today: asOf.date }),
    months: monthLinks,
    roundMonths,
    roomMonths,
    rounds: rows.length,
    devices,
    findings,
    maintenance,
    trends,
    trendMonths,
    recaps,
    missed,
    audit: auditView(inp.history, config, demoPublicKeys(), inp.integrity ?? (inp.history ? integrityIssues(inp.history) : [])),
  };
  return { model, rows };
}

/** The fields every page's frame shows (header, footer, signature names), known before any round is read. */
export type SiteFrame = Pick<SiteModel, 'generatedAt' | 'asOf' | 'demo' | 'organization' | 'sop' | 'standards' | 'shifts' | 'kasi' | 'names' | 'history' | 'problems'>;

export function siteFrame(inp: Pick<SiteInputs, 'archive' | 'problems' | 'history' | 'historyError' | 'asOf' | 'generatedAt'>): SiteFrame {
  const { archive, asOf } = inp;
  const config = archive.config?.data;
  const org = config?.organization;
  const errors = inp.problems.filter((p) => p.severity === 'error');
  return {
    generatedAt: inp.generatedAt,
    asOf,
    demo: config?.demo === true,
    organization: {
      government: org?.government ?? '',
      agency: org?.agency ?? '',
      division: org?.division ?? null,
      section: org?.section ?? '',
      address: org?.address ?? null,
      city: org?.city ?? null,
    },
    sop: { number: config?.sop?.number ?? null, title: config?.sop?.title ?? null, approvedOn: config?.sop?.approved_on ?? null },
    standards: config
      ? {
          handover: config.sop_time_standards.handover_min,
          inspection: config.sop_time_standards.inspection_min,
          recording: config.sop_time_standards.recording_min,
          archiving: config.sop_time_standards.archiving_min,
        }
      : null,
    shifts: (config?.shifts ?? []).map((s) => ({ id: s.id, name: s.name, start: s.start, end: s.end })),
    kasi: (config?.staff ?? []).filter((s) => s.role === 'kasi' && s.active !== false).map((s) => personOf(config, s.id)),
    names: {
      rooms: Object.fromEntries([...archive.rooms].map(([id, r]) => [id, r.data.name])),
      staff: Object.fromEntries((config?.staff ?? []).map((s) => [s.id, s.name])),
      shifts: Object.fromEntries((config?.shifts ?? []).map((s) => [s.id, s.name])),
      points: Object.fromEntries([...archive.rooms].map(([id, r]) => [id, Object.fromEntries(r.data.sensor_points.map((p) => [p.id, p.name]))])),
      equipment: Object.fromEntries([...archive.rooms].map(([id, r]) => [id, Object.fromEntries(r.data.equipment.map((q) => [q.id, q.name]))])),
    },
    history: {
      available: inp.history !== null,
      shallow: inp.history?.shallow ?? false,
      head: inp.history?.head ?? null,
      error: inp.historyError,
    },
    problems: {
      errors: errors.length,
      warnings: inp.problems.length - errors.length,
      files: [...new Set(errors.map((p) => p.file))].sort(),
    },
  };
}
