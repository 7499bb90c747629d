import { sortRounds } from '../load/round-order.ts';
import type { Archive, LoadedRecord } from '../load/archive.ts';
import type { ArchiveHistory } from '../git/history.ts';
import { evaluateRound, type RoundEvaluation, type Verdict } from '../evaluate/index.ts';
import type { ChecklistsRecord, ConfigRecord, RoomRecord, RoundRecord } from '../types.generated.ts';
import { criteriaAt, roomAt, sameAsWorking, sameContent, type CriteriaView } from './criteria.ts';
import { recordHistory, type ApprovalState, type RecordHistoryView } from './approval.ts';
import { roundTiming, type RoundTiming } from './sop-timing.ts';

/** One round with everything the build computed about it, once. */
export interface RoundEntry {
  /** Position in the build's round list (room, date, shift order). */
  index: number;
  path: string;
  blob: string;
  record: RoundRecord;
  room: string;
  date: string;
  /** YYYY-MM */
  ym: string;
  shift: string;
  /** File name without .yaml: YYYY-MM-DD-<room>-<shift>. */
  slug: string;
  /** Site path (no base, no language prefix): /ronde/YYYY/MM/<slug>/ */
  url: string;
  evaluation: RoundEvaluation;
  /** The approved thresholds and checklists that judged it; null when the working files did (no anchor). */
  criteria: CriteriaView | null;
  history: RecordHistoryView;
  timing: RoundTiming;
}

export function roundUrl(path: string): { slug: string; url: string } {
  const name = path.slice(path.lastIndexOf('/') + 1).replace(/\.ya?ml$/, '');
  const ym = /^(\d{4})-(\d{2})/.exec(name);
  const y = ym?.[1] ?? '0000';
  const m = ym?.[2] ?? '00';
  return { slug: name, url: `/ronde/${y}/${m}/${name}/` };
}

/**
 * One round with its evaluation (the one given, or evaluated here), approval and SOP timing.
 * `index` is its position in sortRounds' order.
 */
export function roundEntry(
  archive: Archive,
  r: LoadedRecord<RoundRecord>,
  index: number,
  history: ArchiveHistory | null,
  evaluation?: RoundEvaluation,
): RoundEntry {
  const config = archive.config?.data;
  const data = r.data;
  const { slug, url } = roundUrl(r.path);
  return {
    index,
    path: r.path,
    blob: r.blob,
    record: data,
    room: data.room,
    date: data.date,
    ym: data.date.slice(0, 7),
    shift: data.shift,
    slug,
    url,
    ...judged(archive, data, history, evaluation),
    history: recordHistory(history, r.path, r.blob, config),
    timing: config ? roundTiming(data, config, history?.files.get(r.path), history?.forge) : emptyTiming(),
  };
}

/** The round's evaluation under the criteria in force when it was recorded (the check's, when they are today's). */
function judged(archive: Archive, data: RoundRecord, history: ArchiveHistory | null, evaluation: RoundEvaluation | undefined) {
  const working = archive.rooms.get(data.room)?.data;
  // A room's own thresholds are criteria: as approved when the round was recorded. Its inventory (points,
  // equipment, names) is today's file, so a room change approved with the round still names the new device.
  const approvedRoom = history?.anchor ? (roomAt(history.roomVersions?.get(data.room), data.date, data.started_at) as RoomRecord | null) : null;
  const room = approvedRoom && working ? withThresholds(working, approvedRoom.thresholds) : working;
  const version = history ? criteriaAt(history.criteria, data.date, data.started_at) : null;
  const current = (!version || sameAsWorking(version, archive)) && (!approvedRoom || sameContent(approvedRoom.thresholds ?? null, working?.thresholds ?? null));
  const criteria = version ? { commit: version.commit, date: version.date, current } : null;
  if (current) return { criteria, evaluation: evaluation ?? evaluateRound(data, { thresholds: archive.config?.data.thresholds, checklists: archive.checklists?.data, room }) };
  const thresholds = (version ? version.thresholds : archive.config?.data.thresholds) as ConfigRecord['thresholds'];
  const checklists = (version ? (version.checklists ?? undefined) : archive.checklists?.data) as ChecklistsRecord | undefined;
  return { criteria, evaluation: evaluateRound(data, { thresholds, checklists, room }) };
}

function withThresholds(room: RoomRecord, thresholds: RoomRecord['thresholds']): RoomRecord {
  const { thresholds: _today, ...rest } = room;
  return thresholds === undefined ? rest : { ...rest, thresholds };
}

/** Every loaded round as a full entry, in sortRounds' order (small archives and tests; the build goes room by room). */
export function indexRounds(
  archive: Archive,
  evaluations: ReadonlyMap<string, RoundEvaluation>,
  history: ArchiveHistory | null,
): RoundEntry[] {
  return sortRounds(archive).map((r, index) => roundEntry(archive, r, index, history, evaluations.get(r.path)));
}

function emptyTiming(): RoundTiming {
  return { workMin: null, workStandardMin: 0, workWithin: null, handoverMin: null, inShift: null, archiveMin: null, archiveStandardMin: 0, archiveWithin: null, deviations: [] };
}

/** Light row for lists (month pages, home, device history): no readings, no checks. */
export interface RoundRow {
  url: string;
  slug: string;
  room: string;
  date: string;
  shift: string;
  officer: string;
  startedAt: string;
  finishedAt: string | null;
  verdict: Verdict;
  tempMin: number | null;
  tempMax: number | null;
  rhMin: number | null;
  rhMax: number | null;
  warnings: number;
  criticals: number;
  notGood: number;
  openFindings: number;
  approval: RecordHistoryView['approval']['state'];
  workWithin: boolean | null;
}

export function roundRow(e: RoundEntry): RoundRow {
  const c = e.evaluation.counts;
  const s = e.evaluation.summary;
  return {
    url: e.url,
    slug: e.slug,
    room: e.room,
    date: e.date,
    shift: e.shift,
    officer: e.record.officer,
    startedAt: e.record.started_at,
    finishedAt: e.record.finished_at ?? null,
    verdict: e.evaluation.verdict,
    tempMin: s.tempMin,
    tempMax: s.tempMax,
    rhMin: s.rhMin,
    rhMax: s.rhMax,
    warnings: c.readings.warning,
    criticals: c.readings.critical,
    notGood: c.checks['perlu-perhatian'] + c.checks.rusak,
    openFindings: c.openFindings,
    approval: e.history.approval.state,
    workWithin: e.timing.workWithin,
  };
}

/** What the monthly recap keeps of a round once its room is done: a few numbers, not the record. */
export interface RoundSummary {
  index: number;
  room: string;
  date: string;
  ym: string;
  shift: string;
  timing: RoundTiming;
  approval: ApprovalState;
  verdict: Verdict;
  devicesNotGood: number;
}

export function roundSummary(e: RoundEntry): RoundSummary {
  const c = e.evaluation.counts.checks;
  return {
    index: e.index,
    room: e.room,
    date: e.date,
    ym: e.ym,
    shift: e.shift,
    timing: e.timing,
    approval: e.history.approval.state,
    verdict: e.evaluation.verdict,
    devicesNotGood: c['perlu-perhatian'] + c.rusak,
  };
}
