import type { Archive, LoadedRecord } from '../load/archive.ts';
import type { ArchiveHistory } from '../git/history.ts';
import { evaluateRound, type RoundEvaluation, type Verdict } from '../evaluate/index.ts';
import type { RoundRecord } from '../types.generated.ts';
import { recordHistory, type RecordHistoryView } from './approval.ts';
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
 * Every loaded round, sorted by room, date and the configured shift order, with its evaluation
 * (taken from checkArchive's, or evaluated here when missing), approval and SOP timing.
 */
export function indexRounds(
  archive: Archive,
  evaluations: ReadonlyMap<string, RoundEvaluation>,
  history: ArchiveHistory | null,
): RoundEntry[] {
  const config = archive.config?.data;
  const shiftOrder = new Map((config?.shifts ?? []).map((s, i) => [s.id, i]));
  const sorted = [...archive.rounds].sort(
    (a, b) =>
      a.data.room.localeCompare(b.data.room) ||
      a.data.date.localeCompare(b.data.date) ||
      (shiftOrder.get(a.data.shift) ?? 99) - (shiftOrder.get(b.data.shift) ?? 99) ||
      a.path.localeCompare(b.path),
  );
  return sorted.map((r: LoadedRecord<RoundRecord>, index) => {
    const evaluation =
      evaluations.get(r.path) ??
      evaluateRound(r.data, {
        thresholds: config?.thresholds,
        checklists: archive.checklists?.data,
        room: archive.rooms.get(r.data.room)?.data,
      });
    const h = recordHistory(history, r.path, r.blob, config);
    const { slug, url } = roundUrl(r.path);
    return {
      index,
      path: r.path,
      blob: r.blob,
      record: r.data,
      room: r.data.room,
      date: r.data.date,
      ym: r.data.date.slice(0, 7),
      shift: r.data.shift,
      slug,
      url,
      evaluation,
      history: h,
      timing: config ? roundTiming(r.data, config, history?.files.get(r.path)) : emptyTiming(),
    };
  });
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
