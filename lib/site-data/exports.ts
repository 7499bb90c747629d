/**
 * Downloads (Unduh): readings and checks as CSV and whole rounds as JSON, per month and for the
 * whole archive.
 *
 * CSV is written for Excel as Indonesian offices use it: UTF-8 with a BOM (so Excel does not read it
 * as ANSI), `;` as the separator and a decimal comma — the id-ID list and decimal separators, which
 * Excel takes from Windows' regional settings; a `,`-separated file opens as one column there, and
 * "22.4" would be read as text or a date. No `sep=;` line: Excel ignores the BOM when it sees one.
 * Headers are the data contract's field names (language-neutral, the same for both site languages).
 * Text cells starting with = + - @ are prefixed with ' so Excel never runs them as formulas.
 * JSON keeps plain numbers (decimal point) for other tools.
 */
import { stringify } from 'csv-stringify/sync';
import { csvNumber } from '../format/numbers.ts';
import { remembered } from '../format/remembered.ts';
import type { RoundEntry } from './round-index.ts';

export const BOM = '\uFEFF';

/** Text of a download piece: a string, or UTF-8 bytes as read back from the content store (never decoded). */
export type PartText = string | Uint8Array;

/** A piece of an export file; files are written chunk by chunk, so no file is ever one huge string. */
export interface ExportChunk {
  /** File name under /unduh/. */
  name: string;
  kind: 'readings-csv' | 'checks-csv' | 'json';
  /** YYYY-MM, or null for the whole archive. */
  month: string | null;
  text: PartText;
  /** Data rows (CSV) or rounds (JSON) in this chunk. */
  rows: number;
}

export interface ExportLink {
  name: string;
  kind: ExportChunk['kind'];
  month: string | null;
  bytes: number;
  rows: number;
  /** Set when the file is assembled: a CSV with more rows than one Excel worksheet holds. */
  excelTooLarge?: boolean;
}

/** Rows of one Excel worksheet, the header row included. */
export const EXCEL_MAX_ROWS = 1_048_576;

/** A CSV download Excel cannot open whole (it stops at EXCEL_MAX_ROWS, silently for many users). */
export const tooLargeForExcel = (f: Pick<ExportLink, 'kind' | 'rows'>): boolean => f.kind !== 'json' && f.rows + 1 > EXCEL_MAX_ROWS;

export const READING_COLUMNS = [
  'room', 'date', 'shift', 'officer', 'point', 'position', 'time',
  'temperature_c', 'humidity_pct', 'dew_point_c', 'level', 'approval', 'file',
] as const;

export const CHECK_COLUMNS = [
  'room', 'date', 'shift', 'officer', 'equipment', 'category', 'status',
  'item', 'item_label', 'value', 'unit', 'min', 'max', 'meets_standard', 'note', 'approval', 'file',
] as const;

const text = (v: unknown): string => {
  if (v === null || v === undefined) return '';
  const s = String(v);
  return /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
};
const yesNo = (v: boolean | null) => (v === null ? '' : v ? 'ya' : 'tidak');

export function readingRows(e: RoundEntry): string[][] {
  return e.evaluation.readings.map((r) => {
    const raw = e.record.readings[r.index];
    return [
      text(e.room), e.date, text(e.shift), text(e.record.officer), text(r.point), r.position ?? '', text(r.time),
      csvNumber(raw?.temperature_c, true), csvNumber(raw?.humidity_pct, true), csvNumber(r.dewPointC, true),
      r.assessed ? (r.level ?? '') : 'tidak-dinilai', e.history.approval.state, e.path,
    ];
  });
}

export function checkRows(e: RoundEntry): string[][] {
  const out: string[][] = [];
  for (const c of e.evaluation.checks) {
    const note = text(e.record.checks[c.index]?.note ?? '');
    const base = [text(e.room), e.date, text(e.shift), text(e.record.officer), text(c.equipment), text(c.category ?? ''), c.status];
    if (c.items.length === 0) {
      out.push([...base, '', '', '', '', '', '', '', note, e.history.approval.state, e.path]);
      continue;
    }
    for (const i of c.items) {
      const value = typeof i.value === 'number' ? csvNumber(i.value, true) : typeof i.value === 'boolean' ? yesNo(i.value) : '';
      out.push([
        ...base, text(i.itemId), text(i.label), value, text(i.unit ?? ''), csvNumber(i.min, true), csvNumber(i.max, true),
        yesNo(i.ok), note, e.history.approval.state, e.path,
      ]);
    }
  }
  return out;
}

const CSV_OPTIONS = { delimiter: ';', record_delimiter: '\r\n', quoted_match: /[;"\r\n]/ } as const;
/**
 * One field as csv-stringify writes it, remembered: a record is its fields joined by the delimiter, and an
 * archive's fields repeat (paths, dates, labels, values — ≈20,000 distinct among ≈10 million at 11,000
 * rounds), so the library runs once per distinct value instead of once per field (it was most of a build's
 * download cost).
 */
const csvField = (v: string): string => remembered('csv-field', v, () => stringify([[v]], CSV_OPTIONS).slice(0, -CSV_OPTIONS.record_delimiter.length));
const csvLine = (fields: readonly string[]): string => fields.map(csvField).join(CSV_OPTIONS.delimiter) + CSV_OPTIONS.record_delimiter;
export const csvRows = (rows: readonly (readonly string[])[]): string => rows.map(csvLine).join('');
const csvHeader = (columns: readonly string[]) => BOM + csvRows([columns as string[]]);

export function toCsv(columns: readonly string[], rows: string[][]): string {
  return csvHeader(columns) + csvRows(rows);
}

export function roundJson(e: RoundEntry): Record<string, unknown> {
  const a = e.history.approval;
  return {
    file: e.path,
    blob: e.blob,
    room: e.room,
    date: e.date,
    shift: e.shift,
    officer: e.record.officer,
    started_at: e.record.started_at,
    finished_at: e.record.finished_at ?? null,
    verdict: e.evaluation.verdict,
    approval: { state: a.state, reason: a.reason, by: a.by?.id ?? null, date: a.date, commit: a.commit },
    readings: e.evaluation.readings.map((r) => ({
      ...e.record.readings[r.index],
      dew_point_c: r.dewPointC,
      assessed: r.assessed,
      level: r.level,
    })),
    checks: e.evaluation.checks.map((c) => ({
      ...e.record.checks[c.index],
      category: c.category,
      meets_standard: c.ok,
      out_of_range: c.outOfRange.map((i) => i.itemId),
      failed_items: c.failedItems.map((i) => i.itemId),
    })),
    findings: e.record.findings ?? [],
    notes: e.record.notes ?? null,
    amendments: e.record.amendments ?? [],
  };
}

/** The downloads of some rounds of ONE month (the build writes one per room and month), as text. */
export interface MonthPart {
  ym: string;
  readings: PartText;
  readingRows: number;
  checks: PartText;
  checkRows: number;
  /** The rounds as JSON objects joined by ",\n" (no brackets). */
  json: PartText;
  rounds: number;
}

/** `entries` all of month `ym`, in the order their rows should appear. */
export function monthPart(ym: string, entries: readonly RoundEntry[]): MonthPart & { readings: string; checks: string; json: string } {
  // Round by round: a round's rows are garbage before the next round's are made, instead of a month's
  // ≈4,000 rows alive at once (less copying by the garbage collector; ≈1 s of CPU at 11,000 rounds).
  let readingRowCount = 0;
  let checkRowCount = 0;
  const readings: string[] = [];
  const checks: string[] = [];
  const json: string[] = [];
  for (const e of entries) {
    const r = readingRows(e);
    const c = checkRows(e);
    readingRowCount += r.length;
    checkRowCount += c.length;
    readings.push(csvRows(r));
    checks.push(csvRows(c));
    json.push(JSON.stringify(roundJson(e)));
  }
  return { ym, readings: readings.join(''), readingRows: readingRowCount, checks: checks.join(''), checkRows: checkRowCount, json: json.join(',\n'), rounds: entries.length };
}

/**
 * The download files as a stream of chunks, from month parts in month order (several parts of a
 * month — one per room — in a row): each month's readings CSV, checks CSV and JSON, every part also
 * appended to the whole-archive file of its kind. Chunks of one file arrive in order, so no file is
 * ever one huge string.
 */
export function* assembleExports(parts: Iterable<MonthPart>, meta: { generatedAt: string; demo: boolean }): Generator<ExportChunk> {
  const jsonHead = (month: string | null) =>
    `{"source":"Ronda","generated_at":${JSON.stringify(meta.generatedAt)},"demo":${meta.demo},"month":${JSON.stringify(month)},"rounds":[\n`;
  const whole = { readings: 'ronda-pembacaan-semua.csv', checks: 'ronda-pemeriksaan-semua.csv', json: 'ronda-semua.json' };
  yield { name: whole.readings, kind: 'readings-csv', month: null, text: csvHeader(READING_COLUMNS), rows: 0 };
  yield { name: whole.checks, kind: 'checks-csv', month: null, text: csvHeader(CHECK_COLUMNS), rows: 0 };
  yield { name: whole.json, kind: 'json', month: null, text: jsonHead(null), rows: 0 };
  let open: string | null = null; // the month whose files are being written
  let firstInWhole = true;
  let firstInMonth = true;
  const closeMonth = function* (): Generator<ExportChunk> {
    if (open !== null) yield { name: `ronda-${open}.json`, kind: 'json', month: open, text: '\n]}\n', rows: 0 };
  };
  for (const p of parts) {
    if (p.rounds === 0) continue;
    if (p.ym !== open) {
      yield* closeMonth();
      open = p.ym;
      firstInMonth = true;
      yield { name: `ronda-pembacaan-${p.ym}.csv`, kind: 'readings-csv', month: p.ym, text: csvHeader(READING_COLUMNS), rows: 0 };
      yield { name: `ronda-pemeriksaan-${p.ym}.csv`, kind: 'checks-csv', month: p.ym, text: csvHeader(CHECK_COLUMNS), rows: 0 };
      yield { name: `ronda-${p.ym}.json`, kind: 'json', month: p.ym, text: jsonHead(p.ym), rows: 0 };
    }
    yield { name: `ronda-pembacaan-${p.ym}.csv`, kind: 'readings-csv', month: p.ym, text: p.readings, rows: p.readingRows };
    yield { name: whole.readings, kind: 'readings-csv', month: null, text: p.readings, rows: p.readingRows };
    yield { name: `ronda-pemeriksaan-${p.ym}.csv`, kind: 'checks-csv', month: p.ym, text: p.checks, rows: p.checkRows };
    yield { name: whole.checks, kind: 'checks-csv', month: null, text: p.checks, rows: p.checkRows };
    // The separator apart: a part read back as bytes is written as it is, never decoded into a string.
    if (!firstInMonth) yield { name: `ronda-${p.ym}.json`, kind: 'json', month: p.ym, text: ',\n', rows: 0 };
    yield { name: `ronda-${p.ym}.json`, kind: 'json', month: p.ym, text: p.json, rows: p.rounds };
    if (!firstInWhole) yield { name: whole.json, kind: 'json', month: null, text: ',\n', rows: 0 };
    yield { name: whole.json, kind: 'json', month: null, text: p.json, rows: p.rounds };
    firstInMonth = false;
    firstInWhole = false;
  }
  yield* closeMonth();
  yield { name: whole.json, kind: 'json', month: null, text: '\n]}\n', rows: 0 };
}

/** The downloads of `entries` (any order): rows by month, then room, date and shift order. */
export function* exportChunks(entries: readonly RoundEntry[], meta: { generatedAt: string; demo: boolean }): Generator<ExportChunk> {
  const sorted = [...entries].sort((a, b) => a.ym.localeCompare(b.ym) || a.room.localeCompare(b.room) || a.index - b.index);
  const parts: MonthPart[] = [];
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j < sorted.length && sorted[j]!.ym === sorted[i]!.ym && sorted[j]!.room === sorted[i]!.room) j++;
    parts.push(monthPart(sorted[i]!.ym, sorted.slice(i, j)));
    i = j;
  }
  yield* assembleExports(parts, meta);
}
